// The json format: one object per document, JSON Lines (documented in docs/cli.md).
#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"
#include "core/json/value.hpp"
#include "core/privacy/card.hpp"

namespace pss::cli {

bool append_session_field(std::string &out, std::string_view key, const FieldValue &value) {
  if (!value.present || value.kind == json::Kind::Array || value.kind == json::Kind::Object)
    return false;
  fmt::format_to(std::back_inserter(out), ",\"{}\":", key);
  switch (value.kind) {
  case json::Kind::String:
    json::append_quoted(out, mask_card_numbers(value.text));
    break;
  case json::Kind::Number:
    if (has_card_number(value.text)) {
      json::append_quoted(out, mask_card_numbers(value.text)); // no longer a number: a string
    } else {
      out += value.text;
    }
    break;
  case json::Kind::True:
    out += "true";
    break;
  case json::Kind::False:
    out += "false";
    break;
  default:
    out += "null";
    break;
  }
  return true;
}

std::string format_json(const Checked &doc, bool strict, const SessionFacts *facts) {
  std::string out = "{\"file\":";
  // The real name, JSON-escaped. A path is bytes; JSON text is UTF-8: bytes that are not UTF-8
  // are written as \xNN text.
  json::append_quoted(out, escape_invalid_utf8(doc.source.name));
  fmt::format_to(std::back_inserter(out), ",\"line\":{},\"valid\":{},\"naming\":", doc.origin.line,
                 doc.report.valid(strict) ? "true" : "false");
  if (doc.report.is_json) {
    json::append_quoted(out, detected_naming_name(doc.report.naming));
  } else {
    out += "null";
  }
  if (facts != nullptr && facts->object) {
    append_session_field(out, "status", facts->status);
    append_session_field(out, "code", facts->code);
    append_session_field(out, "status_code", facts->status_code);
  }
  out += ",\"findings\":[";
  bool first = true;
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    out += first ? "{" : ",{";
    first = false;
    fmt::format_to(std::back_inserter(out), "\"severity\":\"{}\",\"rule\":\"{}\",\"pointer\":",
                   severity_name(finding.severity), rule_spec(finding.rule).id);
    json::append_quoted(out, finding.pointer);
    fmt::format_to(std::back_inserter(out),
                   ",\"line\":{},\"column\":{},\"offset\":{},\"message\":", at.line, at.column,
                   at.offset);
    json::append_quoted(out, finding.message);
    out += '}';
  }
  out += "]}\n";
  return out;
}

} // namespace pss::cli
