// check and inspect: validate sessions from files, folders, JSON Lines and stdin.

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"

namespace pss::cli {

namespace {

std::vector<CommandSpec> &registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}

} // namespace

bool register_command(CommandSpec spec) {
  auto &commands = registry();
  const auto at = std::find_if(commands.begin(), commands.end(),
                               [&](const CommandSpec &c) { return c.order > spec.order; });
  commands.insert(at, std::move(spec));
  return true;
}

const std::vector<CommandSpec> &registered_commands() {
  return registry();
}

void add_color_option(CLI::App &command, std::string &mode) {
  command
      .add_option("--color", mode,
                  "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

ColorMode color_mode(const std::string &word) {
  return word == "always"  ? ColorMode::Always
         : word == "never" ? ColorMode::Never
                           : ColorMode::Auto;
}

void add_naming_option(CLI::App &command, std::string &mode) {
  command
      .add_option("--naming", mode,
                  "Field spelling: auto (detected per document), wire (status_code), sdk "
                  "(statusCode)")
      ->check(CLI::IsMember({"auto", "wire", "sdk"}))
      ->capture_default_str();
}

NamingMode naming_mode(const std::string &word) {
  return word == "wire" ? NamingMode::Wire : word == "sdk" ? NamingMode::Sdk : NamingMode::Auto;
}

void add_check_options(CLI::App &command, CheckArgs &args, bool inspect) {
  command.add_option("paths", args.paths,
                     "Files or folders (walked for *.json, *.jsonl, *.ndjson); - or none: stdin");
  command.add_flag("--lines", args.lines,
                   "Read every input as JSON Lines (automatic for .jsonl and .ndjson)");
  add_naming_option(command, args.naming);
  command.add_flag("--strict", args.strict, "Warnings fail too (exit 1)");
  command
      .add_option("--format", args.format, "Output: text, json (JSON Lines), github (annotations)")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();
  add_color_option(command, args.color);
  if (!inspect) {
    command.add_flag("-q,--quiet", args.quiet,
                     "Print nothing when every document is valid; else only the summary line");
  }
}

int run_check(const CheckArgs &args, bool inspect) {
  bool trouble = false;
  const auto sources = expand_paths(args.paths, args.lines, trouble);
  const Format format = args.format == "json"     ? Format::Json
                        : args.format == "github" ? Format::Github
                                                  : Format::Text;
  const Palette palette{format == Format::Text && use_color(color_mode(args.color), 1)};
  const CheckOptions options{naming_mode(args.naming)};
  Checker checker;
  Tally tally;
  bool first_document = true;

  for (const auto &source : sources) {
    if (stdout_closed()) break;
    ++tally.files;
    tally.any_lines = tally.any_lines || source.lines;
    const std::string error = read_documents(source, [&](const Chunk &chunk) {
      const Origin origin{chunk.offset, chunk.line};
      std::optional<json::ParseResult> parsed;
      Report report;
      if (inspect) {
        parsed = json::parse(chunk.text);
        report = parsed->error ? report_parse_error(*parsed->error, chunk.text)
                               : analyze(*parsed->value, chunk.text, options);
      } else {
        report = checker.check(chunk.text, options, true);
      }
      tally.add(report, args.strict);
      if (args.quiet) return true;
      const Checked doc{source, origin, chunk.text, report};
      std::string out;
      switch (format) {
      case Format::Text:
        if (inspect) {
          if (!first_document) out += '\n';
          out += format_inspect_summary(doc, parsed->value ? &*parsed->value : nullptr, palette);
        }
        out += format_text(doc, palette);
        break;
      case Format::Json:
        out = format_json(doc, args.strict);
        break;
      case Format::Github:
        out = format_github(doc);
        break;
      }
      first_document = false;
      return write_out(out);
    });
    if (!error.empty()) {
      complain(error);
      trouble = true;
    }
  }

  const bool all_valid = tally.invalid == 0;
  if (stdout_closed()) {
    // The reader went away (| head): stop quietly.
  } else if (format == Format::Text || (args.quiet && (!all_valid || trouble))) {
    if (args.quiet && all_valid && !trouble) return finish_output(exit_ok);
    std::fflush(stdout);
    fmt::print(stderr, "{}\n", summary_line(tally));
  }
  const int code = trouble ? exit_trouble : all_valid ? exit_ok : exit_invalid;
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
