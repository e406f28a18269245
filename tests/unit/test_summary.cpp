// What inspect summarises.
#include <doctest/doctest.h>

#include "core/session/summary.hpp"

using namespace pss;

TEST_CASE("the summary finds fields in either spelling and measures response_body") {
  const auto parsed = json::parse(
      R"({"status": "failed", "statusCode": 502, "responseBody": {"data": {"a": [1, 2]}, "meta": {}}})");
  REQUIRE(parsed.value);
  const Summary summary = summarize(*parsed.value);
  CHECK(summary.values[Field::Status]->text == "failed");
  CHECK(summary.keys[Field::StatusCode] == "statusCode");
  CHECK(summary.values[Field::Type] == nullptr);
  CHECK(summary.body.keys == std::vector<std::string>{"data", "meta"});
  CHECK(summary.body.depth == 3);
  CHECK(summary.body.values == 5);
  CHECK(summary.body.bytes == 35);
}

TEST_CASE("reason phrases") {
  CHECK(http_reason(502) == "Bad Gateway");
  CHECK(http_reason(299).empty());
}
