// Sources: what the command line names (stdin, files, folders walked in sorted order).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pss::cli {

struct Source {
  std::string name;   // as shown to the user: the path, or "<stdin>"
  std::string path;   // empty for stdin
  bool lines = false; // JSON Lines: one document per line
};

// Expands command-line paths ("-" or none: stdin). Folders are walked recursively for *.json,
// *.jsonl and *.ndjson, sorted. A missing path is reported on stderr and sets `trouble`.
[[nodiscard]] std::vector<Source> expand_paths(const std::vector<std::string> &paths,
                                               bool force_lines, bool &trouble);

// True for names ending in .jsonl or .ndjson.
[[nodiscard]] bool is_lines_name(std::string_view name);

} // namespace pss::cli
