// The junit format: JUnit XML as Jenkins and GitLab read it (the xunit plugin's junit-10.xsd):
// a <testsuite> per file, a <testcase> per document, a <failure> carrying an invalid document's
// findings.
//
// The escaper is our own rather than libxml2's xmlEncodeSpecialChars: that one leaves the
// control characters XML 1.0 forbids in place (the output would not be well-formed) and takes
// bytes that are not UTF-8 as they are; these are the twenty lines both needs take.
#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"

namespace pss::cli {
namespace {

// XML 1.0 text: &, <, > and " escaped; in attributes TAB, LF and CR as character references
// (attribute-value normalisation would make them spaces); characters XML 1.0 does not allow
// (C0 controls other than TAB, LF and CR; U+FFFE, U+FFFF) removed; bytes that are not UTF-8
// written as the text \xNN.
std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const std::string_view c = text.substr(i, n);
    i += n;
    if (c == "\xEF\xBF\xBE" || c == "\xEF\xBF\xBF") continue; // U+FFFE, U+FFFF
    switch (c[0]) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\t':
      out += attribute ? "&#9;" : "\t";
      break;
    case '\n':
      out += attribute ? "&#10;" : "\n";
      break;
    case '\r':
      out += "&#13;"; // a raw CR in text would be read back as LF
      break;
    default:
      if (static_cast<unsigned char>(c[0]) >= 0x20) out += c;
    }
  }
  return out;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

} // namespace

std::string format_junit_testcase(const Checked &doc, const Repository &repository, bool strict) {
  const std::string file = repository.relative(doc.source);
  std::string out = fmt::format("    <testcase name=\"{}:{}\" classname=\"{}\"",
                                xml_escape(file, true), doc.origin.line, xml_escape(file, true));
  const Report &report = doc.report;
  if (report.findings.empty()) return out + "/>\n";
  out += ">\n";
  std::string lines;
  for (const auto &finding : report.findings) {
    const Position at = shift(finding.position, doc.origin);
    lines +=
        fmt::format("{}:{}:{}: {}[{}]: {}", file, at.line, at.column,
                    severity_name(finding.severity), rule_spec(finding.rule).id, finding.message);
    if (!finding.pointer.empty()) lines += fmt::format(" (at {})", finding.pointer);
    lines += '\n';
  }
  if (report.valid(strict)) {
    // Warnings that do not fail the document are shown, not counted.
    out += fmt::format("      <system-out>{}</system-out>\n", xml_escape(lines, false));
  } else {
    const Finding *first = &report.findings.front();
    for (const auto &finding : report.findings) {
      if (finding.severity == Severity::Error) {
        first = &finding;
        break;
      }
    }
    const std::string message =
        fmt::format("{}, {}: {}", plural(report.count(Severity::Error), "error"),
                    plural(report.count(Severity::Warning), "warning"), first->message);
    out +=
        fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    rule_spec(first->rule).id, xml_escape(message, true), xml_escape(lines, false));
  }
  return out + "    </testcase>\n";
}

std::string junit_suite(const Source &source, const Repository &repository, const Tally &tally,
                        std::string_view cases, std::string_view error) {
  const std::string file = xml_escape(repository.relative(source), true);
  const std::size_t errors = error.empty() ? 0 : 1;
  std::string out = fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" file=\"{}\">\n", file,
      tally.documents + errors, tally.invalid, errors, file);
  out += cases;
  if (!error.empty()) {
    out += fmt::format("    <testcase name=\"{}\" classname=\"{}\">\n      <error type=\"read\" "
                       "message=\"{}\"/>\n    </testcase>\n",
                       file, file, xml_escape(error, true));
  }
  return out + "  </testsuite>\n";
}

} // namespace pss::cli
