// The commands of pss-inspect: options are declared on a CLI11 subcommand, then run after parsing.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/config.hpp"
#include "cli/report.hpp"
#include "cli/terminal.hpp"
#include "core/session/check.hpp"
#include "core/session/fields.hpp"

namespace pss::cli {

// A command registers itself from its own file: it declares its options on its CLI11
// subcommand, keeping the parsed values, and returns what runs once parsing is done.
struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  int order; // position in --help
  std::function<std::function<int()>(CLI::App &command)> setup;
};
bool register_command(CommandSpec spec);
[[nodiscard]] const std::vector<CommandSpec> &registered_commands();

// Registers a command whose options fill an `Args` and whose run reads it.
template <typename Args>
bool register_command(std::string_view name, std::string_view summary, int order,
                      void (*add_options)(CLI::App &, Args &), int (*run)(const Args &)) {
  return register_command({name, summary, order, [add_options, run](CLI::App &command) {
                             auto args = std::make_shared<Args>();
                             add_options(command, *args);
                             return std::function<int()>([args, run] { return run(*args); });
                           }});
}

// check and inspect share their options.
struct CheckArgs {
  std::vector<std::string> paths;
  bool lines = false;
  std::string naming = "auto";
  std::string format; // "": resolve_format() chooses
  std::string output; // -o FILE; "": stdout
  std::string color = "auto";
  int quiet = 0;        // -q: findings only; -qq: nothing
  std::size_t jobs = 0; // 0: one per core
  RuleArgs rules;
  PathArgs path_args;
  std::size_t max_findings = default_max_findings; // per document; 0: no limit
  // Logs (docs/cli.md "Logs"): totals instead of one record per document.
  bool statistics = false;   // check: findings per rule
  bool each = false;         // inspect: a summary per document even for logs and folders
  bool only_invalid = false; // records of invalid documents only
  bool no_lines = false;     // stdin is one document, never sniffed for JSON Lines
};
void add_check_options(CLI::App &command, CheckArgs &args, bool inspect);
[[nodiscard]] int run_check(const CheckArgs &args, bool inspect);

// inspect's summary of one parsed session (text); response_body's line fits layout.width.
[[nodiscard]] std::string format_inspect_summary(const Checked &doc, const json::Value *root,
                                                 const Palette &palette, const Layout &layout = {});

struct ExplainArgs {
  std::string topic;
};
void add_explain_options(CLI::App &command, ExplainArgs &args);
[[nodiscard]] int run_explain(const ExplainArgs &args);

struct SchemaArgs {
  std::string naming = "wire";
  bool strict = false;
};
void add_schema_options(CLI::App &command, SchemaArgs &args);
[[nodiscard]] int run_schema(const SchemaArgs &args);

// Rule control: --disable, --enable, --severity, --config, --no-config; with `fail_on`, also
// --fail-on and --strict (its alias for warning).
void add_rule_options(CLI::App &command, RuleArgs &args, bool fail_on);
// Which files: --exclude, --include, --no-ignore, --hidden, --stdin-filename.
void add_path_options(CLI::App &command, PathArgs &args);

// Shared options: declared as words checked by CLI11, turned into values after parsing.
void add_color_option(CLI::App &command, std::string &mode);
void add_naming_option(CLI::App &command, std::string &mode);
[[nodiscard]] ColorMode color_mode(const std::string &word);
// -j N: threads that `verb` ("check", "format") files and blocks of JSON Lines; 0 means one per
// core, which thread_count() resolves.
void add_jobs_option(CLI::App &command, std::size_t &jobs, std::string_view verb);
[[nodiscard]] std::size_t thread_count(std::size_t jobs);
// --max-document-size SIZE (bytes; k, M, G... are powers of 1024): sets the reading limit of
// input.hpp for the run.
void add_max_document_size_option(CLI::App &command);
[[nodiscard]] NamingMode naming_mode(const std::string &word);

} // namespace pss::cli
