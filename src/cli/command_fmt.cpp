// fmt: pretty-print, normalise and mask sessions: to stdout, as a check, or rewriting files.

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/input_stream.hpp"
#include "cli/ordered_pool.hpp"
#include "cli/output.hpp"
#include "cli/rewrite.hpp"
#include "core/json/format.hpp"
#include "core/json/text.hpp"
#include "core/privacy/redactor.hpp"

namespace pss::cli {
namespace {

constexpr const char *fmt_footer = R"(Examples:
  pss-inspect fmt session.json               pretty, coloured on a terminal
  pss-inspect fmt -c logs.jsonl              JSON Lines in, JSON Lines out
  pss-inspect fmt --naming sdk session.json  wire to SDK spelling (top level only)
  pss-inspect fmt --redact session.json      card numbers and secrets masked
  pss-inspect fmt --check fixtures/          list the files not formatted
  pss-inspect fmt --write fixtures/          rewrite them in place, atomically

Exit status:
  0  done (--check: every file is formatted)
  1  a document was refused (not JSON; a naming conflict with --naming; any finding
     with --strict), or --check found files that are not formatted
  2  usage error, an input that cannot be read, output or a file that cannot be written)";

void add_layout_options(CLI::App &command, FmtArgs &args) {
  auto *indent = command
                     .add_option("--indent", args.indent,
                                 "Spaces per level, 0-8; 0 is one line, like --compact")
                     ->transform(count_validator("spaces", 0, 8))
                     ->capture_default_str();
  auto *tab = command.add_flag("--tab", args.tab, "Indent with one tab per level");
  auto *compact = command.add_flag("-c,--compact", args.compact, "One line per document");
  tab->excludes(indent);
  compact->excludes(indent)->excludes(tab);
  command.add_flag("-S,--sort-keys", args.sort_keys,
                   "Sort object keys by code point, at every depth");
  command.add_flag("--canonical", args.canonical,
                   "Session fields first (type, status, code, status_code, response_body), "
                   "then the other keys");
}

} // namespace

void add_fmt_options(CLI::App &command, FmtArgs &args) {
  command.add_option("paths", args.paths,
                     "Files or folders (walked for *.json, *.jsonl, *.ndjson); - or none: stdin");
  add_layout_options(command, args);
  static constexpr std::array<Choice<std::optional<Naming>>, 3> naming_choices{
      {{"keep", std::nullopt}, {"wire", Naming::Wire}, {"sdk", Naming::Sdk}}};
  add_choice_option(command, "--naming", args.naming, naming_choices,
                    "Spell the session fields: keep (as written), wire (status_code), sdk "
                    "(statusCode); top level only",
                    true);
  command.add_flag("--redact", args.redact,
                   "Mask card numbers (first six, last four) and replace values under secret "
                   "keys with \"***\"");
  command.add_flag("--lines", args.lines,
                   "Read every input as JSON Lines (automatic for .jsonl and .ndjson, and for "
                   "stdin that looks like a log)");
  command.add_flag("--no-lines", args.no_lines,
                   "Read stdin as one document even when it looks like JSON Lines");
  command.add_flag("--strict", args.strict,
                   "Refuse documents with findings (exit 1) instead of formatting them");
  auto *check = command.add_flag("--check", args.check,
                                 "Write nothing; list the files that are not formatted (exit 1)");
  auto *write = command.add_flag("--write", args.write,
                                 "Rewrite files in place, atomically; formatted files untouched");
  check->excludes(write);
  command.add_flag("-q,--quiet", args.quiet,
                   "Report on stderr only what is not formatted (refused documents), not the "
                   "warnings of formatted ones");
  add_color_option(command, args.color);
  add_jobs_option(command, args.jobs, "format");
  add_rule_options(command, args.rules, false);
  add_path_options(command, args.path_args);
  add_max_document_size_option(command);
  command.footer(fmt_footer);
}

