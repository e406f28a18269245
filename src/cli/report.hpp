// Turning a checked document into bytes: one function per output format.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/choice.hpp"
#include "cli/input.hpp"
#include "cli/terminal.hpp"
#include "core/json/writer.hpp"
#include "core/session/check.hpp"
#include "core/session/stats.hpp"

namespace pss::cli {

// A checked document and where it came from.
struct Checked {
  const Source &source;
  Origin origin;
  std::string_view text; // the document's own bytes
  const Report &report;
};

enum class Format { Text, Json, Github, Sarif, Junit };
// check's --format words, in the order --help lists them.
inline constexpr std::array<Choice<Format>, 5> format_choices{{{"text", Format::Text},
                                                               {"json", Format::Json},
                                                               {"github", Format::Github},
                                                               {"sarif", Format::Sarif},
                                                               {"junit", Format::Junit}}};

// The format of a run: the one `asked` (--format), else github when GITHUB_ACTIONS is "true" and
// stdout is not a terminal (nor redirected by -o, `to_file`), as in a workflow step; else text.
[[nodiscard]] Format resolve_format(std::optional<Format> asked, bool to_file);

// Compiler-style findings (text format): `path:line:col: error[rule]: message`, then the source
// line cut to `layout.width` columns with the value or key underlined (`^~~~`), and a `note:`
// with its own excerpt (`----`) for each secondary location. Messages wrap at spaces only when
// `layout.wrap` (a terminal).
[[nodiscard]] std::string format_text(const Checked &doc, const Palette &palette,
                                      const Layout &layout = {});
// The json format: one JSON object per document (JSON Lines). One per thread: it keeps the last
// file name it wrote, quoted, since a log's records all carry the same one.
class JsonRecords {
public:
  // Appends the record of `doc` to `out`. With `facts` (inspect), the record also carries the
  // session's status, code and status_code (its exact literal).
  void append(std::string &out, const Checked &doc, bool strict,
              const SessionFacts *facts = nullptr);

private:
  const Source *source_ = nullptr; // whose name name_ holds
  std::string name_;               // as a JSON string literal
};
// Writes the member `key: value` for a session field: the value as written (a number's literal
// exactly), card numbers masked (a number holding one becomes a string). Writes nothing and
// returns false when the field is absent or holds an object or array. Used by the json records
// of check and inspect and by inspect's aggregate report, so that all spell a field one way.
bool write_session_field(json::JsonWriter &w, std::string_view key, const FieldValue &value);
// Where CI outputs (github, sarif, junit) place files: paths relative to the repository root,
// so that GitHub attaches annotations and code scanning alerts to the pull request's files.
struct Repository {
  std::string root; // absolute, no trailing '/'; "" when none was found
  std::string cwd;  // the working folder, which relative paths start from
  // GITHUB_WORKSPACE when set, else the nearest folder upward from the working folder holding
  // `.git` (a folder, or a file in a worktree), else none.
  [[nodiscard]] static Repository find();
  // The source's name relative to the root when the file lies under it ("fixtures/a.json"),
  // else as given without a leading "./"; "<stdin>" stays. Lexical: links are not followed.
  [[nodiscard]] std::string relative(const Source &source) const;
  // The source's path relative to the root ("fixtures/a.json"), or nothing when the file is not
  // under it (or there is no root, or the source is stdin).
  [[nodiscard]] std::optional<std::string> inside(const Source &source) const;
  // The source's absolute path, lexically normal ("" for stdin).
  [[nodiscard]] std::string absolute(const Source &source) const;
};

// GitHub workflow commands (::error / ::warning), one per finding, `file` relative to the
// repository.
[[nodiscard]] std::string format_github(const Checked &doc, const Repository &repository);
// The closing ::notice with the run's summary line.
[[nodiscard]] std::string format_github_summary(std::string_view summary);

// SARIF 2.1.0 result objects of one document, each preceded by ",\n" (the run's frame drops the
// first separator); columns in UTF-16 code units, SARIF's default.
[[nodiscard]] std::string format_sarif_results(const Checked &doc, const Repository &repository);
// JUnit XML: one <testcase> for the document, with a <failure> when it is invalid.
[[nodiscard]] std::string format_junit_testcase(const Checked &doc, const Repository &repository,
                                                bool strict);

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
  void merge(const Tally &other); // documents, invalid, errors, warnings, any_lines
};
// "3 files, 2 invalid, 5 errors, 1 warning"
[[nodiscard]] std::string summary_line(const Tally &tally);

// The frame's pieces. SARIF: the log up to the results array (the tool and its rules from the
// catalogue); after it (the invocation, failed when some input could not be read); a
// notification that an input could not be read.
[[nodiscard]] std::string sarif_head(const Repository &repository);
[[nodiscard]] std::string sarif_tail(bool successful,
                                     const std::vector<std::string> &notifications);
[[nodiscard]] std::string sarif_notification(const Source &source, const Repository &repository,
                                             std::string_view message);
// JUnit: a <testsuite> for one source holding `cases` (its <testcase> elements), with an
// <error> test case when it could not be read (`error` not empty).
[[nodiscard]] std::string junit_suite(const Source &source, const Repository &repository,
                                      const Tally &tally, std::string_view cases,
                                      std::string_view error);

// SARIF and JUnit make one document of the whole run: the frame writes what comes before,
// between and after the documents' own output, in input order, as it arrives (SARIF holds
// nothing back; JUnit holds one file's test cases, as a test suite's counts come first). Other
// formats pass through. Writes with write_out(); false once stdout is gone.
class Frame {
public:
  Frame(Format format, const Repository &repository);
  // The output of one input (a file, or a block of JSON Lines: consecutive parts of one source
  // make one test suite), with its counts.
  bool add(const Source &source, std::string_view out, const Tally &tally);
  // A source that could not be read (SARIF: a notification; JUnit: an <error>).
  bool trouble(const Source &source, std::string_view message);
  // Closes the document; `trouble`: some input could not be read (SARIF: the run failed).
  bool finish(bool trouble);

private:
  Format format_;
  const Repository &repository_;
  bool opened_ = false;
  bool first_result_ = true;
  std::vector<std::string> notifications_; // SARIF toolExecutionNotifications, as JSON objects
  const Source *suite_ = nullptr;          // JUnit: the source whose test cases are held
  std::string cases_;
  Tally suite_tally_;
  std::string suite_error_;
  bool open();
  bool close_suite();
};

} // namespace pss::cli
