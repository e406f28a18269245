// The commands of pss-inspect: options are declared on a CLI11 subcommand, then run after parsing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/choice.hpp"
#include "cli/config.hpp"
#include "cli/report.hpp"
#include "cli/terminal.hpp"
#include "core/session/check.hpp"
#include "core/session/fields.hpp"

namespace pss::cli {

// A command is one row of the table in main.cpp: its options are declared on its CLI11
// subcommand into an `Args` (add_*_options), which its run function (run_*) reads once parsing
// is done. The options that take a word of a closed set store the typed value the word stands
// for (add_choice_option), so a run resolves its settings without comparing words.

// Declares `name` taking one word of `choices` (a range of Choice<V>, in the order --help lists
// them). CLI11 checks the word (another is the usage error "NAME: WORD not in {a,b,c}") and the
// parse stores its value in `target` (a V, or a std::optional<V> left empty when the option is
// not given). --help shows TEXT:{a,b,c}, then "=WORD" for `target`'s initial value when
// `show_default`.
template <typename Target, typename Choices>
CLI::Option *add_choice_option(CLI::App &command, const std::string &name, Target &target,
                               const Choices &choices, const std::string &help, bool show_default) {
  std::vector<std::string> words;
  for (const auto &choice : choices) words.emplace_back(choice.word);
  auto *option = command
                     .add_option_function<std::string>(
                         name,
                         [&target, choices](const std::string &word) {
                           if (const auto value = value_of(choices, word)) target = *value;
                         },
                         help)
                     ->check(CLI::IsMember(words));
  if (show_default) option->default_str(std::string(word_of(choices, target)));
  return option;
}

// check and inspect share their options.
struct CheckArgs {
  std::vector<std::string> paths;
  bool lines = false;
  NamingMode naming = NamingMode::Auto;
  std::optional<Format> format; // none: resolve_format() chooses
  std::string output;           // -o FILE; "": stdout
  ColorMode color = ColorMode::Auto;
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
// The rows of the command table: check, then inspect (`pss-inspect FILE`).
void add_check_options(CLI::App &command, CheckArgs &args);
[[nodiscard]] int run_check(const CheckArgs &args);
void add_inspect_options(CLI::App &command, CheckArgs &args);
[[nodiscard]] int run_inspect(const CheckArgs &args);

// inspect's summary of one parsed session (text); response_body's line fits layout.width.
[[nodiscard]] std::string format_inspect_summary(const Checked &doc, const json::Value *root,
                                                 const Palette &palette, const Layout &layout = {});

struct ExplainArgs {
  std::string topic;
};
void add_explain_options(CLI::App &command, ExplainArgs &args);
[[nodiscard]] int run_explain(const ExplainArgs &args);

struct SchemaArgs {
  Naming naming = Naming::Wire;
  bool strict = false;
};
void add_schema_options(CLI::App &command, SchemaArgs &args);
[[nodiscard]] int run_schema(const SchemaArgs &args);

struct FmtArgs {
  std::vector<std::string> paths;
  int indent = 2;
  bool tab = false;
  bool compact = false;
  bool sort_keys = false;
  bool canonical = false;
  std::optional<Naming> naming; // none: keep the spelling as written
  bool redact = false;
  bool lines = false;
  bool no_lines = false;
  bool strict = false;
  bool check = false;
  bool write = false;
  bool quiet = false;
  ColorMode color = ColorMode::Auto;
  std::size_t jobs = 0; // 0: one per core
  RuleArgs rules;
  PathArgs path_args;
};
void add_fmt_options(CLI::App &command, FmtArgs &args);
[[nodiscard]] int run_fmt(const FmtArgs &args);

enum class DiffFormat { Text, Json, Patch };
inline constexpr std::array<Choice<DiffFormat>, 3> diff_format_choices{
    {{"text", DiffFormat::Text}, {"json", DiffFormat::Json}, {"patch", DiffFormat::Patch}}};

struct DiffArgs {
  std::string old_path;
  std::string new_path;
  DiffFormat format = DiffFormat::Text;
  ColorMode color = ColorMode::Auto;
  std::vector<std::string> ignore;
  std::string ignore_file;
  std::vector<std::string> array_keys;
  std::string key;
  const CLI::Option *key_option = nullptr; // --key "" (the whole record) is a key too
  bool lines = false;
  bool exact_numbers = false;
  bool null_equals_missing = false;
  bool redact = false;
  const CLI::Option *width_option = nullptr; // --width N; unset: the output's width
  std::size_t width = 0;
  bool brief = false;    // -q: only which pairs differ
  bool no_lines = false; // stdin is one document, never sniffed for JSON Lines
  PathArgs path_args;    // which files a folder's walk takes, as check's
};
void add_diff_options(CLI::App &command, DiffArgs &args);
[[nodiscard]] int run_diff(const DiffArgs &args);

enum class Shell { Bash, Zsh, Fish };
inline constexpr std::array<Choice<Shell>, 3> shell_choices{
    {{"bash", Shell::Bash}, {"zsh", Shell::Zsh}, {"fish", Shell::Fish}}};

struct CompletionsArgs {
  Shell shell = Shell::Bash;
  const CLI::App *program = nullptr; // the whole command line, whose commands it describes
};
void add_completions_options(CLI::App &command, CompletionsArgs &args);
[[nodiscard]] int run_completions(const CompletionsArgs &args);

// Rule control: --disable, --enable, --severity, --config, --no-config; with `fail_on`, also
// --fail-on and --strict (its alias for warning).
void add_rule_options(CLI::App &command, RuleArgs &args, bool fail_on);
// Which files: --exclude, --include, --no-ignore, --hidden, --stdin-filename.
void add_path_options(CLI::App &command, PathArgs &args);

// Shared options, parsed straight into their values.
void add_color_option(CLI::App &command, ColorMode &mode);
// --naming of check and inspect: auto, wire, sdk.
void add_naming_option(CLI::App &command, NamingMode &mode);
// -j N: threads that `verb` ("check", "format") files and blocks of JSON Lines; 0 means one per
// core, which thread_count() resolves.
void add_jobs_option(CLI::App &command, std::size_t &jobs, std::string_view verb);
// Accepts a count written in decimal digits from `min` to `max`, as --max-findings, --width,
// --jobs and --indent take it, and passes it on without leading zeros (CLI11 would read "010" as
// octal 8); anything else (-1, 1.5, 0x10, " 5", a number past `max`) is refused with
// "'VALUE' is not a number of WHAT (MIN to MAX)", or "(0 or more)" for the default bounds.
// (CLI::NonNegativeNumber would print its range, 0 to DBL_MAX written out, and an unsigned
// option alone takes -1 as the largest count.) Use with CLI::Option::transform.
[[nodiscard]] CLI::Validator count_validator(std::string what, std::uint64_t min = 0,
                                             std::uint64_t max = 999'999'999'999'999'999);
[[nodiscard]] std::size_t thread_count(std::size_t jobs);
// --max-document-size SIZE (bytes; k, M, G... are powers of 1024): sets the reading limit of
// input.hpp for the run.
void add_max_document_size_option(CLI::App &command);

} // namespace pss::cli
