// The text format: `path:line:col: error[rule]: message`, the source line and a caret.
#include <algorithm>

#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/card.hpp"
#include "core/location.hpp"
#include "core/text.hpp"

namespace pss::cli {
namespace {

// text[begin, end) as a person may see it: redacted parts replaced (secrets, card numbers, even
// when spelled with escapes), other card numbers masked, control characters escaped.
std::string safe_segment(std::string_view text, const Report &report, std::size_t begin,
                         std::size_t end) {
  std::string shown;
  std::size_t at = begin;
  for (const auto &redaction : report.redactions) {
    const ByteRange r = redaction.range;
    if (r.end <= at || r.begin >= end) continue;
    shown += escape_for_display(mask_card_numbers(text.substr(at, std::max(r.begin, at) - at)));
    shown += redaction.shown;
    at = std::min(r.end, end);
  }
  if (at < end) shown += escape_for_display(mask_card_numbers(text.substr(at, end - at)));
  return shown;
}

// Cuts a long display line to a window around the caret, on character boundaries.
void window(Excerpt &ex, std::size_t width) {
  const std::size_t total = count_characters(ex.line);
  if (total <= width) return;
  const std::size_t first = ex.caret > width / 3 ? ex.caret - width / 3 : 0;
  const std::size_t last = std::min(total, first + width);
  std::string cut;
  std::size_t index = 0;
  for (std::size_t i = 0; i < ex.line.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(ex.line[i]) & 0xC0) != 0x80;
    if (starts && i > 0) ++index;
    if (index >= first && index < last) cut += ex.line[i];
  }
  ex.line = (first > 0 ? "..." : "") + cut + (last < total ? "..." : "");
  ex.caret = ex.caret - first + (first > 0 ? 3 : 0);
}

} // namespace

Excerpt excerpt(std::string_view text, const Report &report, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t begin = offset;
  while (begin > 0 && text[begin - 1] != '\n') --begin;
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  Excerpt ex;
  ex.line = safe_segment(text, report, begin, end);
  ex.caret = count_characters(safe_segment(text, report, begin, std::min(offset, end)));
  window(ex, 120);
  return ex;
}

std::string format_text(const Checked &doc, const Palette &p) {
  std::string out;
  const std::string name = escape_for_display(doc.source.name);
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    const bool error = finding.severity == Severity::Error;
    fmt::format_to(std::back_inserter(out), "{}{}:{}:{}:{} {}{}{}[{}]: {}{}{}\n", p.bold(), name,
                   at.line, at.column, p.reset(), error ? p.red() : p.yellow(),
                   severity_name(finding.severity), p.reset(), rule_spec(finding.rule).id, p.bold(),
                   finding.message, p.reset());
    const Excerpt ex = excerpt(doc.text, doc.report, finding.position.offset);
    const std::string number = std::to_string(at.line);
    const std::string gutter(number.size(), ' ');
    fmt::format_to(std::back_inserter(out), "{}{} |{} {}\n", p.blue(), number, p.reset(), ex.line);
    fmt::format_to(std::back_inserter(out), "{}{} |{} {}{}^{}\n", p.blue(), gutter, p.reset(),
                   std::string(ex.caret, ' '), error ? p.red() : p.yellow(), p.reset());
  }
  if (doc.report.omitted() > 0)
    fmt::format_to(std::back_inserter(out), "... and {} more\n", doc.report.omitted());
  return out;
}

void Tally::add(const Report &report, bool strict) {
  ++documents;
  if (!report.valid(strict)) ++invalid;
  errors += report.count(Severity::Error);
  warnings += report.count(Severity::Warning);
}

void Tally::merge(const Tally &other) {
  documents += other.documents;
  invalid += other.invalid;
  errors += other.errors;
  warnings += other.warnings;
}

std::string summary_line(const Tally &t) {
  auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  std::string line = plural(t.files, "file");
  if (t.any_lines) line += ", " + plural(t.documents, "document");
  line += fmt::format(", {} invalid, {}, {}", t.invalid, plural(t.errors, "error"),
                      plural(t.warnings, "warning"));
  return line;
}

} // namespace pss::cli
