// The tokenizer that writes a CompactTape, and reading values back from the source.
#include "core/json/compact_tape.hpp"

#include <algorithm>

#include "core/json/number.hpp"
#include "core/json/tokenizer.hpp"

namespace pss::json {
namespace {

constexpr std::size_t chunk_words = std::size_t{1} << 17; // 1 MiB

} // namespace

// The tokenizer's sink that writes the words. Appends them to the chunks; the position is always
// a real slot, never a chunk's link word, so that a container's "after" address is the word that
// follows it.
class CompactTape::Builder {
public:
  explicit Builder(CompactTape &tape) : tape_(tape), begin_(tape.text_.data()) {
    start(allocate());
    tape_.first_ = at_;
  }

  bool scalar(Kind kind, const char *at, std::size_t length, bool escaped) {
    push(word(static_cast<Word>(kind), at, length) | (escaped ? escaped_bit : 0));
    return true;
  }
  bool key(const char *at, std::size_t length, bool escaped) {
    push(word(tag_key, at, length) | (escaped ? escaped_bit : 0));
    return true;
  }
  bool open(Kind kind, const char *at) {
    open_.push_back(at_);
    push(word(static_cast<Word>(kind), at, 0)); // its length is set when it closes
    push(0); // set to the address after the container when it closes
    return true;
  }
  bool close(const char *at) {
    Word &first = *open_.back();
    open_.pop_back();
    // The second word: the first one's next slot, or the next chunk's first when the first word
    // took the last slot of its chunk.
    Word &second = const_cast<Word &>(*step(&first + 1));
    second = static_cast<Word>(reinterpret_cast<std::uintptr_t>(at_));
    const std::size_t length = static_cast<std::size_t>(at + 1 - begin_) - offset(first);
    first |= std::min<Word>(length, length_mask) << length_shift;
    // Containers this long are few (fewer than the text's size in 512 KiB at each depth).
    if (length >= length_mask) tape_.long_ends_.emplace(&first, offset(first) + length);
    return true;
  }
  void finish() { push(tag_end << tag_shift); }

private:
  CompactTape &tape_;
  const char *begin_;
  Word *at_ = nullptr;
  Word *limit_ = nullptr;    // the link slot of the current chunk
  std::vector<Word *> open_; // the first words of the open containers

  [[nodiscard]] Word word(Word tag, const char *at, std::size_t length) const {
    return tag << tag_shift | std::min<Word>(length, length_mask) << length_shift |
           static_cast<Word>(at - begin_);
  }
  void push(Word word) {
    *at_++ = word;
    if (at_ == limit_) {
      Word *next = allocate();
      *at_ = tag_link << tag_shift | static_cast<Word>(reinterpret_cast<std::uintptr_t>(next));
      start(next);
    }
  }
  void start(Word *chunk) {
    at_ = chunk;
    limit_ = chunk + chunk_words - 1;
  }
  Word *allocate() {
    tape_.chunks_.push_back(std::make_unique_for_overwrite<Word[]>(chunk_words));
    return tape_.chunks_.back().get();
  }
};

CompactTape::CompactTape() = default;
CompactTape::~CompactTape() = default;

void CompactTape::clear() {
  chunks_.clear();
  chunks_.shrink_to_fit();
  decoded_.clear();
  long_ends_.clear();
  first_ = nullptr;
  text_ = {};
}

bool CompactTape::read(std::string_view text) {
  clear();
  if (text.size() > offset_mask) return false;
  text_ = text;
  Builder out(*this);
  if (!tokenizer::tokenize(text, out)) {
    clear();
    return false;
  }
  out.finish();
  return true;
}

std::size_t CompactTape::end(const Word &word) const {
  const std::size_t begin = offset(word);
  const Word tag = word >> tag_shift;
  const std::size_t length = static_cast<std::size_t>((word >> length_shift) & length_mask);
  switch (tag) {
  case static_cast<Word>(Kind::String):
  case tag_key: {
    if (length != length_mask) return begin + length;
    // The tokenizer validated the string: the first quote not escaped closes it.
    std::size_t at = begin + 1;
    while (text_[at] != '"') at += text_[at] == '\\' ? 2 : 1;
    return at + 1;
  }
  case static_cast<Word>(Kind::Number):
    if (length != length_mask) return begin + length;
    return begin + scan_number(text_.substr(begin)).length;
  case static_cast<Word>(Kind::True):
  case static_cast<Word>(Kind::Null):
    return begin + 4;
  case static_cast<Word>(Kind::False):
    return begin + 5;
  default: // a container: its length is in the word, or in long_ends_ when it does not fit
    if (length != length_mask) return begin + length;
    return long_ends_.at(&word);
  }
}

std::string_view CompactTape::decoded_text(const Word &word) {
  const Word tag = word >> tag_shift;
  if (tag == static_cast<Word>(Kind::Number)) {
    const std::size_t begin = offset(word);
    return text_.substr(begin, end(word) - begin);
  }
  if (tag != static_cast<Word>(Kind::String) && tag != tag_key) return {};
  const std::size_t begin = offset(word);
  const std::size_t length = end(word) - begin;
  if ((word & escaped_bit) == 0) return text_.substr(begin + 1, length - 2);
  const auto [decoded, fresh] = decoded_.try_emplace(&word);
  if (fresh) {
    decoded->second = tokenizer::decode_string(text_.substr(begin, length));
  }
  return decoded->second;
}

} // namespace pss::json
