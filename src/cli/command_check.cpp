// check and inspect: validate sessions from files, folders, JSON Lines and stdin.

#include <algorithm>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/ordered_pool.hpp"
#include "cli/output.hpp"
#include "cli/output_file.hpp"
#include "cli/report_totals.hpp"
#include "core/session/stats.hpp"

namespace pss::cli {

namespace {

// The options for logs: totals, problems only, stdin that is one document.
void add_log_options(CLI::App &command, CheckArgs &args, bool inspect) {
  if (inspect) {
    command.add_flag("--each", args.each,
                     "A summary per document, also for JSON Lines and folders (which otherwise "
                     "get one aggregate report)");
  } else {
    command.add_flag("--statistics", args.statistics,
                     "Print findings per rule (count, documents, first location) instead of each "
                     "finding");
  }
  command.add_flag("--only-invalid", args.only_invalid,
                   inspect ? "Summarise only documents that are invalid (warnings count under "
                             "--strict); implies --each"
                           : "Write only documents that are invalid (warnings count under "
                             "--strict)");
  command.add_flag("--no-lines", args.no_lines,
                   "Read stdin as one document even when it looks like JSON Lines");
}

} // namespace

void add_check_options(CLI::App &command, CheckArgs &args, bool inspect) {
  command.add_option("paths", args.paths,
                     "Files or folders (walked for *.json, *.jsonl, *.ndjson); - or none: stdin");
  command.add_flag("--lines", args.lines,
                   "Read every input as JSON Lines (automatic for .jsonl and .ndjson, and for "
                   "stdin that looks like a log)");
  add_naming_option(command, args.naming);
  add_rule_options(command, args.rules, true);
  add_path_options(command, args.path_args);
  add_choice_option(command, "--format", args.format, format_choices,
                    "Output: text, json (JSON Lines), github (annotations), sarif (SARIF 2.1.0), "
                    "junit (JUnit XML). Default: text; github when GITHUB_ACTIONS=true and stdout "
                    "is not a terminal",
                    false);
  add_output_option(command, args.output);
  add_color_option(command, args.color);
  add_jobs_option(command, args.jobs, "check");
  command
      .add_option("--max-findings", args.max_findings,
                  "Findings shown per document; the rest are counted (0: no limit)")
      ->transform(count_validator("findings"))
      ->capture_default_str();
  add_max_document_size_option(command);
  if (!inspect) {
    command.add_flag("-q,--quiet", args.quiet,
                     "Print only findings: no summary line, nothing for valid documents; -qq: "
                     "print nothing (the exit status tells)");
  }
  add_log_options(command, args, inspect);
}

namespace {

// What checking one input (a file, or a block of lines) produced, emitted in input order.
struct Result {
  const Source *source = nullptr;
  std::string out;
  std::string error;
  Tally tally; // of this input alone
};

// A piece of work for any thread: whole files (read by the worker; small ones are batched, so
// that a folder of tiny fixtures does not cost a hand-over per file) or a block of lines.
struct Job {
  std::vector<const Source *> files;
  const Source *lines_source = nullptr;
  Block block;
  std::string read_error; // reading the lines source failed here: said in order
  std::vector<Result> results;
  Tally tally;
  // With totals: this job's documents, merged in order (no limit within a bounded job).
  Totals totals{std::numeric_limits<std::size_t>::max()};
};

// What a run prints for its documents.
enum class Output {
  Each,       // a record (or summary) per document
  Totals,     // inspect's aggregate report
  Statistics, // check --statistics: findings per rule
  Auto,       // inspect of stdin alone: Each for one document, Totals for JSON Lines
};

struct Settings {
  bool inspect;
  bool strict; // warnings make a document invalid: --fail-on warning
  int quiet;   // 1: findings only; 2: nothing
  bool only_invalid;
  Output output;
  Format format;
  Palette palette;
  std::vector<CheckOptions> options; // by Source::rules
  Layout layout;
  const Repository &repository;
  const Source *first_source; // FirstSeen::input is an index from here
};

// Per worker: the parsers a document needs.
struct Worker {
  Checker checker;
  SessionFacts facts;
  JsonRecords records;
};

void check_document(const Settings &s, const Source &source, const Chunk &chunk, bool whole,
                    Worker &worker, Job &job, Tally &tally, std::string &out) {
  const Origin origin{chunk.offset, chunk.line};
  const CheckOptions &options = s.options[source.rules];
  const Output output = s.output != Output::Auto ? s.output : whole ? Output::Each : Output::Totals;
  if (output != Output::Each) {
    // Totals need only simdjson's verdict and the session fields, read from its DOM.
    const Report report = worker.checker.check(chunk.text, options);
    tally.add(report, s.strict);
    const SessionFacts *facts = nullptr;
    if (output == Output::Totals && report.is_json) {
      read_session_facts(worker.checker.parsed(), chunk.text, worker.facts);
      facts = &worker.facts;
    }
    job.totals.add(report, facts, s.strict, static_cast<std::size_t>(&source - s.first_source),
                   origin);
    return;
  }
  Checker &checker = worker.checker;
  std::optional<json::ParseResult> parsed;
  Report report;
  if (s.inspect) {
    parsed = json::parse(chunk.text);
    report = parsed->error ? report_parse_error(*parsed, chunk.text, options)
                           : analyze(*parsed->value, chunk.text, options);
  } else {
    report = checker.check(chunk.text, options);
  }
  tally.add(report, s.strict);
  if (s.quiet >= 2 || (s.quiet == 1 && report.findings.empty())) return;
  if (s.only_invalid && report.valid(s.strict)) return;
  const Checked doc{source, origin, chunk.text, report};
  switch (s.format) {
  case Format::Text:
    if (s.inspect) {
      out += '\n'; // documents are separated by a blank line; the first one is dropped
      out += format_inspect_summary(doc, parsed->value ? &*parsed->value : nullptr, s.palette,
                                    s.layout);
    }
    out += format_text(doc, s.palette, s.layout);
    break;
  case Format::Json:
    if (s.inspect && parsed->value) {
      const SessionFacts facts = session_facts(*parsed->value);
      worker.records.append(out, doc, s.strict, &facts);
    } else {
      worker.records.append(out, doc, s.strict, nullptr);
    }
    break;
  case Format::Github:
    out += format_github(doc, s.repository);
    break;
  case Format::Sarif:
    out += format_sarif_results(doc, s.repository);
    break;
  case Format::Junit:
    out += format_junit_testcase(doc, s.repository, s.strict);
    break;
  }
}

void run_job(const Settings &s, Job &job, Worker &worker) {
  auto check_block = [&](const Source &source, const Block &block, Result &result) {
    // A block of lines (about 1 MiB) prints about as many bytes as it holds (json: 60 % on a log
    // where most sessions have a finding): room for them at once, instead of a string doubling
    // 20 times (5 % of check --format json's time).
    if (!block.whole && s.quiet < 2 && s.output == Output::Each)
      result.out.reserve(block.text().size());
    return for_each_document(block, [&](const Chunk &chunk) {
      check_document(s, source, chunk, block.whole, worker, job, result.tally, result.out);
      return true;
    });
  };
  for (const Source *file : job.files) {
    Result &result = job.results.emplace_back();
    result.source = file;
    result.error = guard_input(*file, [&] {
      return read_blocks(*file, [&](Block &&block) { return check_block(*file, block, result); });
    });
    job.tally.merge(result.tally);
  }
  if (job.lines_source != nullptr) {
    Result &result = job.results.emplace_back();
    result.source = job.lines_source;
    result.error = guard_input(*job.lines_source, [&] {
      check_block(*job.lines_source, job.block, result);
      return job.read_error;
    });
    // stdin sniffed as JSON Lines: the summary counts its documents as for a .jsonl file.
    result.tally.any_lines = job.block.bytes != nullptr && !job.block.whole;
    job.tally.merge(result.tally);
  }
}

// Only what the output needs: redaction ranges where source lines are printed (text), positions
// and messages unless nothing is printed (-qq: the counts decide the exit status). The rules are
// the caller's.
CheckOptions check_options(const CheckArgs &args, Format format) {
  CheckOptions options;
  options.naming = args.naming;
  options.max_findings = args.max_findings;
  options.locate = args.quiet < 2;
  options.describe = args.quiet < 2;
  options.redact = args.quiet < 2 && format == Format::Text;
  return options;
}

// Totals for logs and folders (inspect), per rule with --statistics (check); a record per
// document otherwise, and always for the CI formats (github annotations, SARIF, JUnit).
Output resolve_output(const CheckArgs &args, bool inspect, Format format,
                      const std::vector<Source> &sources) {
  if (format != Format::Text && format != Format::Json) return Output::Each;
  if (!inspect) return args.statistics ? Output::Statistics : Output::Each;
  if (args.each || args.only_invalid) return Output::Each; // only some documents: each one
  const bool folder = std::any_of(args.paths.begin(), args.paths.end(), [](const auto &path) {
    std::error_code ec;
    return path != "-" && std::filesystem::is_directory(path, ec);
  });
  const bool lines = std::any_of(sources.begin(), sources.end(),
                                 [](const Source &source) { return source.lines; });
  if (folder || lines) return Output::Totals;
  if (sources.size() == 1 && sources[0].sniff_lines) return Output::Auto;
  return Output::Each;
}

std::string format_totals(Output output, Format format, const Totals &totals,
                          const std::vector<Source> &sources, const Settings &s) {
  // Tables fit a terminal, or COLUMNS; on a pipe without COLUMNS they keep their full width.
  const std::size_t width = s.layout.wrap || s.layout.known ? s.layout.width : 0;
  if (output == Output::Statistics) {
    return format == Format::Json ? format_statistics_json(totals, sources)
                                  : format_statistics_text(totals, sources, width);
  }
  return format == Format::Json ? format_totals_json(totals, sources)
                                : format_totals_text(totals, sources, s.palette, width);
}

} // namespace

int run_check(const CheckArgs &args, bool inspect) {
  auto run_settings =
      resolve_settings(args.rules, args.path_args, args.lines, inspect ? "inspect" : "check");
  if (!run_settings) return exit_trouble;
  bool trouble = false;
  if (args.statistics && args.only_invalid) {
    complain("--statistics counts the findings of every document; --only-invalid selects the "
             "documents whose findings are written: leave out one of them");
    return exit_trouble;
  }
  // Totals are one report: GitHub's annotations (the default in GitHub Actions) would print
  // each finding instead.
  const bool totals_asked = args.statistics || inspect;
  const Format format = !args.format && totals_asked
                            ? Format::Text
                            : resolve_format(args.format, !args.output.empty());
  if (args.statistics && format != Format::Text && format != Format::Json) {
    complain("--statistics prints one table (text, or json with --format json); --format " +
             std::string(word_of(format_choices, format)) +
             " writes each finding: leave out one of them");
    return exit_trouble;
  }
  OutputFile output_file;
  if (!args.output.empty()) {
    if (const std::string error = output_file.start(args.output); !error.empty()) {
      complain(error);
      return exit_trouble;
    }
  }
  std::vector<WalkProblem> problems;
  auto sources = run_settings->sources(args.paths, trouble, &problems);
  for (auto &source : sources) {
    source.sniff_lines = source.path.empty() && !source.lines && !args.no_lines;
  }
  const Repository repository = Repository::find();
  const Output output = resolve_output(args, inspect, format, sources);
  Settings settings{inspect,
                    run_settings->fail_on == FailOn::Warning,
                    args.quiet,
                    args.only_invalid,
                    output,
                    format,
                    Palette{format == Format::Text && use_color(args.color, 1)},
                    {},
                    layout_for(1),
                    repository,
                    sources.data()};
  for (const auto &rules : run_settings->rules()) {
    CheckOptions options = check_options(args, format);
    options.rules = rules;
    // -qq: the exit status alone, which warnings decide only with --fail-on warning.
    options.count_warnings = args.quiet < 2 || run_settings->fail_on == FailOn::Warning;
    settings.options.push_back(std::move(options));
  }
  // -qq prints nothing at all: not even a SARIF or JUnit frame.
  Frame frame(args.quiet >= 2 ? Format::Text : format, repository);
  // What could not be read is part of the report too (SARIF: a notification; JUnit: an error).
  // (`problems` outlives the frame, which keeps pointers to their sources.)
  for (const auto &problem : problems) {
    if (!frame.trouble(problem.source, problem.message)) return exit_trouble;
  }
  const std::size_t threads = thread_count(args.jobs);
  std::vector<std::unique_ptr<Worker>> workers;
  for (std::size_t i = 0; i < threads; ++i) workers.push_back(std::make_unique<Worker>());

  Tally tally;
  Totals totals;
  bool wrote = false;
  OrderedPool<Job> pool(
      threads, [&](Job &job, std::size_t worker) { run_job(settings, job, *workers[worker]); },
      [&](Job &job) {
        tally.merge(job.tally);
        totals.merge(job.totals);
        for (const auto &result : job.results) {
          std::string_view out = result.out;
          if (!wrote && !out.empty() && out[0] == '\n') out.remove_prefix(1); // inspect's separator
          wrote = wrote || !out.empty();
          if (!frame.add(*result.source, out, result.tally)) return false;
          if (!result.error.empty()) {
            complain(result.error);
            trouble = true;
            if (!frame.trouble(*result.source, result.error)) return false;
          }
        }
        return true;
      });

  constexpr std::size_t files_per_job = 16;
  Job batch;
  auto submit_batch = [&] {
    if (!batch.files.empty()) pool.submit(std::exchange(batch, Job{}));
  };
  for (const auto &source : sources) {
    if (stdout_closed()) break;
    ++tally.files;
    tally.any_lines = tally.any_lines || source.lines;
    if (!source.path.empty() && !source.lines) {
      batch.files.push_back(&source);
      if (batch.files.size() == files_per_job) submit_batch();
      continue;
    }
    submit_batch();
    // stdin and JSON Lines are read here, block by block, and checked by the workers.
    const std::string error = read_blocks(source, [&](Block &&block) {
      Job job;
      job.lines_source = &source;
      const bool live = block.live;
      job.block = std::move(block);
      if (!pool.submit(std::move(job))) return false;
      if (live) {
        // The stream paused: show what it said so far before waiting for more.
        pool.flush();
        flush_out();
      }
      return !stdout_closed();
    });
    if (!error.empty()) {
      Job job;
      job.lines_source = &source;
      job.read_error = error;
      pool.submit(std::move(job));
    }
  }
  submit_batch();
  pool.finish();
  if (!stdout_closed() && args.quiet < 2) {
    const bool used = output == Output::Totals || output == Output::Statistics ||
                      (output == Output::Auto && totals.documents > 0);
    if (used) write_out(format_totals(output, format, totals, sources, settings));
  }

  const bool passed = tally.invalid == 0 || run_settings->fail_on == FailOn::Never;
  if (!stdout_closed()) {
    if (format == Format::Github && args.quiet == 0) {
      write_out(format_github_summary(summary_line(tally)));
    }
    (void)frame.finish(trouble);
  }
  if (stdout_closed()) {
    // The reader went away (| head): stop quietly.
  } else if (format == Format::Text && args.quiet == 0) {
    write_err(summary_line(tally) + "\n");
  }
  const int code = trouble ? exit_trouble : passed ? exit_ok : exit_invalid;
  return output_file.finish(finish_output(code));
}

void add_check_options(CLI::App &command, CheckArgs &args) {
  add_check_options(command, args, false);
}

int run_check(const CheckArgs &args) {
  return run_check(args, false);
}

void add_inspect_options(CLI::App &command, CheckArgs &args) {
  add_check_options(command, args, true);
}

int run_inspect(const CheckArgs &args) {
  return run_check(args, true);
}

} // namespace pss::cli
