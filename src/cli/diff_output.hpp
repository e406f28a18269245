// diff's output formats: text for people, a JSON report for machines, a JSON Patch as data.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "cli/terminal.hpp"
#include "core/diff/diff.hpp"
#include "core/json/value.hpp"

namespace pss::cli {

// One side of a compared pair.
struct DiffSide {
  std::string_view name;             // the path as given, or <stdin>
  bool present = false;              // false: this side has no such record
  std::size_t line = 0;              // JSON Lines: the record's line in the file
  const json::Value *root = nullptr; // the parsed document, when there are renames to name
  std::string_view text;             // the document's bytes
};

// Two documents (or JSON Lines records) and what changed between them, in meaning.
struct DiffPair {
  DiffSide old_side;
  DiffSide new_side;
  const diff::Diff &diff;
  std::size_t record = 0;           // JSON Lines paired by position: from 1; 0 otherwise
  const json::Value *key = nullptr; // JSON Lines paired by --key: the records' key
  [[nodiscard]] bool is_record() const { return record != 0 || key != nullptr; }
};

// One line per change (`~ /status_code: 200 -> 502`), values masked and escaped, and shortened
// (ending in "...") so that each line fits `width` display columns (0: values whole); for a
// record, an `@@` header first, which says when the session fields are spelled differently
// (`@@ record 3 (line 3 / line 4) spellings differ: wire names -> SDK names`: then the header
// shows even when nothing else changed). Nothing when there is nothing to say.
[[nodiscard]] std::string format_diff_text(const DiffPair &pair, const Palette &palette,
                                           std::size_t width);

// For whole documents, whose text has no header: `note: spellings differ: a.json uses wire
// names, b.json uses SDK names` (no newline), talk for stderr; "" when the spellings agree.
[[nodiscard]] std::string spelling_note(const DiffPair &pair);

// A JSON object (one line): {"equal":..,"renamed":[..],"changes":[..]}; values masked.
[[nodiscard]] std::string format_diff_json(const DiffPair &pair);

// A JSON Patch: for whole documents an array with one op a line; for a record with changes, one
// line {"record":3,"old_line":3,"new_line":3,"patch":[...]}. Masked only with `redact`.
[[nodiscard]] std::string format_diff_patch(const DiffPair &pair, const diff::Patch &patch,
                                            bool redact);

// The same outputs for two whole documents, piece by piece, so that a large diff is written as
// its changes are found instead of being held: format_diff_text is the change lines one after
// the other; format_diff_json is diff_json_head, the changes joined by ',', then "]}\n";
// format_diff_patch is diff_patch_separator before each op, then diff_patch_end.

// One change's line of the text format (as format_diff_text writes it).
[[nodiscard]] std::string format_change_text(const diff::Change &change, const Palette &palette,
                                             std::size_t width);
// `{"equal":..,"renamed":[..],"changes":[` of a whole document's JSON report.
[[nodiscard]] std::string diff_json_head(bool equal, std::span<const diff::Rename> renames);
// One change of the JSON report, appended to `out`.
void append_change_json(std::string &out, const diff::Change &change);
inline constexpr std::string_view diff_json_tail = "]}\n";
// What comes before an op of a whole document's patch: the first (`first`) or another.
[[nodiscard]] inline std::string_view diff_patch_separator(bool first) {
  return first ? "[\n  " : ",\n  ";
}
// What ends a whole document's patch, with ops or without.
[[nodiscard]] inline std::string_view diff_patch_end(bool any) {
  return any ? "\n]\n" : "[]\n";
}

} // namespace pss::cli
