// pss-inspect: options are parsed with CLI11, then exactly one command runs.
#include <cstdio>
#include <cstring>
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
  pss-inspect explain status                a field, or a rule: explain field.enum
  pss-inspect schema --strict               JSON Schema 2020-12 of a session

Exit status:
  0  every document is valid
  1  some document is invalid (errors; warnings too with --strict)
  2  usage error, or an input that cannot be read, or output that cannot be written

Run 'pss-inspect COMMAND --help' for a command's options.)";

constexpr const char *commands[] = {"check", "inspect", "explain", "schema"};

bool is_command(const char *arg) {
  for (const char *name : commands) {
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
  const bool asks_help =
      argc > 1 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0 ||
                   std::strcmp(argv[1], "--version") == 0);
  if (argc == 1 && ::isatty(0) == 1) {
    args.push_back(const_cast<char *>("--help"));
  } else if (!asks_help && (argc == 1 || !is_command(argv[1]))) {
    args.insert(args.begin() + 1, inspect_name.data());
  }

  CLI::App app{"pss-inspect: inspect, validate, format and diff Gr4vy payment service sessions",
               "pss-inspect"};
  app.footer(footer);
  app.set_version_flag("--version", std::string("pss-inspect ") + PSS_VERSION);
  app.require_subcommand(1);

  CheckArgs check_args;
  auto *check = app.add_subcommand("check", "Validate sessions against the contract");
  add_check_options(*check, check_args, false);

  CheckArgs inspect_args;
  auto *inspect =
      app.add_subcommand("inspect", "Summarise each session and its findings (the default)");
  add_check_options(*inspect, inspect_args, true);

  ExplainArgs explain_args;
  auto *explain = app.add_subcommand("explain", "Show the field table, or one field or rule");
  add_explain_options(*explain, explain_args);

  SchemaArgs schema_args;
  auto *schema = app.add_subcommand("schema", "Print the JSON Schema (2020-12) of a session");
  add_schema_options(*schema, schema_args);

  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::CallForHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp &e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion &e) {
    return app.exit(e);
  } catch (const CLI::ParseError &e) {
    fmt::print(stderr, "pss-inspect: {}\nRun 'pss-inspect --help' for usage.\n", e.what());
    return exit_trouble;
  }

  if (check->parsed()) return run_check(check_args, false);
  if (inspect->parsed()) return run_check(inspect_args, true);
  if (explain->parsed()) return run_explain(explain_args);
  if (schema->parsed()) return run_schema(schema_args);
  return exit_trouble;
}