namespace {

enum class Mode { Print, Check, Write };

struct Settings {
  Mode mode = Mode::Print;
  FormatOptions options;       // as asked
  FormatOptions lines_options; // JSON Lines files under --check and --write stay JSON Lines
  bool strict = false;
  bool quiet = false;    // no warnings for formatted documents on stderr
  bool terminal = false; // stdout is a terminal: passed-through lines are escaped for display
  std::vector<CheckOptions> checks;  // by Source::rules: the findings --strict refuses
  std::vector<CheckOptions> screens; // the same, for a document that is formatted (check_chunk)

  // For the documents of a JSON Lines input (`lines`) or of a whole one.
  [[nodiscard]] const FormatOptions &options_for(bool lines) const {
    return lines && mode != Mode::Print ? lines_options : options;
  }
};

Settings settings_from(const FmtArgs &args, const Palette &palette) {
  Settings s;
  s.mode = args.check ? Mode::Check : args.write ? Mode::Write : Mode::Print;
  s.strict = args.strict;
  s.quiet = args.quiet;
  s.terminal = ::isatty(1) == 1;
  FormatOptions &o = s.options;
  o.indent = args.indent;
  o.tab = args.tab;
  o.compact = args.compact;
  o.sort_keys = args.sort_keys;
  o.canonical = args.canonical;
  o.naming = args.naming;
  o.redact = args.redact;
  o.styles = FormatStyles{palette.key(), palette.string(), palette.number(), palette.literal(),
                          palette.reset()};
  s.lines_options = o;
  s.lines_options.compact = true;
  return s;
}

// Talk on stderr, after what stdout already holds.
void say(std::string_view text) {
  write_err(text);
}

bool has_finding(const Report &report, Rule rule) {
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [&](const Finding &f) { return f.rule == rule; });
}

// Not JSON; or renaming would leave two keys spelled alike; or --strict and any finding. Other
// errors (a wrong enum, a duplicate key) do not stop formatting: fmt is not the validator.
bool is_refused(const Report &report, const Settings &s) {
  if (!report.is_json) return true;
  if (s.options.naming && has_finding(report, Rule::NamingConflict)) return true;
  return s.strict && !report.valid(true);
}

// A JSON Lines line that is not formatted is passed through, so that no line of a log is lost;
// under --redact, with card numbers and the secrets read before any syntax error masked as text.
// On a terminal (`display`), its control characters and other invisible ones are escaped as in
// every output meant for people: the line is then for reading, not for a file.
void append_refused_line(std::string &out, std::string_view line, const Report &report,
                         const FormatOptions &options, bool display) {
  if (display) {
    std::string shown;
    append_refused_line(shown, line, report, options, false);
    shown.pop_back(); // its '\n'
    out += escape_for_display(shown);
  } else if (!options.redact) {
    out += line;
  } else {
    out += Redactor(report.redactions).redact_source(line);
  }
  out += '\n';
}

// One line per finding: formatting is not validation, `check` gives the full story.
std::string warning_lines(const Checked &doc) {
  std::string out;
  const std::string name = escape_for_display(doc.source.name);
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    fmt::format_to(std::back_inserter(out), "{}:{}:{}: warning[{}]: {}\n", name, at.line, at.column,
                   rule_spec(finding.rule).id, finding.message);
  }
  return out;
}

// The findings fmt needs, with only the work its output needs: a formatted document shows no
// source line (no redactions), nor, under -q, any finding (no locations); a refused one shows its
// source (check's report, a passed-through line), so it is checked again for that. Text that is
// not JSON is reported whatever the rules say (it cannot be formatted), json.syntax disabled or
// not.
Report check_chunk(Checker &checker, const Chunk &chunk, const Settings &s, std::size_t rules) {
  Report report = checker.check(chunk.text, s.screens[rules]);
  if (!is_refused(report, s)) return report;
  if (report.is_json) return checker.check(chunk.text, s.checks[rules]);
  const auto parsed = json::parse(chunk.text);
  report = report_parse_error(parsed, chunk.text, s.checks[rules]);
  if (report.findings.empty()) report = report_parse_error(parsed, chunk.text);
  return report;
}

