// Text that simdjson may parse in place: its bytes are followed by readable padding.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

namespace simdjson {
struct padded_string;
} // namespace simdjson

namespace pss::json {

// Bytes of padding simdjson reads past the end of a text it parses (simdjson::SIMDJSON_PADDING:
// its SIMD loads run over the end), which a text must be followed by to be parsed in place.
inline constexpr std::size_t padding = 64;

// A view of text followed by at least `padding` readable bytes, so that simdjson parses it where
// it lies instead of copying it into a padded buffer first. It exists so that the promise is a
// type that only what keeps it can make (a reader's buffer with its padding, a
// simdjson::padded_string), not a `bool padded` beside a string_view that any caller can set.
// It converts to the std::string_view of its text (the padding excluded).
class PaddedView {
public:
  // The text of a simdjson::padded_string, which allocates its own padding.
  explicit PaddedView(const simdjson::padded_string &text) noexcept;

  // `text` when it lies inside `buffer` with at least `padding` bytes of `buffer` after its end;
  // nothing otherwise (it does not lie inside, or too few bytes follow).
  [[nodiscard]] static std::optional<PaddedView> within(std::string_view buffer,
                                                        std::string_view text) noexcept {
    const char *begin = buffer.data();
    const char *end = buffer.data() + buffer.size();
    const std::less<const char *> before; // a total order, also across unrelated buffers
    if (before(text.data(), begin) || before(end, text.data()) ||
        static_cast<std::size_t>(end - text.data()) < text.size() + padding) {
      return std::nullopt;
    }
    return PaddedView(text);
  }

  [[nodiscard]] std::string_view view() const noexcept { return text_; }
  operator std::string_view() const noexcept { return text_; } // NOLINT: it is a string_view
  [[nodiscard]] const char *data() const noexcept { return text_.data(); }
  [[nodiscard]] std::size_t size() const noexcept { return text_.size(); } // bytes
  [[nodiscard]] bool empty() const noexcept { return text_.empty(); }

private:
  explicit PaddedView(std::string_view text) noexcept : text_(text) {}
  std::string_view text_;
};

} // namespace pss::json
