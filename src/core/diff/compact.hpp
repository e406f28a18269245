// A compact tree of one JSON document, for diffing large ones: 16 bytes a value, where a
// json::Value takes about 104 plus the spare room of its vectors (so two documents of 3 million
// small numbers take 100 MB instead of more than a gigabyte). Strings without escapes and
// number literals stay in the document's text; no byte offsets are kept. Read by the tokenizer
// that also writes the check's CompactTape (json/tokenizer.hpp); unlike the tape's forward links,
// the nodes give a container's size and its i-th item at once, as aligning arrays needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/json/value.hpp"

namespace pss::diff {

// One value of a CompactDocument. An object's members are its children two by two: the key (a
// String node) then the value.
class CompactNode {
public:
  [[nodiscard]] json::Kind kind() const { return kind_; }
  // String: the decoded text; Number: the literal as written; "" for the other kinds.
  [[nodiscard]] std::string_view text() const {
    return is_container() ? std::string_view{} : std::string_view(text_, size_);
  }
  // Array: its items; Object: its members in document order, duplicates kept; 0 otherwise.
  [[nodiscard]] std::size_t size() const { return is_container() ? size_ : 0; }
  [[nodiscard]] const CompactNode &item(std::size_t i) const { return first_[i]; } // i < size()
  [[nodiscard]] const CompactNode &key(std::size_t i) const { return first_[2 * i]; }
  [[nodiscard]] const CompactNode &value(std::size_t i) const { return first_[2 * i + 1]; }
  // The value of the first member named `key` (as json::Value::find), or nullptr.
  [[nodiscard]] const CompactNode *find(std::string_view key) const;

private:
  friend class CompactBuilder;
  [[nodiscard]] bool is_container() const {
    return kind_ == json::Kind::Array || kind_ == json::Kind::Object;
  }
  union {
    const char *text_ = nullptr; // scalars: their text
    const CompactNode *first_;   // containers: the first child
    std::size_t at_;             // while building: an offset, turned into one of the above
  };
  std::uint32_t size_ = 0; // bytes of text, or items, or members
  json::Kind kind_ = json::Kind::Null;
  bool decoded_ = false; // while building: `at_` is in the decoded strings, not the text
};

class CompactDocument {
public:
  // Reads exactly one JSON text, accepting what json::parse accepts (RFC 8259, strict: no
  // comments or trailing commas, valid UTF-8, no lone surrogate escapes, json::max_depth). Returns
  // nullopt when the text is not JSON (json::parse then says where and why) or holds a string or
  // container of 2^32 bytes or items or more. The document points into `text`, which must outlive
  // it (moving the document keeps it valid).
  [[nodiscard]] static std::optional<CompactDocument> parse(std::string_view text);

  [[nodiscard]] const CompactNode &root() const { return nodes_.back(); }
  // Values in the document (every node, keys included).
  [[nodiscard]] std::size_t size() const { return nodes_.size(); }

private:
  friend class CompactBuilder;
  std::vector<CompactNode> nodes_; // children before their parent, siblings side by side
  std::vector<char> decoded_;      // strings that held escapes, decoded
};

// `node` as a json::Value tree (offsets 0: a compact node has none), to show or write it.
[[nodiscard]] json::Value to_value(const CompactNode &node);

} // namespace pss::diff
