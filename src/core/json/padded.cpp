// Text followed by simdjson's padding.
#include "core/json/padded.hpp"

#include <simdjson.h>

namespace pss::json {

static_assert(padding == simdjson::SIMDJSON_PADDING);

PaddedView::PaddedView(const simdjson::padded_string &text) noexcept
    : text_(text.data(), text.size()) {}

} // namespace pss::json
