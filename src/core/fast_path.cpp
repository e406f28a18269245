// A single pass over simdjson's DOM tape (a flat array of 64-bit words; the layout is described in
// simdjson's doc/tape.md) instead of element objects: the walk costs less than the parse.
#include "core/fast_path.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <unordered_set>

namespace pss {
namespace {

class Tape {
public:
  explicit Tape(const simdjson::dom::document &doc)
      : words_(doc.tape.get()), strings_(doc.string_buf.get()) {}

  [[nodiscard]] char type(std::size_t i) const { return static_cast<char>(words_[i] >> 56); }
  [[nodiscard]] std::uint64_t payload(std::size_t i) const {
    return words_[i] & simdjson::internal::JSON_VALUE_MASK;
  }
  [[nodiscard]] std::string_view string(std::size_t i) const {
    const std::uint8_t *at = strings_ + payload(i);
    std::uint32_t length = 0;
    std::memcpy(&length, at, sizeof length);
    return {reinterpret_cast<const char *>(at + sizeof length), length};
  }
  [[nodiscard]] std::int64_t int64(std::size_t i) const {
    std::int64_t value = 0;
    std::memcpy(&value, &words_[i + 1], sizeof value);
    return value;
  }
  [[nodiscard]] std::uint64_t uint64(std::size_t i) const { return words_[i + 1]; }
  [[nodiscard]] double float64(std::size_t i) const {
    double value = 0;
    std::memcpy(&value, &words_[i + 1], sizeof value);
    return value;
  }
  // The index after the value at i (containers: after their closing word).
  [[nodiscard]] std::size_t after(std::size_t i) const {
    switch (type(i)) {
    case '{':
    case '[':
      return static_cast<std::size_t>(payload(i) & 0xFFFFFFFF);
    case 'l':
    case 'u':
    case 'd':
      return i + 2;
    default:
      return i + 1;
    }
  }

private:
  const std::uint64_t *words_;
  const std::uint8_t *strings_;
};

// An integer is clean when its digits are no card number: millisecond timestamps are common.
template <typename Integer> bool integer_clean(Integer value) {
  constexpr Integer limit = 1'000'000'000'000;
  if constexpr (std::is_signed_v<Integer>) {
    if (value > -limit && value < limit) return true;
  } else {
    if (value < limit) return true;
  }
  std::array<char, 24> digits; // written by to_chars before it is read
  const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && !has_card_number(std::string_view(
                                     digits.data(), static_cast<std::size_t>(end - digits.data())));
}

bool has_duplicate_keys_slow(const Tape &tape, std::size_t object, std::size_t end) {
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = object + 1; i < end; i = tape.after(i + 1)) {
    if (!seen.insert(tape.string(i)).second) return true;
  }
  return false;
}

bool has_duplicate_keys(const Tape &tape, std::size_t object) {
  const std::size_t end = tape.after(object) - 1; // the closing '}'
  // Most objects are small: compare pairwise, in storage left uninitialised on purpose (clearing
  // it per object was a measurable share of the walk).
  constexpr std::size_t few = 16;
  const char *data[few];
  std::size_t size[few];
  std::size_t count = 0;
  for (std::size_t i = object + 1; i < end; i = tape.after(i + 1)) {
    if (count == few) return has_duplicate_keys_slow(tape, object, end);
    const std::string_view key = tape.string(i);
    for (std::size_t j = 0; j < count; ++j) {
      if (size[j] == key.size() && std::memcmp(data[j], key.data(), key.size()) == 0) return true;
    }
    data[count] = key.data();
    size[count] = key.size();
    ++count;
  }
  return false;
}

// response_body: no duplicate key in any object, no value that may be a card number. Keys are
// strings on the tape too: a card-like key only sends the document to the located path.
bool clean_body(const Tape &tape, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end;) {
    switch (tape.type(i)) {
    case '{':
      if (has_duplicate_keys(tape, i)) return false;
      ++i;
      break;
    case '"':
      if (has_card_number(tape.string(i))) return false;
      ++i;
      break;
    case 'l':
      if (!integer_clean(tape.int64(i))) return false;
      i += 2;
      break;
    case 'u':
      if (!integer_clean(tape.uint64(i))) return false;
      i += 2;
      break;
    case 'd': {
      // A card number counts in a number that denotes an integer; its digits are gone here, but
      // any such number of 13 digits or more is a whole double of at least 1e12.
      const double value = std::fabs(tape.float64(i));
      if (value >= 1e12 && value == std::floor(value)) return false;
      i += 2;
      break;
    }
    default:
      ++i;
    }
  }
  return true;
}

bool in_enum(const FieldSpec &field, std::string_view value) {
  return std::find(field.allowed.begin(), field.allowed.end(), value) != field.allowed.end();
}

} // namespace

bool quick_clean(const simdjson::dom::document &doc, const CheckOptions &options,
                 DetectedNaming &naming) {
  const Tape tape(doc);
  constexpr std::size_t root = 1; // tape[0] is the root word
  if (tape.type(root) != '{') return false;
  const std::size_t end = tape.after(root) - 1;
  const auto specs = fields();
  std::array<std::size_t, 5> at{}; // tape index of each field's value, 0 when absent
  bool wire = false;
  bool sdk = false;
  for (std::size_t i = root + 1; i < end; i = tape.after(i + 1)) {
    const FieldMatch match = find_field(tape.string(i));
    if (match.field == nullptr) return false;
    const auto index = static_cast<std::size_t>(match.field - specs.data());
    if (at[index] != 0) return false; // a duplicate, or both spellings
    at[index] = i + 1;
    if (match.field->has_two_spellings()) {
      wire = wire || match.wire;
      sdk = sdk || match.sdk;
    }
  }
  if ((wire && sdk) || (options.naming == NamingMode::Wire && sdk) ||
      (options.naming == NamingMode::Sdk && wire)) {
    return false;
  }
  naming = wire ? DetectedNaming::Wire : sdk ? DetectedNaming::Sdk : DetectedNaming::Either;

  // type and status: strings within their enums; status present.
  if (at[0] != 0 && (tape.type(at[0]) != '"' || !in_enum(specs[0], tape.string(at[0])))) {
    return false;
  }
  if (at[1] == 0 || tape.type(at[1]) != '"' || !in_enum(specs[1], tape.string(at[1]))) {
    return false;
  }
  const bool failed = tape.string(at[1]) == "failed";

  // code: a string exactly when the session failed.
  const char code = at[2] == 0 ? 'n' : tape.type(at[2]);
  if (code != 'n' && code != '"') return false;
  if (failed != (code == '"')) return false;

  // status_code: null, or an integer HTTP status that agrees with status.
  if (at[3] != 0 && tape.type(at[3]) != 'n') {
    std::int64_t http = 0;
    if (tape.type(at[3]) == 'l') {
      http = tape.int64(at[3]);
    } else {
      return false;
    }
    if (http < 100 || http > 599) return false;
    if (failed == (http >= 200 && http <= 299)) return false;
  }

  // response_body: null, or an object without duplicate keys or card numbers.
  if (at[4] != 0 && tape.type(at[4]) != 'n') {
    if (tape.type(at[4]) != '{') return false;
    if (!clean_body(tape, at[4], tape.after(at[4]))) return false;
  }
  return true;
}

} // namespace pss
