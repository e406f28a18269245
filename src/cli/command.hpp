// The commands of pss-inspect: options are declared on a CLI11 subcommand, then run after parsing.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/report.hpp"
#include "cli/terminal.hpp"
#include "core/check.hpp"
#include "core/fields.hpp"

namespace pss::cli {

// check and inspect share their options.
struct CheckArgs {
  std::vector<std::string> paths;
  bool lines = false;
  std::string naming = "auto";
  bool strict = false;
  std::string format = "text";
  std::string color = "auto";
  bool quiet = false;
};
void add_check_options(CLI::App &command, CheckArgs &args, bool inspect);
[[nodiscard]] int run_check(const CheckArgs &args, bool inspect);

// inspect's summary of one parsed session (text).
[[nodiscard]] std::string format_inspect_summary(const Checked &doc, const json::Value *root,
                                                 const Palette &palette);

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

// Shared options: declared as words checked by CLI11, turned into values after parsing.
void add_color_option(CLI::App &command, std::string &mode);
void add_naming_option(CLI::App &command, std::string &mode);
[[nodiscard]] ColorMode color_mode(const std::string &word);
[[nodiscard]] NamingMode naming_mode(const std::string &word);

} // namespace pss::cli
