// The json format: one object per document, JSON Lines (documented in docs/cli.md).
#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace pss::cli {

std::string format_json(const Checked &doc, bool strict) {
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
