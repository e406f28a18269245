// Locating simdjson's tape words in the source they were parsed from.
#include "core/session/tape.hpp"

#include "core/json/number.hpp"

namespace pss {

json::Kind TapeView::kind(const Value &value) const {
  switch (tape_.type(tape_.index(value))) {
  case '"':
    return json::Kind::String;
  case 'l':
  case 'u':
  case 'd':
    return json::Kind::Number;
  case 't':
    return json::Kind::True;
  case 'f':
    return json::Kind::False;
  case '{':
    return json::Kind::Object;
  case '[':
    return json::Kind::Array;
  default:
    return json::Kind::Null;
  }
}

std::string_view TapeView::text(const Value &value) {
  const std::size_t i = tape_.index(value);
  switch (tape_.type(i)) {
  case '"':
    return tape_.string(i);
  case 'l':
  case 'u':
  case 'd': {
    const std::size_t begin = offset(value);
    return text_.substr(begin, end(value) - begin);
  }
  default:
    return {};
  }
}

std::size_t TapeView::offset(const Value &value) {
  if (!mapped_) map_offsets();
  return offsets_[tape_.index(value)];
}

std::size_t TapeView::end(const Value &value) {
  const std::size_t i = tape_.index(value);
  const std::size_t begin = offset(value);
  switch (tape_.type(i)) {
  case '"': {
    // simdjson validated the string: the first quote not escaped closes it.
    std::size_t at = begin + 1;
    while (text_[at] != '"') at += text_[at] == '\\' ? 2 : 1;
    return at + 1;
  }
  case 'l':
  case 'u':
  case 'd':
    return begin + scan_number(text_.substr(begin)).length;
  case 't':
  case 'n':
    return begin + 4;
  case 'f':
    return begin + 5;
  default: // a container: one past its closing bracket, the word before the one after it
    return offset(tape_.word(tape_.after(i) - 1)) + 1;
  }
}

void TapeView::map_offsets() {
  mapped_ = true;
  const std::uint32_t *structurals = parser_.implementation->structural_indexes.get();
  const std::size_t last = static_cast<std::size_t>(tape_.payload(0)); // the closing root word
  offsets_.resize(last);
  std::size_t s = 0;
  for (std::size_t i = 1; i < last;) {
    while (text_[structurals[s]] == ':' || text_[structurals[s]] == ',') ++s;
    offsets_[i] = structurals[s++];
    const char type = tape_.type(i);
    i += type == 'l' || type == 'u' || type == 'd' ? 2 : 1;
  }
}

} // namespace pss