// Appends one document, formatted, to `out`; false when it is refused. With `talk`, a refused
// document's findings (check's text format) or a formatted one's warnings are appended to it,
// for stderr.
bool format_chunk(Checker &checker, const Source &source, const Chunk &chunk, bool lines,
                  const Settings &s, const FormatOptions &options, std::string &out,
                  std::string *talk) {
  const Report report = check_chunk(checker, chunk, s, source.rules);
  const Checked doc{source, Origin{chunk.offset, chunk.line}, chunk.text, report};
  if (is_refused(report, s)) {
    if (talk != nullptr) *talk += format_text(doc, Palette{});
    if (lines && s.mode == Mode::Print)
      append_refused_line(out, chunk.text, report, options, s.terminal);
    return false;
  }
  if (talk != nullptr && !s.quiet && !report.findings.empty()) *talk += warning_lines(doc);
  append_formatted(out, chunk.text, options);
  return true;
}

// JSON Lines keep their line count: each blank line (empty, or only blanks) of the input is an
// empty line of the output, in its place, so that line N of a compact output is line N of the
// input and the line numbers on stderr point into both. Walks the documents of one block.
class BlankLines {
public:
  explicit BlankLines(const Block &block)
      : text_(block.text()), offset_(block.offset), line_(block.line) {}

  // Appends to `out` an empty line for each blank line between the previous document and `chunk`.
  void before(const Chunk &chunk, std::string &out) {
    out.append(chunk.line - line_, '\n');
    line_ = chunk.line + 1;
    const std::size_t end = chunk.offset - offset_ + chunk.text.size();
    const std::size_t newline = text_.find('\n', end);
    next_ = newline == std::string_view::npos ? text_.size() : newline + 1;
  }

  // Appends to `out` an empty line for each blank line after the block's last document.
  void finish(std::string &out) const {
    const std::string_view rest = text_.substr(next_);
    const auto lines = static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n'));
    out.append(lines + (!rest.empty() && rest.back() != '\n' ? 1 : 0), '\n');
  }

private:
  std::string_view text_;
  std::size_t offset_ = 0; // the file offset of text_[0]
  std::size_t line_ = 1;   // the line after the last document seen
  std::size_t next_ = 0;   // where that line starts in text_
};

// Formats every document of `block` into `out` (JSON Lines keeping their blank lines); false when
// one is refused. With `talk`, as format_chunk.
bool format_block(Checker &checker, const Source &source, const Block &block, const Settings &s,
                  std::string &out, std::string *talk) {
  const bool lines = !block.whole;
  const FormatOptions &options = s.options_for(lines);
  bool formatted = true;
  BlankLines blanks(block);
  for_each_document(block, [&](const Chunk &chunk) {
    if (lines) blanks.before(chunk, out);
    formatted = format_chunk(checker, source, chunk, lines, s, options, out, talk) && formatted;
    return true;
  });
  if (lines) blanks.finish(out);
  return formatted;
}

struct Outcome {
  bool invalid = false; // refused documents, or (--check) files not formatted
  bool trouble = false;
};

// Where a job's output switches between stdout and stderr: the bytes of `out` (or `talk`) from the
// previous cut of the same stream up to `end` go next.
struct Cut {
  bool to_stderr = false;
  std::size_t end = 0;
};

