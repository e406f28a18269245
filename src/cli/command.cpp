// What every command shares: the command registry and the options several commands declare.
#include "cli/command.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

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

void add_jobs_option(CLI::App &command, std::size_t &jobs, std::string_view verb) {
  command
      .add_option("-j,--jobs", jobs,
                  fmt::format("Threads that {} files and blocks of JSON Lines (default: one per "
                              "core); the output is the same for any number",
                              verb))
      ->check(CLI::Range(1, 256));
}

std::size_t thread_count(std::size_t jobs) {
  return jobs != 0 ? jobs : std::max(1U, std::thread::hardware_concurrency());
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

} // namespace pss::cli
