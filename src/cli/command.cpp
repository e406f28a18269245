// The options several commands declare.
#include "cli/command.hpp"

#include <algorithm>
#include <cstdint>
#include <thread>

#include <fmt/format.h>

#include "cli/input.hpp"

namespace pss::cli {

void add_rule_options(CLI::App &command, RuleArgs &args, bool fail_on) {
  command
      .add_option("--disable", args.disable,
                  "Turn off a rule, or a family by its prefix (session.); repeatable")
      ->allow_extra_args(false);
  command
      .add_option("--enable", args.enable,
                  "Turn a rule or family back on (after --disable and the config); repeatable")
      ->allow_extra_args(false);
  command
      .add_option("--severity", args.severity,
                  "RULE=error|warning: the severity of a rule or family's findings; repeatable")
      ->allow_extra_args(false);
  if (fail_on) {
    auto *fail = add_choice_option(command, "--fail-on", args.fail_on, fail_on_choices,
                                   "Findings that fail the run (exit 1): error (default), "
                                   "warning, never",
                                   false);
    command.add_flag("--strict", args.strict, "Warnings fail too: --fail-on warning")
        ->excludes(fail);
  }
  auto *config = command.add_option(
      "--config", args.config,
      "Read this config file instead of the .pss-inspect.toml found from here up to the "
      "repository root");
  command.add_flag("--no-config", args.no_config, "Read no config file")->excludes(config);
}

void add_path_options(CLI::App &command, PathArgs &args) {
  command
      .add_option("--exclude", args.exclude,
                  "Skip the files and folders this glob (.gitignore syntax) matches; "
                  "repeatable")
      ->allow_extra_args(false);
  command
      .add_option("--include", args.include,
                  "Walk folders for the files this glob matches too (*.log); repeatable")
      ->allow_extra_args(false);
  command.add_flag("--no-ignore", args.no_ignore,
                   "Walk what .gitignore files list, and node_modules folders, too");
  command.add_flag("--hidden", args.hidden, "Walk hidden files and folders (.name) too");
  command.add_option("--stdin-filename", args.stdin_filename,
                     "The name stdin goes by in the output, excludes and overrides");
}

void add_color_option(CLI::App &command, ColorMode &mode) {
  add_choice_option(command, "--color", mode, color_choices,
                    "Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), "
                    "always, never",
                    true);
}

void add_jobs_option(CLI::App &command, std::size_t &jobs, std::string_view verb) {
  command
      .add_option("-j,--jobs", jobs,
                  fmt::format("Threads that {} files and blocks of JSON Lines (default: one per "
                              "core); the output is the same for any number",
                              verb))
      ->transform(count_validator("threads", 1, 256));
}

CLI::Validator count_validator(std::string what, std::uint64_t min, std::uint64_t max) {
  constexpr std::uint64_t unbounded = 999'999'999'999'999'999;
  const std::string bounds =
      min == 0 && max == unbounded ? "0 or more" : fmt::format("{} to {}", min, max);
  return CLI::Validator(
      [what, min, max, bounds](std::string &value) {
        const std::string refused =
            "'" + value + "' is not a number of " + what + " (" + bounds + ")";
        if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
          return refused;
        }
        const std::size_t first = std::min(value.find_first_not_of('0'), value.size() - 1);
        const std::string digits = value.substr(first);
        if (digits.size() > 18) return refused; // past unbounded: no count is that large
        const std::uint64_t n = std::stoull(digits);
        if (n < min || n > max) return refused;
        value = digits;
        return std::string();
      },
      // In --help, as CLI::Range described a bounded option.
      min == 0 && max == unbounded ? std::string() : fmt::format("INT in [{} - {}]", min, max),
      what);
}

void add_max_document_size_option(CLI::App &command) {
  command
      .add_option_function<std::uint64_t>(
          "--max-document-size", [](std::uint64_t bytes) { set_max_document_size(bytes); },
          fmt::format("Largest document read, a whole file or one JSON Lines line (default {} MiB; "
                      "k, M, G: 1024s); a larger one is an error naming it, and reading goes on",
                      default_max_document_size >> 20))
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
      ->type_name("SIZE");
}

std::size_t thread_count(std::size_t jobs) {
  return jobs != 0 ? jobs : std::max(1U, std::thread::hardware_concurrency());
}

void add_naming_option(CLI::App &command, NamingMode &mode) {
  static constexpr std::array<Choice<NamingMode>, 3> choices{
      {{"auto", NamingMode::Auto}, {"wire", NamingMode::Wire}, {"sdk", NamingMode::Sdk}}};
  add_choice_option(command, "--naming", mode, choices,
                    "Field spelling: auto (detected per document), wire (status_code), sdk "
                    "(statusCode)",
                    true);
}

} // namespace pss::cli