// One piece of work of the pipeline: a block of JSON Lines read by the caller, a whole file read
// by the worker, or a message with nothing to read (a file --write refuses, a reader's error at
// the end of a source). The worker fills in the results; the sink consumes them in input order.
struct Job {
  const Source *source = nullptr;
  bool first = false;             // the source's first job: the sink starts on a new source
  bool last = false;              // the source's last job: the sink decides about the source
  bool read_by_worker = false;    // a whole file, read by the worker
  Block block;                    // what the caller read (JSON Lines), kept for the sink
  std::optional<FileStamp> stamp; // --write, on a first job: the file before it was read
  // Print: the bytes for stdout (`out`) and for stderr (`talk`), said in the order of `cuts`.
  // Check and write: the talk only.
  std::string out;
  std::string talk;
  std::vector<Cut> cuts;
  bool refused = false;   // a document was refused
  bool same = true;       // check and write: the output is the input's bytes
  std::string output;     // write: the output, when not the same
  std::size_t offset = 0; // the file offset of the block's first byte
  std::string error;      // the reader's (or the refusal), said after the rest
};

// Print: formats a block into the job's stdout bytes, the talk about each document said before
// it.
void print_block(Job &job, const Block &block, const Settings &s, Checker &checker) {
  std::string &out = job.out;
  // About the size of the output, so that it seldom grows by copying: compact output is about
  // the size of the input, pretty output about 1.2 times it on a log (the indentation).
  const FormatOptions &o = s.options;
  const bool pretty = !o.compact && (o.tab || o.indent > 0);
  out.reserve(out.size() + block.length + block.length / (pretty ? 2 : 8));
  const bool lines = !block.whole;
  BlankLines blanks(block);
  for_each_document(block, [&](const Chunk &chunk) {
    if (lines) blanks.before(chunk, out);
    const std::size_t mark = out.size();
    const std::size_t said = job.talk.size();
    if (!format_chunk(checker, *job.source, chunk, lines, s, s.options, out, &job.talk))
      job.refused = true;
    if (job.talk.size() != said) {
      job.cuts.push_back(Cut{false, mark});
      job.cuts.push_back(Cut{true, job.talk.size()});
    }
    return true;
  });
  if (lines) blanks.finish(out);
  job.cuts.push_back(Cut{false, out.size()});
}

// Check and write: formats a block and compares the output with the block's bytes; the output
// is kept only when --write will need it (not the same, nothing refused).
void compare_block(Job &job, const Block &block, const Settings &s, Checker &checker) {
  std::string out;
  if (!format_block(checker, *job.source, block, s, out, &job.talk)) job.refused = true;
  job.cuts.push_back(Cut{true, job.talk.size()});
  job.offset = block.offset;
  if (out == block.text()) return;
  job.same = false;
  if (s.mode == Mode::Write && !job.refused) job.output = std::move(out);
}

void work(Job &job, const Settings &s, Checker &checker) {
  if (!job.read_by_worker && job.block.bytes == nullptr) return; // a message only
  const auto visit = [&](const Block &block) {
    if (s.mode == Mode::Print) {
      print_block(job, block, s, checker);
    } else {
      compare_block(job, block, s, checker);
    }
  };
  job.error = guard_input(*job.source, [&] {
    if (job.read_by_worker) {
      return read_blocks(*job.source, [&](Block &&block) {
        visit(block);
        return true;
      });
    }
    visit(job.block);
    return job.error;
  });
}

// Consumes the jobs in input order, one source after the other. Print writes the bytes to
// stdout and stderr. Check lists a source whose output differs from its bytes. Write streams the
// output of a source to a temporary file from its first block that changes (the unchanged bytes
// before it copied from the original), and replaces the file only when it changed, nothing was
// refused and nothing failed; an unchanged file is not touched (its modification time stays).
class Sink {
public:
  Sink(const Settings &s, Outcome &outcome) : s_(s), outcome_(outcome) {}

