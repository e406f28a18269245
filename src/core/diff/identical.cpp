// Byte-identical documents: one simdjson validation instead of two parses and a comparison.
#include "core/diff/identical.hpp"

#include <simdjson.h>

#include <cstdint>
#include <string>

#include "core/json/value.hpp"

namespace pss::diff {

static_assert(json::max_depth == simdjson::DEFAULT_MAX_DEPTH);

struct IdenticalText::Impl {
  simdjson::dom::parser parser;
  simdjson::dom::document doc;
  std::string scratch; // a padded copy when the caller cannot promise padding
};

IdenticalText::IdenticalText() : impl_(std::make_unique<Impl>()) {}
IdenticalText::~IdenticalText() = default;

// simdjson's DOM parser keeps about 14 bytes of address space per byte of the largest text it
// parsed (check.cpp's fast path has the same bound): past it the two trees are compared.
constexpr std::size_t largest_fast_document = std::size_t{8} << 20;

bool IdenticalText::equal(std::string_view old_text, json::PaddedView new_text) {
  return equal(old_text, new_text.view(), new_text.data());
}

bool IdenticalText::equal(std::string_view old_text, std::string_view new_text) {
  if (old_text != new_text || new_text.size() > largest_fast_document) return false;
  impl_->scratch.assign(new_text);
  impl_->scratch.append(json::padding, ' ');
  return equal(old_text, new_text, impl_->scratch.data());
}

bool IdenticalText::equal(std::string_view old_text, std::string_view new_text, const char *data) {
  if (old_text != new_text || new_text.size() > largest_fast_document) return false;
  simdjson::dom::element root;
  return impl_->parser
             .parse_into_document(impl_->doc, reinterpret_cast<const std::uint8_t *>(data),
                                  new_text.size(), false)
             .get(root) == simdjson::SUCCESS;
}

} // namespace pss::diff
