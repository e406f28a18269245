// Turning a checked document into bytes: one function per output format.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cli/input.hpp"
#include "cli/terminal.hpp"
#include "core/check.hpp"
#include "core/stats.hpp"

namespace pss::cli {

// A checked document and where it came from.
struct Checked {
  const Source &source;
  Origin origin;
  std::string_view text; // the document's own bytes
  const Report &report;
};

enum class Format { Text, Json, Github };

// Compiler-style findings with the source line and a caret (text format).
[[nodiscard]] std::string format_text(const Checked &doc, const Palette &palette);
// One JSON object per document (JSON Lines). With `facts` (inspect), the record also carries the
// session's status, code and status_code (its exact literal).
[[nodiscard]] std::string format_json(const Checked &doc, bool strict,
                                      const SessionFacts *facts = nullptr);
// Appends `,"key":value` for a session field: the value as written (a number's literal exactly),
// card numbers masked (a number holding one becomes a string). Appends nothing and returns false
// when the field is absent or holds an object or array.
bool append_session_field(std::string &out, std::string_view key, const FieldValue &value);
// GitHub workflow commands (::error / ::warning), one per finding.
[[nodiscard]] std::string format_github(const Checked &doc);

// The source line of a document-relative position, made safe to show: secrets hidden, card
// numbers masked, control characters escaped; and the display column of the position in it.
struct Excerpt {
  std::string line;
  std::size_t caret = 0; // 0-based display column
};
[[nodiscard]] Excerpt excerpt(std::string_view text, const Report &report, std::size_t offset);

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