  // False once stdout is gone.
  bool take(Job &job) {
    if (job.first) source_ = State{};
    source_.refused = source_.refused || job.refused;
    source_.same = source_.same && job.same;
    if (job.refused) outcome_.invalid = true;
    if (!say_in_order(job)) return false;
    if (!job.error.empty()) {
      complain(job.error);
      outcome_.trouble = true;
      source_.failed = true;
    }
    if (job.stamp) source_.stamp = job.stamp;
    if (s_.mode == Mode::Write) rewrite(job);
    if (job.last) return finish(*job.source);
    return true;
  }

private:
  struct State {
    bool refused = false;
    bool same = true;
    bool failed = false;            // reading or rewriting it failed (said)
    std::optional<FileStamp> stamp; // --write: the file before it was read
    std::unique_ptr<Rewrite> file;  // --write: the new content, once one block changed
    std::string error;              // --write: said at the end, after the talk
  };
  const Settings &s_;
  Outcome &outcome_;
  State source_;

  // Writes the job's stdout and stderr bytes in order; false once stdout is gone.
  bool say_in_order(const Job &job) {
    std::size_t out_at = 0;
    std::size_t talk_at = 0;
    for (const Cut &cut : job.cuts) {
      std::size_t &at = cut.to_stderr ? talk_at : out_at;
      const std::string_view text =
          std::string_view(cut.to_stderr ? job.talk : job.out).substr(at, cut.end - at);
      at = cut.end;
      if (text.empty()) continue;
      if (cut.to_stderr) {
        say(text);
      } else if (!write_out(text)) {
        return false;
      }
    }
    return true;
  }

  void rewrite(const Job &job) {
    if (source_.refused || source_.failed || !source_.error.empty()) {
      if (source_.file) source_.file->discard();
      return;
    }
    if (!source_.file) {
      if (job.same) return; // nothing changed yet: nothing to write
      source_.file = std::make_unique<Rewrite>();
      source_.error = source_.file->start(job.source->path);
      if (source_.error.empty()) source_.error = source_.file->copy_original(job.offset);
      if (!source_.error.empty()) return;
    }
    if (job.read_by_worker || job.block.bytes != nullptr)
      source_.error = source_.file->write(job.same ? job.block.text() : job.output);
  }

  bool finish(const Source &source) {
    if (s_.mode == Mode::Check && !source_.failed && !source_.refused && !source_.same) {
      outcome_.invalid = true;
      return write_out(escape_for_display(source.name) + "\n"); // one line per name
    }
    if (s_.mode == Mode::Write && source_.file && source_.error.empty()) {
      if (source_.failed || source_.refused) {
        source_.file->discard();
      } else {
        source_.error = source_.file->commit(source_.stamp);
      }
    }
    if (!source_.error.empty()) {
      complain(source_.error);
      outcome_.trouble = true;
    }
    return true;
  }
};

// Why --write does not read a source, or "": a FIFO or a device would block or never end, and
// cannot be replaced by a rename anyway; rewriting a compressed file would put plain text under
// a .gz or .zst name (checked after the FIFO test: reading the magic bytes of a FIFO would
// block). `info`: the file's stat, when it has one.
std::string refuse_rewrite(const Source &source, struct stat &info, bool &found) {
  found = ::stat(source.path.c_str(), &info) == 0;
  if (found && !S_ISREG(info.st_mode))
    return source.name + ": not a regular file: --write rewrites regular files only";
  if (is_compressed_file(source.path))
    return source.name + ": compressed: --write rewrites plain files only (print it instead: "
                         "pss-inspect fmt FILE | gzip > NEW)";
  return "";
}

