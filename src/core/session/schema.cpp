// JSON Schema generation from the field table.
#include "core/session/schema.hpp"

namespace pss {
namespace {

std::string quoted(std::string_view text) {
  std::string out;
  json::append_quoted(out, text);
  return out;
}

std::string_view type_keyword(const FieldSpec &field, bool strict) {
  switch (field.type) {
  case JsonType::String:
    return "string";
  case JsonType::Number:
    return strict && field.integer_strict ? "integer" : "number";
  case JsonType::Object:
    return "object";
  }
  return "";
}

} // namespace

std::string json_schema(Naming naming, bool strict) {
  std::string out = "{\n";
  out += "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n";
  out += "  \"title\": \"PaymentServiceSession\",\n";
  out += "  \"description\": " +
         quoted(std::string("A Gr4vy payment service session (") +
                (naming == Naming::Wire ? "wire naming, as the API sends it"
                                        : "SDK naming, as the TypeScript SDK spells it") +
                (strict ? "; strict: as the current OpenAPI requires" : "") + ").") +
         ",\n";
  out += "  \"type\": \"object\",\n";
  out += "  \"properties\": {\n";
  const auto specs = fields();
  std::string required;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const FieldSpec &field = specs[i];
    out += "    " + quoted(field.name(naming)) + ": {\n";
    out += "      \"description\": " + quoted(field.description) + ",\n";
    const auto type = type_keyword(field, strict);
    if (field.nullable) {
      out += "      \"type\": [\"" + std::string(type) + "\", \"null\"],\n";
    } else {
      out += "      \"type\": \"" + std::string(type) + "\",\n";
    }
    if (!field.allowed.empty()) {
      out += "      \"enum\": [";
      for (std::size_t k = 0; k < field.allowed.size(); ++k) {
        out += (k == 0 ? "" : ", ") + quoted(field.allowed[k]);
      }
      out += "],\n";
    }
    out += "      \"examples\": [" + std::string(field.example) + "]\n";
    out += i + 1 < specs.size() ? "    },\n" : "    }\n";
    if (strict && field.required_strict) {
      required += (required.empty() ? "" : ", ") + quoted(field.name(naming));
    }
  }
  out += "  }";
  if (strict) {
    out += ",\n  \"required\": [" + required + "],\n";
    out += "  \"additionalProperties\": false\n";
  } else {
    out += "\n";
  }
  out += "}\n";
  return out;
}

} // namespace pss
