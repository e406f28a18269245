// The one table of session fields: validation, `explain`, `schema` and the docs derive from it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/json/value.hpp"

namespace pss {

// Which spelling of the field names a document uses or is asked to use.
enum class Naming : std::uint8_t { Wire, Sdk };

[[nodiscard]] std::string_view naming_name(Naming naming); // "wire" or "sdk"

// A JSON type a field may hold (null is separate: see FieldSpec::nullable).
enum class JsonType : std::uint8_t { String, Number, Object };

// The session fields, in canonical order (the order of fields()). A new field is a new value here
// and a new row in fields.cpp's table.
enum class Field : std::uint8_t { Type, Status, Code, StatusCode, ResponseBody };

inline constexpr std::size_t field_count = static_cast<std::size_t>(Field::ResponseBody) + 1;

// One T per field, indexed by Field rather than by position.
template <typename T> struct FieldMap {
  std::array<T, field_count> values{};

  [[nodiscard]] T &operator[](Field field) { return values[static_cast<std::size_t>(field)]; }
  [[nodiscard]] const T &operator[](Field field) const {
    return values[static_cast<std::size_t>(field)];
  }
};

struct FieldSpec {
  Field id;                                  // its place in fields() and in a FieldMap
  std::string_view wire;                     // snake_case, as the API sends it
  std::string_view sdk;                      // camelCase, as the TypeScript SDK spells it
  JsonType type;                             // the JSON type of a non-null value
  bool nullable;                             // null allowed
  std::span<const std::string_view> allowed; // a closed enum, or empty
  bool required_strict;                      // required by the current OpenAPI (`--strict`, schema)
  bool integer_strict;                       // an integer under the current OpenAPI
  std::string_view description;
  std::string_view example; // a JSON literal

  [[nodiscard]] std::string_view name(Naming naming) const {
    return naming == Naming::Wire ? wire : sdk;
  }
  [[nodiscard]] bool has_two_spellings() const { return wire != sdk; }
  [[nodiscard]] bool accepts(json::Kind kind) const;
  // "a string", "a number or null", ...
  [[nodiscard]] std::string_view type_label() const;
};

// The fields in canonical order: type, status, code, status_code, response_body.
[[nodiscard]] std::span<const FieldSpec> fields();
[[nodiscard]] const FieldSpec &field_spec(Field field);

struct FieldMatch {
  const FieldSpec *field = nullptr;
  bool wire = false; // the key matched the wire spelling
  bool sdk = false;  // the key matched the SDK spelling (both for fields spelled alike)
};

// The field spelled `key` in either naming, or {nullptr}.
[[nodiscard]] FieldMatch find_field(std::string_view key);

} // namespace pss
