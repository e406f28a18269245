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

bool IdenticalText::equal(std::string_view old_text, std::string_view new_text, bool padded) {
  if (old_text != new_text) return false;
  // simdjson's DOM parser keeps about 14 bytes of address space per byte of the largest text it
  // parsed (check.cpp's fast path has the same bound): past it the two trees are compared.
  constexpr std::size_t largest_fast_document = std::size_t{8} << 20;
  if (new_text.size() > largest_fast_document) return false;
  const char *data = new_text.data();
  if (!padded) {
    impl_->scratch.assign(new_text);
    impl_->scratch.append(simdjson::SIMDJSON_PADDING, ' ');
    data = impl_->scratch.data();
  }
  simdjson::dom::element root;
  return impl_->parser
             .parse_into_document(impl_->doc, reinterpret_cast<const std::uint8_t *>(data),
                                  new_text.size(), false)
             .get(root) == simdjson::SUCCESS;
}

} // namespace pss::diff
