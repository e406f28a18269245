// The compact document's reader: the grammar of json::parse (value.cpp), rule for rule, without
// its messages (a text it rejects is handed to json::parse, which says why).
#include "core/diff/compact.hpp"

#include <cctype>
#include <limits>

#include "core/json/number.hpp"
#include "core/json/text.hpp"

namespace pss::diff {

static_assert(sizeof(CompactNode) == 16, "a compact node is two words");

class CompactBuilder {
public:
  explicit CompactBuilder(std::string_view text) : text_(text) {}

  std::optional<CompactDocument> run() {
    skip_ws();
    if (text_.substr(0, 3) == "\xEF\xBB\xBF" || at_end()) return std::nullopt;
    if (!parse_value(0)) return std::nullopt;
    skip_ws();
    if (!at_end()) return std::nullopt;
    doc_.nodes_.push_back(stack_.back());
    doc_.nodes_.shrink_to_fit();
    // Offsets become pointers once nothing moves any more.
    for (CompactNode &node : doc_.nodes_) {
      if (node.is_container()) {
        node.first_ = doc_.nodes_.data() + node.at_;
      } else if (node.kind_ == json::Kind::String || node.kind_ == json::Kind::Number) {
        node.text_ = (node.decoded_ ? doc_.decoded_.data() : text_.data()) + node.at_;
      } else {
        node.text_ = nullptr;
      }
      node.decoded_ = false;
    }
    return std::move(doc_);
  }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
  CompactDocument doc_;
  std::vector<CompactNode> stack_; // the children of the containers being read
  std::string scratch_;            // a string being decoded

  static constexpr std::size_t largest = std::numeric_limits<std::uint32_t>::max();

  static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  void skip_ws() {
    while (pos_ < text_.size() && is_ws(text_[pos_])) ++pos_;
  }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }

  bool push(json::Kind kind, std::size_t at, std::size_t size, bool decoded = false) {
    if (size >= largest) return false;
    CompactNode node;
    node.kind_ = kind;
    node.at_ = at;
    node.size_ = static_cast<std::uint32_t>(size);
    node.decoded_ = decoded;
    stack_.push_back(node);
    return true;
  }

  bool parse_value(std::size_t depth) {
    skip_ws();
    if (at_end()) return false;
    switch (text_[pos_]) {
    case '{':
      return parse_container(depth + 1, '}', true);
    case '[':
      return parse_container(depth + 1, ']', false);
    case '"':
      return parse_string();
    case 't':
      return parse_literal("true", json::Kind::True);
    case 'f':
      return parse_literal("false", json::Kind::False);
    case 'n':
      return parse_literal("null", json::Kind::Null);
    default:
      return (text_[pos_] == '-' || (text_[pos_] >= '0' && text_[pos_] <= '9')) && parse_number();
    }
  }