// Every source through one pipeline: blocks read (whole files by the workers, JSON Lines by
// this thread) and formatted on `threads` threads, their results consumed in input order by the
// mode's sink, so that the output is the same whatever the number of threads.
void run_sources(const std::vector<Source> &sources, const Settings &s, std::size_t threads,
                 Outcome &outcome) {
  std::vector<Checker> checkers(threads);
  Sink sink(s, outcome);
  OrderedPool<Job> pool(
      threads, [&](Job &job, std::size_t worker) { work(job, s, checkers[worker]); },
      [&](Job &job) { return sink.take(job); });
  std::set<std::pair<dev_t, ino_t>> rewritten;
  for (const auto &source : sources) {
    if (stdout_closed()) break;
    Job head;
    head.source = &source;
    head.first = true;
    if (s.mode == Mode::Write) {
      struct stat info {};
      bool found = false;
      head.error = refuse_rewrite(source, info, found);
      if (!head.error.empty()) {
        head.last = true;
        pool.submit(std::move(head));
        continue;
      }
      if (found) {
        // A file named twice (or through a link): read again once its first rewrite is done,
        // as if one thread did one file after the other.
        if (!rewritten.emplace(info.st_dev, info.st_ino).second) {
          pool.flush();
          found = ::stat(source.path.c_str(), &info) == 0;
        }
        if (found) head.stamp = FileStamp::of(info);
      }
    }
    if (!source.path.empty() && !source.lines) {
      head.read_by_worker = true;
      head.last = true;
      pool.submit(std::move(head));
      continue;
    }
    const std::string error = read_blocks(source, [&](Block &&block) {
      Job job;
      if (head.first) job = std::move(head); // the flags and stamp of the source's first job
      head.first = false;
      job.source = &source;
      job.block = std::move(block);
      return pool.submit(std::move(job));
    });
    if (!error.empty() || s.mode != Mode::Print) {
      Job end;
      if (head.first) end = std::move(head); // nothing was read
      end.source = &source;
      end.last = true;
      end.error = error;
      pool.submit(std::move(end));
    }
  }
  pool.finish();
}

// Copies stdin to stdout as it is.
void echo_stdin(const std::string &name, Outcome &outcome) {
  std::array<char, 65536> buffer{};
  while (!stdout_closed()) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), stdin);
    if (got > 0 && !write_out(std::string_view(buffer.data(), got))) break;
    if (got < buffer.size()) {
      if (std::ferror(stdin) != 0) {
        complain(fmt::format("{}: {}", escape_for_display(name), std::strerror(errno)));
        outcome.trouble = true;
      }
      break;
    }
  }
}

bool reads_stdin(const std::vector<std::string> &paths) {
  return paths.empty() || std::find(paths.begin(), paths.end(), "-") != paths.end();
}

} // namespace

int run_fmt(const FmtArgs &args) {
  if (args.write && reads_stdin(args.paths)) {
    complain("--write rewrites files in place and cannot rewrite stdin: give files or folders, "
             "or leave out --write to print");
    return exit_trouble;
  }
  auto run_settings = resolve_settings(args.rules, args.path_args, args.lines, "fmt");
  if (!run_settings) return exit_trouble;
  Outcome outcome;
  auto sources = run_settings->sources(args.paths, outcome.trouble);
  // stdin that looks like a log is formatted line by line, as check reads it.
  for (auto &source : sources) {
    source.sniff_lines = source.path.empty() && !source.lines && !args.no_lines;
  }
  const bool printing = !args.check && !args.write;
  const Palette palette{printing && use_color(args.color, 1)};
  Settings settings = settings_from(args, palette);
  for (const auto &rules : run_settings->rules()) {
    settings.checks.push_back(CheckOptions{{}, rules});
    CheckOptions screen{{}, rules};
    screen.redact = false;
    screen.locate = !settings.quiet;
    settings.screens.push_back(screen);
  }

  run_sources(sources, settings, thread_count(args.jobs), outcome);
  // Excluded stdin is echoed unchanged (as prettier and ruff do): an editor's format-on-save
  // pipe must not empty a file the config excludes.
  if (settings.mode == Mode::Print && run_settings->stdin_excluded)
    echo_stdin(run_settings->walk.stdin_name, outcome);
  const int code = outcome.trouble ? exit_trouble : outcome.invalid ? exit_invalid : exit_ok;
  return finish_output(code);
}

} // namespace pss::cli
