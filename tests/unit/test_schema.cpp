// The JSON Schema comes from the field table and is itself valid JSON.
#include <doctest/doctest.h>

#include "core/json/value.hpp"
#include "core/session/schema.hpp"

using namespace pss;

TEST_CASE("the schema parses and names every field in the requested spelling") {
  const std::string wire = json_schema(Naming::Wire, false);
  const auto parsed = json::parse(wire);
  REQUIRE(parsed.value);
  const json::Value *properties = parsed.value->find("properties");
  REQUIRE(properties != nullptr);
  CHECK(properties->members.size() == 5);
  CHECK(properties->find("status_code") != nullptr);
  CHECK(parsed.value->find("required") == nullptr);
  const auto sdk = json::parse(json_schema(Naming::Sdk, false));
  REQUIRE(sdk.value);
  CHECK(sdk.value->find("properties")->find("statusCode") != nullptr);
}

TEST_CASE("the strict schema is what the current OpenAPI enforces") {
  const auto parsed = json::parse(json_schema(Naming::Wire, true));
  REQUIRE(parsed.value);
  CHECK(parsed.value->find("additionalProperties")->kind == json::Kind::False);
  CHECK(parsed.value->find("required")->items.at(0).text == "status");
  const auto *status_code = parsed.value->find("properties")->find("status_code");
  CHECK(status_code->find("type")->items.at(0).text == "integer");
}
