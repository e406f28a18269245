// pss-inspect: the command table; options are parsed with CLI11, then exactly one command runs.
#include <array>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/json/text.hpp"

namespace {

using namespace pss::cli;

// One command: its name, its line in --help, and `setup`, which declares its options on its
// CLI11 subcommand and returns what runs once parsing is done.
struct Command {
  std::string_view name;
  std::string_view summary;
  std::function<int()> (*setup)(CLI::App &command);
};

// A command's setup from its options (`add_options` fills an `Args`) and its run (which reads
// them).
template <typename Args, void (*add_options)(CLI::App &, Args &), int (*run)(const Args &)>
std::function<int()> setup(CLI::App &command) {
  auto args = std::make_shared<Args>();
  add_options(command, *args);
  return [args] { return run(*args); };
}

// Every command, in the order of --help. A new command is a row here, its Args and two functions
// in cli/command.hpp, and its file (docs/contributing.md).
constexpr std::array commands{
    Command{"check", "Validate sessions against the contract",
            setup<CheckArgs, add_check_options, run_check>},
    Command{"inspect", "Summarise each session and its findings (the default)",
            setup<CheckArgs, add_inspect_options, run_inspect>},
    Command{"explain", "Show the field table, or one field or rule",
            setup<ExplainArgs, add_explain_options, run_explain>},
    Command{"schema", "Print the JSON Schema (2020-12) of a session",
            setup<SchemaArgs, add_schema_options, run_schema>},
    Command{"fmt", "Pretty-print, normalise and mask sessions",
            setup<FmtArgs, add_fmt_options, run_fmt>},
    Command{"diff", "Show what changed between two sessions",
            setup<DiffArgs, add_diff_options, run_diff>},
    Command{"completions", "Print a shell completion script (bash, zsh or fish)",
            setup<CompletionsArgs, add_completions_options, run_completions>},
};

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

Run 'pss-inspect help COMMAND' (or 'pss-inspect COMMAND --help') for a command's options.)";

bool is_command(const char *arg) {
  for (const auto &command : commands) {
    if (command.name == arg) return true;
  }
  return false;
}

// The command `word` most likely meant ("chekc": check), when it is not a command.
std::optional<std::string_view> command_meant(std::string_view word) {
  std::vector<std::string_view> names{"help"};
  for (const auto &command : commands) names.push_back(command.name);
  return pss::closest_match(word, names);
}

bool exists(const char *path) {
  struct stat info {};
  return ::lstat(path, &info) == 0;
}

int usage_error(std::string_view message, std::string_view command) {
  complain(message);
  write_err(fmt::format("Run 'pss-inspect {}--help' for usage.\n",
                        command.empty() ? std::string() : std::string(command) + " "));
  return finish_output(exit_trouble);
}

bool is_flag(const char *arg, std::initializer_list<const char *> names) {
  for (const char *name : names) {
    if (std::strcmp(arg, name) == 0) return true;
  }
  return false;
}

// Help and version text through the program's own output, so a closed or full stdout is exit 2.
int print_help(const CLI::App &app, const CLI::Error &e) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app.exit(e, out, err);
  write_out(out.str());
  write_err(err.str());
  return finish_output(code);
}

} // namespace

int main(int argc, char **argv) {
  setup_output();

  // The default command is inspect: `pss-inspect session.json`.
  std::vector<char *> args(argv, argv + argc);
  std::string inspect_name = "inspect";
  std::string help_flag = "--help";
  if (argc >= 2 && std::strcmp(argv[1], "help") == 0) {
    // `help [COMMAND]` is `[COMMAND] --help`.
    if (argc > 3) return usage_error("help takes at most one command", "");
    if (argc == 3 && !is_command(argv[2])) {
      const auto meant = command_meant(argv[2]);
      return usage_error(fmt::format("no command '{}'{}", pss::escape_for_display(argv[2]),
                                     meant ? fmt::format(": did you mean '{}'?", *meant) : ""),
                         "");
    }
    args.erase(args.begin() + 1);
    args.push_back(help_flag.data());
  } else if (argc == 1 && ::isatty(0) == 1) {
    args.push_back(help_flag.data());
  } else if (argc == 1 ||
             (!is_command(argv[1]) && !is_flag(argv[1], {"-h", "--help", "-V", "--version"}))) {
    // An option before the command (`--color never check a.json`) would make the command a
    // path of inspect's: say where options go instead.
    if (argc > 2 && argv[1][0] == '-' && std::strcmp(argv[1], "-") != 0) {
      for (int i = 2; i < argc; ++i) {
        if (is_command(argv[i]) && !exists(argv[i])) {
          return usage_error(fmt::format("'{}' comes before the command '{}': options go after "
                                         "it (pss-inspect {} {} ...)",
                                         pss::escape_for_display(argv[1]), argv[i], argv[i],
                                         pss::escape_for_display(argv[1])),
                             argv[i]);
        }
      }
    }
    // A word that is neither a file nor a command but close to one is a typo, not a file name;
    // a missing "chek.json" or "dir/check" is still a missing file.
    if (argc > 1 && argv[1][0] != '-' && std::strpbrk(argv[1], "./") == nullptr &&
        !exists(argv[1])) {
      if (const auto meant = command_meant(argv[1])) {
        return usage_error(fmt::format("'{}' is neither a command nor a file: did you mean '{}'?",
                                       pss::escape_for_display(argv[1]), *meant),
                           "");
      }
    }
    args.insert(args.begin() + 1, inspect_name.data());
  }

  CLI::App app{"pss-inspect: inspect, validate, format and diff Gr4vy payment service sessions",
               "pss-inspect"};
  app.footer(footer);
  app.set_version_flag("-V,--version", std::string("pss-inspect ") + PSS_VERSION);
  app.require_subcommand(1);

  std::vector<std::pair<CLI::App *, std::function<int()>>> runs;
  for (const auto &row : commands) {
    auto *command = app.add_subcommand(std::string(row.name), std::string(row.summary));
    runs.emplace_back(command, row.setup(*command));
  }

  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::CallForHelp &e) {
    return print_help(app, e);
  } catch (const CLI::CallForAllHelp &e) {
    return print_help(app, e);
  } catch (const CLI::CallForVersion &e) {
    return print_help(app, e);
  } catch (const CLI::ParseError &e) {
    // Point to the help of the command whose options were wrong.
    const auto parsed = app.get_subcommands();
    return usage_error(e.what(), parsed.empty() ? "" : parsed.front()->get_name());
  }

  try {
    for (const auto &[command, run] : runs) {
      if (command->parsed()) return run();
    }
  } catch (const std::bad_alloc &) {
    // A limit we do not know of yet: a message and exit 2, never an abort.
    complain("out of memory");
    return finish_output(exit_trouble);
  } catch (const std::exception &e) {
    complain(std::string("internal error: ") + e.what());
    return finish_output(exit_trouble);
  }
  return finish_output(exit_trouble);
}
