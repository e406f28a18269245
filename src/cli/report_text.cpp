// The text format: `path:line:col: error[rule]: message`, the source line and the value underlined.
#include <algorithm>
#include <cctype>
#include <cstring>

#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/location.hpp"
#include "core/json/text.hpp"
#include "core/privacy/redactor.hpp"

namespace pss::cli {
namespace {

// Bytes read on each side of a finding: enough to fill any window (a column can take up to four
// bytes, an escape shows one byte as up to six columns), bounded whatever the line's length.
std::size_t reach(std::size_t columns) {
  return columns * 8 + 64;
}

// One past the JSON token (a string, a number, a literal, or an object or array when it closes
// before `limit`) that starts at `offset`; `limit` when it runs past it.
std::size_t token_end(std::string_view text, std::size_t offset, std::size_t limit) {
  if (offset >= limit) return offset;
  const char first = text[offset];
  if (first == '"') {
    for (std::size_t i = offset + 1; i < limit; ++i) {
      if (text[i] == '\\') {
        ++i;
      } else if (text[i] == '"') {
        return i + 1;
      }
    }
    return limit;
  }
  if (first == '{' || first == '[') {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = offset; i < limit; ++i) {
      const char c = text[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return limit;
  }
  std::size_t i = offset;
  while (i < limit && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 ||
                       std::strchr("+-.", text[i]) != nullptr)) {
    ++i;
  }
  return std::max(i, offset + 1);
}

constexpr std::string_view dots = "...";
constexpr std::size_t dots_width = 3;

} // namespace

Excerpt excerpt(std::string_view text, const Report &report, std::size_t begin, std::size_t end,
                std::size_t columns) {
  columns = std::max<std::size_t>(columns, 20); // narrower than this, overflowing reads better
  begin = std::min(begin, text.size());
  const std::size_t reach_bytes = reach(columns);

  // The line around `begin`, or a window of it when it is long.
  const std::size_t low = begin > reach_bytes ? begin - reach_bytes : 0;
  std::size_t line_begin = begin;
  while (line_begin > low && text[line_begin - 1] != '\n') --line_begin;
  bool cut_left = line_begin > 0 && text[line_begin - 1] != '\n';
  const std::size_t high = std::min(text.size(), begin + reach_bytes);
  const void *newline = std::memchr(text.data() + begin, '\n', high - begin);
  std::size_t line_end =
      newline != nullptr
          ? static_cast<std::size_t>(static_cast<const char *>(newline) - text.data())
          : high;
  bool cut_right = newline == nullptr && high < text.size();
  if (newline != nullptr && line_end > line_begin && text[line_end - 1] == '\r') --line_end;
  end = std::clamp(end, begin, std::max(begin, line_end));

  // What the Redactor shows of the line's three pieces: before, under and after the mark.
  const Redactor::Line line =
      Redactor(report.redactions).line(text, line_begin, std::max(line_end, begin));
  const std::string prefix = line.show(line_begin, begin, true);
  const std::string marked = line.show(begin, end, false);
  const std::string suffix = line.show(end, line_end, false);
  const std::size_t prefix_width = display_width(prefix);
  const std::size_t marked_width = display_width(marked);
  const std::size_t suffix_width = display_width(suffix);

  // How many columns of each piece to show, and whether each side is cut.
  std::size_t left = prefix_width, mark = marked_width, right = suffix_width;
  const std::size_t total =
      left + mark + right + (cut_left ? dots_width : 0) + (cut_right ? dots_width : 0);
  if (total > columns) {
    if (!cut_left && left + mark + dots_width <= columns) {
      cut_right = true;
      right = columns - dots_width - left - mark;
    } else {
      cut_left = true;
      std::size_t room = columns - dots_width;
      if (!cut_right && mark + right <= room) {
        left = room - mark - right;
      } else {
        cut_right = true;
        room -= dots_width;
        if (mark <= room) {
          left = std::min(prefix_width, (room - mark) / 2); // context on both sides
          right = room - left - mark;
        } else {
          left = std::min(prefix_width, room / 6); // a little context, then the value cut
          mark = room - left;
          right = 0;
        }
      }
    }
  }

  Excerpt ex;
  std::size_t width = 0;
  if (cut_left) ex.line += dots;
  ex.line += left < prefix_width ? fit_columns_from_end(prefix, left, width) : prefix;
  ex.marker = (cut_left ? dots_width : 0) + (left < prefix_width ? width : prefix_width);
  ex.line += mark < marked_width ? fit_columns(marked, mark, width) : marked;
  ex.length = std::max<std::size_t>(1, mark < marked_width ? width : marked_width);
  ex.line += right < suffix_width ? fit_columns(suffix, right, width) : suffix;
  if (cut_right) ex.line += dots;
  return ex;
}

namespace {

// The source line of a span with a marker line under it: `^~~~` (the finding) or `----` (a
// secondary location), in `color`.
void append_excerpt(std::string &out, const Checked &doc, std::size_t line, std::size_t begin,
                    std::size_t end, char first, char rest, std::string_view color,
                    const Palette &p, const Layout &layout) {
  const std::string number = std::to_string(line);
  const std::size_t gutter = number.size() + 3; // "12 | "
  const Excerpt ex =
      excerpt(doc.text, doc.report, begin, end, layout.width > gutter ? layout.width - gutter : 1);
  fmt::format_to(std::back_inserter(out), "{}{} |{} {}\n", p.dim(), number, p.reset(), ex.line);
  fmt::format_to(std::back_inserter(out), "{}{} |{} {}{}{}{}{}\n", p.dim(),
                 std::string(number.size(), ' '), p.reset(), std::string(ex.marker, ' '), color,
                 first, std::string(ex.length - 1, rest), p.reset());
}

// Where the mark under a finding ends: a syntax error is a point, anything else the whole value
// or key it is about, as far as the excerpt reaches.
std::size_t mark_end(const Checked &doc, const Finding &finding, std::size_t offset,
                     const Layout &layout) {
  if (finding.rule == Rule::JsonSyntax || finding.rule == Rule::JsonDepth) return offset;
  const std::size_t limit = std::min(doc.text.size(), offset + reach(layout.width));
  return token_end(doc.text, offset, limit);
}

} // namespace

std::string format_text(const Checked &doc, const Palette &p, const Layout &layout) {
  std::string out;
  const std::string name = escape_for_display(doc.source.name);
  constexpr std::string_view indent = "    ";
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    const bool error = finding.severity == Severity::Error;
    const std::string_view color = error ? p.error() : p.warning();
    const std::string_view severity = severity_name(finding.severity);
    const std::string_view rule = rule_spec(finding.rule).id;
    const std::string location = fmt::format("{}:{}:{}:", name, at.line, at.column);
    // A window too narrow for the location and the rule together: the rule starts a new line.
    const std::size_t label = severity.size() + rule.size() + 4; // "error[rule]: "
    const bool split = layout.wrap && display_width(location) + 1 + label > layout.width;
    fmt::format_to(std::back_inserter(out), "{}{}{}{}{}{}{}[{}]{}: ", location, split ? "\n" : " ",
                   split ? indent : "", color, severity, p.reset(), p.dim(), rule, p.reset());
    if (layout.wrap) {
      const std::size_t used = (split ? indent.size() : display_width(location) + 1) + label;
      out += wrap_words(finding.message, used, layout.width, indent);
    } else {
      out += finding.message;
    }
    out += '\n';
    const std::size_t offset = finding.position.offset;
    append_excerpt(out, doc, at.line, offset, mark_end(doc, finding, offset, layout), '^', '~',
                   color, p, layout);
    for (const auto &related : finding.related) {
      const Position other = shift(related.position, doc.origin);
      const std::string where = fmt::format("{}:{}:{}:", name, other.line, other.column);
      fmt::format_to(std::back_inserter(out), "{} {}note{}: ", where, p.note(), p.reset());
      out += layout.wrap
                 ? wrap_words(related.message, display_width(where) + 7, layout.width, indent)
                 : related.message;
      out += '\n';
      const std::size_t begin = related.position.offset;
      append_excerpt(out, doc, other.line, begin, mark_end(doc, finding, begin, layout), '-', '-',
                     p.note(), p, layout);
    }
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
  any_lines = any_lines || other.any_lines; // stdin found to be JSON Lines while it was read
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
