// What inspect summarises.
#include <doctest/doctest.h>

#include "core/summary.hpp"

using namespace pss;

TEST_CASE("the summary finds fields in either spelling and measures response_body") {
  const auto parsed = json::parse(
      R"({"status": "failed", "statusCode": 502, "responseBody": {"data": {"a": [1, 2]}, "meta": {}}})");
  REQUIRE(parsed.value);
  const Summary summary = summarize(*parsed.value);
  CHECK(summary.values[1]->text == "failed");
  CHECK(summary.keys[3] == "statusCode");
  CHECK(summary.values[0] == nullptr);
  CHECK(summary.body.keys == std::vector<std::string>{"data", "meta"});
  CHECK(summary.body.depth == 3);
  CHECK(summary.body.values == 5);
  CHECK(summary.body.bytes == 35);
}

TEST_CASE("reason phrases") {
  CHECK(http_reason(502) == "Bad Gateway");
  CHECK(http_reason(299).empty());
}