  bool parse_literal(std::string_view word, json::Kind kind) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    if (!at_end() && std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0) return false;
    return push(kind, 0, 0);
  }

  bool parse_number() {
    const std::size_t start = pos_;
    const NumberScan scan = scan_number(text_.substr(start));
    if (scan.error != NumberSyntax::Ok) return false;
    pos_ = start + scan.length;
    if (!at_end() &&
        (std::isalpha(static_cast<unsigned char>(text_[pos_])) != 0 || text_[pos_] == '.')) {
      return false;
    }
    return push(json::Kind::Number, start, pos_ - start);
  }

  // An array or an object (`members`): its children are read onto the stack, then moved side by
  // side into the document, before the container itself.
  bool parse_container(std::size_t depth, char close, bool members) {
    if (depth > json::max_depth) return false;
    ++pos_;
    skip_ws();
    const std::size_t start = stack_.size();
    if (!at_end() && text_[pos_] == close) {
      ++pos_;
    } else {
      while (true) {
        skip_ws();
        if (members) {
          if (at_end() || text_[pos_] != '"' || !parse_string()) return false;
          skip_ws();
          if (at_end() || text_[pos_] != ':') return false;
          ++pos_;
        }
        if (!parse_value(depth)) return false;
        skip_ws();
        if (at_end()) return false;
        if (text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (text_[pos_] != close) return false;
        ++pos_;
        break;
      }
    }
    const std::size_t children = stack_.size() - start;
    const std::size_t first = doc_.nodes_.size();
    doc_.nodes_.insert(doc_.nodes_.end(), stack_.begin() + static_cast<std::ptrdiff_t>(start),
                       stack_.end());
    stack_.resize(start);
    return push(members ? json::Kind::Object : json::Kind::Array, first,
                members ? children / 2 : children);
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool parse_hex4(std::uint32_t &cp) {
    if (pos_ + 4 > text_.size()) return false;
    cp = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const int h = hex_value(text_[pos_ + i]);
      if (h < 0) return false;
      cp = (cp << 4) | static_cast<std::uint32_t>(h);
    }
    pos_ += 4;
    return true;
  }

  // A string: left in the text when it holds no escape, else decoded into the document.
  bool parse_string() {
    const std::size_t start = ++pos_; // past the opening quote
    bool escaped = false;
    scratch_.clear();
    while (true) {
      if (at_end()) return false;
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') break;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (!escaped) scratch_.assign(text_.substr(start, pos_ - start)), escaped = true;
        if (!parse_escape()) return false;
        continue;
      }
      std::size_t end = pos_ + 1;
      if (c < 0x80) {
        while (end < text_.size()) {
          const auto b = static_cast<unsigned char>(text_[end]);
          if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) break;
          ++end;
        }
      } else {
        char32_t cp = 0;
        const std::size_t n = decode_utf8(text_, pos_, cp);
        if (n == 0) return false;
        end = pos_ + n;
      }
      if (escaped) scratch_.append(text_.data() + pos_, end - pos_);
      pos_ = end;
    }
    const std::size_t end = pos_++; // the closing quote
    if (!escaped) return push(json::Kind::String, start, end - start);
    const std::size_t at = doc_.decoded_.size();
    doc_.decoded_.insert(doc_.decoded_.end(), scratch_.begin(), scratch_.end());
    return push(json::Kind::String, at, scratch_.size(), true);
  }

  bool parse_escape() {
    ++pos_; // the backslash
    if (at_end()) return false;
    const char e = text_[pos_++];
    switch (e) {
    case '"':
    case '\\':
    case '/':
      scratch_ += e;
      return true;
    case 'b':
      scratch_ += '\b';
      return true;
    case 'f':
      scratch_ += '\f';
      return true;
    case 'n':
      scratch_ += '\n';
      return true;
    case 'r':
      scratch_ += '\r';
      return true;
    case 't':
      scratch_ += '\t';
      return true;
    case 'u': {
      std::uint32_t cp = 0;
      if (!parse_hex4(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (text_.substr(pos_, 2) != "\\u") return false;
        pos_ += 2;
        std::uint32_t low = 0;
        if (!parse_hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
      append_utf8(scratch_, static_cast<char32_t>(cp));
      return true;
    }
    default:
      return false;
    }
  }
};

const CompactNode *CompactNode::find(std::string_view key) const {
  if (kind_ != json::Kind::Object) return nullptr;
  for (std::size_t i = 0; i < size_; ++i) {
    if (first_[2 * i].text() == key) return &first_[2 * i + 1];
  }
  return nullptr;
}

std::optional<CompactDocument> CompactDocument::parse(std::string_view text) {
  return CompactBuilder(text).run();
}

json::Value to_value(const CompactNode &node) {
  json::Value out;
  out.kind = node.kind();
  switch (node.kind()) {
  case json::Kind::Array:
    out.items.reserve(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) out.items.push_back(to_value(node.item(i)));
    break;
  case json::Kind::Object:
    out.members.reserve(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) {
      out.members.push_back(
          json::Member{std::string(node.key(i).text()), 0, to_value(node.value(i))});
    }
    break;
  default:
    out.text.assign(node.text());
    break;
  }
  return out;
}

} // namespace pss::diff
