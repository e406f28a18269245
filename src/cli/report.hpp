// Turning a checked document into bytes: one function per output format.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cli/input.hpp"
#include "cli/terminal.hpp"
#include "core/check.hpp"

namespace pss::cli {

// A checked document and where it came from.
struct Checked {
  const Source &source;
  Origin origin;
  std::string_view text; // the document's own bytes
  const Report &report;
};

enum class Format { Text, Json, Github };

// Compiler-style findings (text format): `path:line:col: error[rule]: message`, then the source
// line cut to `layout.width` columns with the value or key underlined (`^~~~`), and a `note:`
// with its own excerpt (`----`) for each secondary location. Messages wrap at spaces only when
// `layout.wrap` (a terminal).
[[nodiscard]] std::string format_text(const Checked &doc, const Palette &palette,
                                      const Layout &layout = {});
// One JSON object per document (JSON Lines).
[[nodiscard]] std::string format_json(const Checked &doc, bool strict);
// GitHub workflow commands (::error / ::warning), one per finding.
[[nodiscard]] std::string format_github(const Checked &doc);

// The source line around a span of a document (byte offsets, document-relative), made safe to
// show (secrets hidden, card numbers masked, control characters escaped) and cut to `columns`
// display columns with "..." on each cut side, keeping the span in view. Only a window of bytes
// around `begin` is read, whatever the line's length.
struct Excerpt {
  std::string line;
  std::size_t marker = 0; // 0-based display column where the span starts in `line`
  std::size_t length = 1; // display columns of the span as shown (at least 1)
};
[[nodiscard]] Excerpt excerpt(std::string_view text, const Report &report, std::size_t begin,
                              std::size_t end, std::size_t columns);

// Counts across a run, for the summary line.
struct Tally {
  std::size_t files = 0;
  std::size_t documents = 0;
  std::size_t invalid = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool any_lines = false;
  void add(const Report &report, bool strict);
  void merge(const Tally &other); // documents, invalid, errors, warnings
};
// "3 files, 2 invalid, 5 errors, 1 warning"
[[nodiscard]] std::string summary_line(const Tally &tally);

} // namespace pss::cli
