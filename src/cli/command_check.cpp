// check and inspect: validate sessions from files, folders, JSON Lines and stdin.

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/ordered_pool.hpp"
#include "cli/output.hpp"

namespace pss::cli {

void add_check_options(CLI::App &command, CheckArgs &args, bool inspect) {
  command.add_option("paths", args.paths,
                     "Files or folders (walked for *.json, *.jsonl, *.ndjson); - or none: stdin");
  command.add_flag("--lines", args.lines,
                   "Read every input as JSON Lines (automatic for .jsonl and .ndjson)");
  add_naming_option(command, args.naming);
  add_rule_options(command, args.rules, true);
  add_path_options(command, args.path_args);
  command
      .add_option("--format", args.format, "Output: text, json (JSON Lines), github (annotations)")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();
  add_color_option(command, args.color);
  add_jobs_option(command, args.jobs, "check");
  command
      .add_option("--max-findings", args.max_findings,
                  "Findings shown per document; the rest are counted (0: no limit)")
      ->capture_default_str();
  add_max_document_size_option(command);
  if (!inspect) {
    command.add_flag("-q,--quiet", args.quiet,
                     "Print only findings: no summary line, nothing for valid documents; -qq: "
                     "print nothing (the exit status tells)");
  }
}

namespace {

// What checking one input (a file, or a block of lines) produced, emitted in input order.
struct Result {
  std::string out;
  std::string error;
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
};

struct Settings {
  bool inspect;
  bool strict; // warnings make a document invalid: --fail-on warning
  int quiet;   // 1: findings only; 2: nothing
  Format format;
  Palette palette;
  std::vector<CheckOptions> options; // by Source::rules
};

void check_document(const Settings &s, const Source &source, const Chunk &chunk, Checker &checker,
                    Tally &tally, std::string &out) {
  const Origin origin{chunk.offset, chunk.line};
  const CheckOptions &options = s.options[source.rules];
  std::optional<json::ParseResult> parsed;
  Report report;
  if (s.inspect) {
    parsed = json::parse(chunk.text);
    report = parsed->error ? report_parse_error(*parsed, chunk.text, options)
                           : analyze(*parsed->value, chunk.text, options);
  } else {
    report = checker.check(chunk.text, options, true);
  }
  tally.add(report, s.strict);
  if (s.quiet >= 2 || (s.quiet == 1 && report.findings.empty())) return;
  const Checked doc{source, origin, chunk.text, report};
  switch (s.format) {
  case Format::Text:
    if (s.inspect) {
      out += '\n'; // documents are separated by a blank line; the first one is dropped
      out += format_inspect_summary(doc, parsed->value ? &*parsed->value : nullptr, s.palette);
    }
    out += format_text(doc, s.palette);
    break;
  case Format::Json:
    out += format_json(doc, s.strict);
    break;
  case Format::Github:
    out += format_github(doc);
    break;
  }
}

void run_job(const Settings &s, Job &job, Checker &checker) {
  auto check_block = [&](const Source &source, const Block &block, Result &result) {
    return for_each_document(block, [&](const Chunk &chunk) {
      check_document(s, source, chunk, checker, job.tally, result.out);
      return true;
    });
  };
  for (const Source *file : job.files) {
    Result &result = job.results.emplace_back();
    result.error =
        read_blocks(*file, [&](Block &&block) { return check_block(*file, block, result); });
  }
  if (job.lines_source != nullptr) {
    Result &result = job.results.emplace_back();
    check_block(*job.lines_source, job.block, result);
    result.error = job.read_error;
  }
}

// Only what the output needs: redaction ranges where source lines are printed (text), positions
// unless nothing is printed (-qq). The rules are the caller's.
CheckOptions check_options(const CheckArgs &args, Format format) {
  CheckOptions options;
  options.naming = naming_mode(args.naming);
  options.max_findings = args.max_findings;
  options.locate = args.quiet < 2;
  options.redact = args.quiet < 2 && format == Format::Text;
  return options;
}

} // namespace

int run_check(const CheckArgs &args, bool inspect) {
  auto run_settings =
      resolve_settings(args.rules, args.path_args, args.lines, inspect ? "inspect" : "check");
  if (!run_settings) return exit_trouble;
  bool trouble = false;
  const auto sources = run_settings->sources(args.paths, trouble);
  const Format format = args.format == "json"     ? Format::Json
                        : args.format == "github" ? Format::Github
                                                  : Format::Text;
  Settings settings{inspect,
                    run_settings->fail_on == FailOn::Warning,
                    args.quiet,
                    format,
                    Palette{format == Format::Text && use_color(color_mode(args.color), 1)},
                    {}};
  for (const auto &rules : run_settings->rules()) {
    CheckOptions options = check_options(args, format);
    options.rules = rules;
    settings.options.push_back(std::move(options));
  }
  const std::size_t threads = thread_count(args.jobs);
  std::vector<std::unique_ptr<Checker>> checkers;
  for (std::size_t i = 0; i < threads; ++i) checkers.push_back(std::make_unique<Checker>());

  Tally tally;
  bool wrote = false;
  OrderedPool<Job> pool(
      threads, [&](Job &job, std::size_t worker) { run_job(settings, job, *checkers[worker]); },
      [&](Job &job) {
        tally.merge(job.tally);
        for (const auto &result : job.results) {
          std::string_view out = result.out;
          if (!wrote && !out.empty() && out[0] == '\n') out.remove_prefix(1); // inspect's separator
          wrote = wrote || !out.empty();
          if (!out.empty() && !write_out(out)) return false;
          if (!result.error.empty()) {
            complain(result.error);
            trouble = true;
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

  const bool passed = tally.invalid == 0 || run_settings->fail_on == FailOn::Never;
  if (stdout_closed()) {
    // The reader went away (| head): stop quietly.
  } else if (format == Format::Text && args.quiet == 0) {
    write_err(summary_line(tally) + "\n");
  }
  const int code = trouble ? exit_trouble : passed ? exit_ok : exit_invalid;
  return finish_output(code);
}

namespace {

std::function<int()> setup_check(CLI::App &command, bool inspect) {
  auto args = std::make_shared<CheckArgs>();
  add_check_options(command, *args, inspect);
  return [args, inspect] { return run_check(*args, inspect); };
}

const bool check_registered =
    register_command({"check", "Validate sessions against the contract", 10,
                      [](CLI::App &command) { return setup_check(command, false); }});
const bool inspect_registered =
    register_command({"inspect", "Summarise each session and its findings (the default)", 20,
                      [](CLI::App &command) { return setup_check(command, true); }});

} // namespace

} // namespace pss::cli
