// pss-inspect: options are parsed with CLI11, then exactly one command runs.
#include <cstring>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"

namespace {

constexpr const char *footer = R"(Examples:
  pss-inspect session.json                  summary and findings (inspect)
  pss-inspect check fixtures/ logs.jsonl -  lint files, folders, JSON Lines and stdin
  pss-inspect check --format github .       annotations for a GitHub Actions step
  pss-inspect fmt --write fixtures/         format files in place (--check lists them)
  pss-inspect diff old.json new.json        what changed (--format patch: RFC 6902)
  pss-inspect explain status                a field, or a rule: explain field.enum
  pss-inspect schema --strict               JSON Schema 2020-12 of a session

Exit status:
  0  every document is valid (fmt --check: every file is formatted; diff: equal)
  1  some document is invalid (errors; warnings too with --strict), or refused by fmt,
     or not formatted (fmt --check); diff: the inputs differ
  2  usage error, or an input that cannot be read, or output that cannot be written

Run 'pss-inspect COMMAND --help' for a command's options.)";

bool is_command(const char *arg) {
  for (const auto &command : pss::cli::registered_commands()) {
    if (command.name == arg) return true;
  }
  return false;
}

bool is_flag(const char *arg, std::initializer_list<const char *> names) {
  for (const char *name : names) {
    if (std::strcmp(arg, name) == 0) return true;
  }
  return false;
}

} // namespace

int main(int argc, char **argv) {
  using namespace pss::cli;
  setup_output();

  // The default command is inspect: `pss-inspect session.json`.
  std::vector<char *> args(argv, argv + argc);
  std::string inspect_name = "inspect";
  std::string help_flag = "--help";
  if (argc == 1 && ::isatty(0) == 1) {
    args.push_back(help_flag.data());
  } else if (argc == 1 ||
             (!is_command(argv[1]) && !is_flag(argv[1], {"-h", "--help", "--version"}))) {
    args.insert(args.begin() + 1, inspect_name.data());
  }

  CLI::App app{"pss-inspect: inspect, validate, format and diff Gr4vy payment service sessions",
               "pss-inspect"};
  app.footer(footer);
  app.set_version_flag("--version", std::string("pss-inspect ") + PSS_VERSION);
  app.require_subcommand(1);

  std::vector<std::pair<CLI::App *, std::function<int()>>> commands;
  for (const auto &spec : registered_commands()) {
    auto *command = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
    commands.emplace_back(command, spec.setup(*command));
  }

  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    complain(e.what());
    fmt::print(stderr, "Run 'pss-inspect --help' for usage.\n");
    return exit_trouble;
  }

  for (const auto &[command, run] : commands) {
    if (command->parsed()) return run();
  }
  return exit_trouble;
}
