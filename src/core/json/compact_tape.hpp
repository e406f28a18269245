// A located view of a large valid JSON text at one or two 64-bit words a value: what checking a
// document too large for simdjson's DOM (about 14 bytes of address space per input byte) costs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/json/value.hpp"

namespace pss::json {

// One pass of the compact readers' strict RFC 8259 tokenizer (tokenizer.hpp, which also builds
// diff's CompactDocument) over the text writes one word per scalar and per key
// (its kind, its byte offset, its length in bytes) and two per array or object (the second holds
// the address of the word after the container's last one). Words are stored in chunks of 1 MiB
// that never move (a vector doubling to 160 MB would need 384 MB at once), so a word's address
// is a stable handle, as the Analyzer needs. Numbers and strings are read from the source when
// asked: a string without a backslash is a view into it, an escaped one is decoded (by
// json::parse, the one string reader) into storage kept until the next read().
class CompactTape {
public:
  using Word = std::uint64_t;

  CompactTape();
  ~CompactTape();
  CompactTape(const CompactTape &) = delete;
  CompactTape &operator=(const CompactTape &) = delete;

  // Reads `text`, which must stay alive and unchanged while the tape is used. True when it is
  // one JSON text (RFC 8259: whitespace around one value, valid UTF-8, strings and escapes
  // well formed, no lone surrogate escape) nesting at most json::max_depth arrays and objects:
  // exactly what json::parse accepts. False otherwise (the tape is then empty: json::parse says
  // what is wrong and where). Texts of 2^40 bytes (1 TiB) or more are refused.
  [[nodiscard]] bool read(std::string_view text);
  // Frees the words and decoded strings (a Checker keeps the tape between documents).
  void clear();

  // The root value's first word; valid after a successful read().
  [[nodiscard]] const Word &root() const { return *first_; }
  [[nodiscard]] static Kind kind(const Word &word) { return static_cast<Kind>(word >> tag_shift); }
  // Byte offsets in the text (0-based): a key's opening quote or a value's first byte, and one
  // past a key's or value's last byte.
  [[nodiscard]] static std::size_t offset(const Word &word) {
    return static_cast<std::size_t>(word & offset_mask);
  }
  // end() takes constant time, except for a string or number of 512 KiB or more (read again).
  [[nodiscard]] std::size_t end(const Word &word) const;
  // A string's or key's decoded text, a number's literal as written; empty for other kinds.
  [[nodiscard]] std::string_view text(const Word &word) {
    // Most strings and keys: no escape, and a length that fits the word.
    const Word tag = word >> tag_shift;
    const auto length = static_cast<std::size_t>((word >> length_shift) & length_mask);
    if ((tag == static_cast<Word>(Kind::String) || tag == tag_key) && (word & escaped_bit) == 0 &&
        length != length_mask) {
      return {text_.data() + offset(word) + 1, length - 2};
    }
    return decoded_text(word);
  }
  // The value of the member whose key word is `key`.
  [[nodiscard]] static const Word &value_of(const Word &key) { return *step(&key + 1); }
  // A container's first member (key word) or item, or after(container) when it is empty.
  [[nodiscard]] static const Word *first_child(const Word &container) {
    return step(step(&container + 1) + 1);
  }
  // The word after a value: the next item or key of its container, or the container's end.
  [[nodiscard]] static const Word *after(const Word &value) {
    const Kind k = kind(value);
    if (k == Kind::Array || k == Kind::Object) {
      return reinterpret_cast<const Word *>(static_cast<std::uintptr_t>(*step(&value + 1)));
    }
    return step(&value + 1);
  }
  // The word after a member: its value's after().
  [[nodiscard]] static const Word *after_member(const Word &key) { return after(value_of(key)); }

private:
  // Bits of a word: tag (4, a json::Kind, or key/link/end), escaped (1: a string or key holding
  // a backslash), length (19: bytes from offset to end, a container's written when it closes;
  // all ones when longer), offset (40).
  static constexpr int tag_shift = 60;
  static constexpr Word escaped_bit = Word{1} << 59;
  static constexpr int length_shift = 40;
  static constexpr Word length_mask = (Word{1} << 19) - 1;
  static constexpr Word offset_mask = (Word{1} << length_shift) - 1;
  static constexpr Word payload_mask = (Word{1} << tag_shift) - 1;
  static constexpr Word tag_key = 7;
  static constexpr Word tag_link = 8; // the last word of a chunk: the address of the next one
  static constexpr Word tag_end = 9;  // after the root value

  // The word at `at`, or the first word of the next chunk when `at` is a chunk's link.
  [[nodiscard]] static const Word *step(const Word *at) {
    if ((*at >> tag_shift) != tag_link) return at;
    return reinterpret_cast<const Word *>(static_cast<std::uintptr_t>(*at & payload_mask));
  }

  class Builder;
  [[nodiscard]] std::string_view decoded_text(const Word &word);
  std::string_view text_;
  std::vector<std::unique_ptr<Word[]>> chunks_;
  const Word *first_ = nullptr;
  // Escaped strings decoded so far, by the address of their word.
  std::unordered_map<const Word *, std::string> decoded_;
  // The end offsets of the arrays and objects whose length does not fit their word.
  std::unordered_map<const Word *, std::size_t> long_ends_;
};

} // namespace pss::json
