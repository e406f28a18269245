// The fast path of Checker: deciding from simdjson's tape alone that a document has no findings.
#pragma once

#include <simdjson.h>

#include "core/session/check.hpp"

namespace pss {

// True only when the document parsed into `doc` certainly has no findings under `options`;
// `naming` is then the spelling it uses. False means "maybe": the located path decides.
[[nodiscard]] bool quick_clean(const simdjson::dom::document &doc, const CheckOptions &options,
                               DetectedNaming &naming);

} // namespace pss
