// The JSON Schema (2020-12) of a session, derived from the field table.
#pragma once

#include <string>

#include "core/session/fields.hpp"

namespace pss {

// `strict`: what the current OpenAPI enforces (status required, integer status_code, no other
// properties). Pretty-printed with two spaces, ending with a newline.
[[nodiscard]] std::string json_schema(Naming naming, bool strict);

} // namespace pss
