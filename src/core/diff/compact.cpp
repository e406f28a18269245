// The compact document, built from the tokens of the compact readers' one tokenizer
// (json/tokenizer.hpp), which accepts what json::parse accepts.
#include "core/diff/compact.hpp"

#include <limits>
#include <string>

#include "core/json/tokenizer.hpp"

namespace pss::diff {

static_assert(sizeof(CompactNode) == 16, "a compact node is two words");

// The tokenizer's sink that builds the nodes: the children of the open containers wait on a
// stack, and are moved side by side into the document, before their container, when it closes.
class CompactBuilder {
public:
  explicit CompactBuilder(std::string_view text) : text_(text) {}

  std::optional<CompactDocument> run() {
    if (!json::tokenizer::tokenize(text_, *this)) return std::nullopt;
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

  bool scalar(json::Kind kind, const char *at, std::size_t length, bool escaped) {
    if (kind == json::Kind::String) return string(at, length, escaped);
    if (kind == json::Kind::Number) return push(kind, offset(at), length);
    return push(kind, 0, 0);
  }
  bool key(const char *at, std::size_t length, bool escaped) { return string(at, length, escaped); }
  bool open(json::Kind kind, const char *) {
    open_.push_back(Open{stack_.size(), kind});
    return true;
  }
  // The container's children are moved side by side into the document, before the container.
  bool close(const char *) {
    const Open container = open_.back();
    open_.pop_back();
    const std::size_t children = stack_.size() - container.start;
    const std::size_t first = doc_.nodes_.size();
    doc_.nodes_.insert(doc_.nodes_.end(),
                       stack_.begin() + static_cast<std::ptrdiff_t>(container.start), stack_.end());
    stack_.resize(container.start);
    return push(container.kind, first,
                container.kind == json::Kind::Object ? children / 2 : children);
  }

private:
  std::string_view text_;
  CompactDocument doc_;
  std::vector<CompactNode> stack_; // the children of the containers being read
  struct Open {
    std::size_t start; // where its children start in stack_
    json::Kind kind;
  };
  std::vector<Open> open_; // the containers being read

  static constexpr std::size_t largest = std::numeric_limits<std::uint32_t>::max();

  [[nodiscard]] std::size_t offset(const char *at) const {
    return static_cast<std::size_t>(at - text_.data());
  }

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

  // A string (or key): left in the text when it holds no escape, else decoded into the document.
  bool string(const char *at, std::size_t length, bool escaped) {
    if (!escaped) return push(json::Kind::String, offset(at) + 1, length - 2);
    const std::string decoded = json::tokenizer::decode_string(std::string_view(at, length));
    const std::size_t start = doc_.decoded_.size();
    doc_.decoded_.insert(doc_.decoded_.end(), decoded.begin(), decoded.end());
    return push(json::Kind::String, start, decoded.size(), true);
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
