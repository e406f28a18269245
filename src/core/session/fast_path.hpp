// A screen over simdjson's tape alone: does a parsed document have findings? (The Checker itself
// locates findings on the tape, check.cpp; this is for callers that hold a document but not its
// source.)
#pragma once

#include <simdjson.h>

#include "core/session/check.hpp"

namespace pss {

// True only when the document parsed into `doc` certainly has no findings under `options`;
// `naming` is then the spelling it uses. False means "maybe": a number the tape holds as a double
// (is 199.99999999999999999 the integer 200?) needs its literal, which only the source has.
[[nodiscard]] bool quick_clean(const simdjson::dom::document &doc, const CheckOptions &options,
                               DetectedNaming &naming);

} // namespace pss
