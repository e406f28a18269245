// The field table of a payment service session (source: the Gr4vy TypeScript SDK model).
#include "core/session/fields.hpp"

#include <array>

namespace pss {
namespace {

constexpr std::array<std::string_view, 1> type_values{"payment-service-session"};
constexpr std::array<std::string_view, 2> status_values{"succeeded", "failed"};

constexpr std::array<FieldSpec, field_count> table{{
    {Field::Type, "type", "type", JsonType::String, false, type_values, false, false,
     "The type of this resource.", R"("payment-service-session")"},
    {Field::Status, "status", "status", JsonType::String, false, status_values, true, false,
     "The status of the response: `succeeded` (the session was generated) or `failed` (it "
     "could not be generated).",
     R"("succeeded")"},
    {Field::Code,
     "code",
     "code",
     JsonType::String,
     true,
     {},
     false,
     false,
     "A generic error code returned when the session could not be generated.",
     R"("UNKNOWN_ERROR")"},
    {Field::StatusCode,
     "status_code",
     "statusCode",
     JsonType::Number,
     true,
     {},
     false,
     true,
     "The HTTP status code received from the payment service.",
     "200"},
    {Field::ResponseBody,
     "response_body",
     "responseBody",
     JsonType::Object,
     true,
     {},
     false,
     false,
     "The parsed JSON received from the payment service: any content.",
     R"({"data": {"customerType": "EXISTING", "walletManagementUrl": "https://example.com/session"}, "meta": {}})"},
}};

} // namespace

std::string_view naming_name(Naming naming) {
  return naming == Naming::Wire ? "wire" : "sdk";
}

bool FieldSpec::accepts(json::Kind kind) const {
  if (kind == json::Kind::Null) return nullable;
  switch (type) {
  case JsonType::String:
    return kind == json::Kind::String;
  case JsonType::Number:
    return kind == json::Kind::Number;
  case JsonType::Object:
    return kind == json::Kind::Object;
  }
  return false;
}

std::string_view FieldSpec::type_label() const {
  switch (type) {
  case JsonType::String:
    return nullable ? "a string or null" : "a string";
  case JsonType::Number:
    return nullable ? "a number or null" : "a number";
  case JsonType::Object:
    return nullable ? "an object or null" : "an object";
  }
  return "";
}

std::span<const FieldSpec> fields() {
  return table;
}

const FieldSpec &field_spec(Field field) {
  return table[static_cast<std::size_t>(field)];
}

// The table is in Field order: field_spec() and FieldMap rely on it.
static_assert([] {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (static_cast<std::size_t>(table[i].id) != i) return false;
  }
  return true;
}());

FieldMatch find_field(std::string_view key) {
  for (const auto &field : table) {
    const bool wire = key == field.wire;
    const bool sdk = key == field.sdk;
    if (wire || sdk) return FieldMatch{&field, wire, sdk};
  }
  return {};
}

} // namespace pss
