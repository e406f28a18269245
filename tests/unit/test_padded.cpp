// json::PaddedView: text that simdjson may parse in place, made only where the padding is there.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <string>
#include <string_view>

#include "core/json/padded.hpp"

using namespace pss::json;

TEST_CASE("a padded view is text with at least simdjson's padding after it in its buffer") {
  const std::string buffer = std::string(R"({"a":1})") + std::string(padding, ' ');
  const std::string_view text(buffer.data(), 7);
  const auto view = PaddedView::within(buffer, text);
  REQUIRE(view);
  CHECK(view->view() == R"({"a":1})");
  CHECK(view->data() == buffer.data());
  // A line inside a block: the bytes after it count as its padding.
  CHECK(PaddedView::within(buffer, std::string_view(buffer.data() + 1, 4)));
}

TEST_CASE("a padded view is refused when fewer padding bytes follow or the text lies outside") {
  const std::string buffer = std::string(R"({"a":1})") + std::string(padding - 1, ' ');
  CHECK_FALSE(PaddedView::within(buffer, std::string_view(buffer.data(), 7)));
  const std::string other = std::string(R"({"a":1})") + std::string(padding, ' ');
  CHECK_FALSE(PaddedView::within(buffer, std::string_view(other.data(), 7)));
  CHECK_FALSE(
      PaddedView::within(std::string_view(other.data(), 7), std::string_view(other.data(), 7)));
}

TEST_CASE("a padded_string is a padded view of its whole text") {
  const simdjson::padded_string text(std::string_view(R"({"a":1})"));
  const PaddedView view(text);
  CHECK(view.size() == 7);
  CHECK(std::string_view(view) == R"({"a":1})");
  CHECK(padding == simdjson::SIMDJSON_PADDING);
}
