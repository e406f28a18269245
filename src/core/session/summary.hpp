// What `inspect` shows of a session: its fields and the shape of its response_body.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.hpp"
#include "core/session/fields.hpp"

namespace pss {

struct BodyShape {
  std::vector<std::string> keys; // top-level keys in document order
  std::size_t depth = 0;         // nesting levels below response_body itself (0: flat)
  std::size_t values = 0;        // every value inside, containers included
  std::size_t bytes = 0;         // of its JSON text
};

struct Summary {
  // The first value under each field (either spelling), or nullptr.
  FieldMap<const json::Value *> values{};
  FieldMap<std::string_view> keys{}; // the spelling each value was found under
  BodyShape body;                    // when response_body is an object
};

// `root` must outlive the result.
[[nodiscard]] Summary summarize(const json::Value &root);

// "Bad Gateway" for 502; "" when the code has no registered reason phrase.
[[nodiscard]] std::string_view http_reason(int status);
// The reason phrase of the HTTP status a status_code number literal denotes, read exactly as the
// rules read it (json::Decimal: 502, 502.0 and 5.02e2 are 502): "" when it denotes no integer
// from 100 to 599, or one without a registered phrase (199.99999999999999999 is not 200).
[[nodiscard]] std::string_view http_reason_of(std::string_view literal);

} // namespace pss
