// The github format: workflow commands that GitHub Actions shows as annotations.
#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/text.hpp"

namespace pss::cli {
namespace {

// Workflow command data: %, CR and LF escaped; properties also escape ':' and ','.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += c;
    }
  }
  return out;
}

} // namespace

std::string format_github(const Checked &doc) {
  std::string out;
  // GitHub's escapes first (a newline is %0A, so the annotation names the real file), then the
  // display escapes for what is left that a log could render (ESC, BEL, tab).
  const std::string file = escape_for_display(escape(doc.source.name, true));
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    const auto id = rule_spec(finding.rule).id;
    fmt::format_to(std::back_inserter(out), "::{} file={},line={},col={},title={}::{}\n",
                   finding.severity == Severity::Error ? "error" : "warning", file, at.line,
                   at.column, escape(id, true), escape(finding.message, false));
  }
  return out;
}

} // namespace pss::cli
