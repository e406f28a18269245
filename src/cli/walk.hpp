// Sources: what the command line names (stdin, files, folders walked in sorted order), and the
// path patterns (.gitignore syntax) that exclude files from the walk or pick config overrides.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pss::cli {

struct Source {
  std::string name;         // as shown to the user: the path, or "<stdin>" (or --stdin-filename)
  std::string path;         // empty for stdin
  bool lines = false;       // JSON Lines: one document per line
  std::size_t rules = 0;    // which of the run's rule settings apply (cli/config.hpp); 0: the base
  bool sniff_lines = false; // stdin: JSON Lines if a first value is followed by a line of another
};

// A list of patterns in the syntax of .gitignore (git-scm.com/docs/gitignore), relative to a base
// folder. Supported: blank lines and `#` comments; `!` negation (the last matching pattern
// decides); a trailing `/` (folders only); a `/` at the start or in the middle anchors the
// pattern to the base, otherwise it matches a name at any depth; `*`, `?` and `[...]` within one
// path segment (fnmatch(3) with FNM_PATHNAME); `**` as a whole segment matches any number of
// segments (`**/a`, `a/**`, `a/**/b`). Not supported: `\` escapes of a leading `#` or `!`, and
// trailing spaces kept with `\ `.
class PathPatterns {
public:
  PathPatterns() = default;
  // `base`: the folder the patterns are relative to; made absolute here. `anywhere`: patterns
  // without a slash also match names outside the base (the command line's --include and
  // --exclude, whose base is the working folder, apply to a folder named by an absolute path;
  // a .gitignore's or a config file's patterns stay inside their folder).
  explicit PathPatterns(const std::filesystem::path &base, bool anywhere = false);

  // Adds one line of .gitignore syntax (blank lines and comments add nothing).
  void add(std::string_view line);
  [[nodiscard]] bool empty() const { return patterns_.empty(); }
  [[nodiscard]] const std::filesystem::path &base() const { return base_; }

  // What the last pattern matching `path` (absolute and lexically normal) says: true to
  // exclude (or select), false when a `!` pattern re-includes it, nothing when no pattern
  // matches or the path is not under the base (unless `anywhere`). The path's folders are not
  // considered.
  [[nodiscard]] std::optional<bool> decide(const std::filesystem::path &path, bool is_folder) const;
  // True when `path` (absolute, lexically normal) or one of its folders below the base is
  // selected: a pattern that names a folder covers everything in it, as in .gitignore.
  [[nodiscard]] bool covers(const std::filesystem::path &path, bool is_folder) const;

private:
  struct Pattern {
    std::vector<std::string> segments;
    bool negated = false;
    bool folder_only = false;
    bool anchored = false;
  };
  [[nodiscard]] static bool match_segments(const std::vector<std::string> &pattern, std::size_t p,
                                           const std::vector<std::string> &path, std::size_t s);
  std::filesystem::path base_;
  bool anywhere_ = false;
  std::vector<Pattern> patterns_;
};

// How the folder walk chooses files.
struct WalkOptions {
  bool force_lines = false;          // --lines
  bool honour_ignores = true;        // .gitignore files and node_modules (off with --no-ignore)
  bool hidden = false;               // walk hidden files and folders too (--hidden)
  std::vector<PathPatterns> exclude; // --exclude (relative to the working folder), config files
  PathPatterns include;              // --include: more file names the walk takes
  std::string stdin_name = "<stdin>";
};

// The working folder, absolute, read once.
[[nodiscard]] const std::filesystem::path &working_folder();
// `path` made absolute against the working folder and lexically normal (no `.`, no `..`).
[[nodiscard]] std::filesystem::path absolute_path(const std::filesystem::path &path);

// Expands command-line paths ("-" or none: stdin). Folders are walked recursively for *.json,
// *.jsonl, *.ndjson (and --include patterns), sorted, skipping what `options` excludes; a named
// file is checked unless an exclude pattern covers it. A path that does not exist and holds
// `*`, `?` or `[` is expanded as a glob. A missing path, a folder or glob that yields no file
// (none found, or all excluded), an unreadable folder or .gitignore, a folder a glob cannot read
// and a walked entry that is not a regular file (a FIFO named b.json) are reported on stderr and
// set `trouble`; the others are still returned. Stdin whose --stdin-filename is excluded is not
// returned: `*stdin_excluded` (when given) is then set, so that fmt can echo it unchanged.
// Each problem reported is also appended to `*problems` (when given): the path it is about, as
// the user named it (a Source of that name), and the message said on stderr (which names the
// path too), so that a report format holding its own record of the run (SARIF, JUnit) can say it
// as well.
struct WalkProblem {
  Source source;
  std::string message;
};
[[nodiscard]] std::vector<Source> expand_paths(const std::vector<std::string> &paths,
                                               const WalkOptions &options, bool &trouble,
                                               bool *stdin_excluded = nullptr,
                                               std::vector<WalkProblem> *problems = nullptr);

// True for names ending in .jsonl or .ndjson, also followed by .gz or .zst.
[[nodiscard]] bool is_lines_name(std::string_view name);

} // namespace pss::cli
