// Rule control and path choices, from a .pss-inspect.toml file and the command line, resolved
// once into typed settings before any work.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/choice.hpp"
#include "cli/walk.hpp"
#include "core/session/rules.hpp"

namespace pss::cli {

// When findings fail the run (exit 1): on errors (the default), on warnings too, or never.
enum class FailOn { Error, Warning, Never };
// The words of --fail-on and of the config's fail-on key.
inline constexpr std::array<Choice<FailOn>, 3> fail_on_choices{
    {{"error", FailOn::Error}, {"warning", FailOn::Warning}, {"never", FailOn::Never}}};

// One change to the rule settings: turn rules on or off, give them a severity.
struct RuleChange {
  std::vector<Rule> rules;
  std::optional<bool> enabled;
  std::optional<Severity> severity;
};
using RuleChanges = std::vector<RuleChange>;
void apply_changes(const RuleChanges &changes, RuleSettings &settings);

// [[overrides]]: rules for the paths the patterns select (relative to the config's folder).
struct Override {
  PathPatterns paths;
  RuleChanges rules;
};

// A .pss-inspect.toml file, read and checked.
struct ConfigFile {
  std::string path; // as found or given
  std::optional<FailOn> fail_on;
  PathPatterns exclude;
  RuleChanges rules;
  std::vector<Override> overrides;
};

// The name of the config file: the first ".pss-inspect.toml" in the working folder or above it,
// up to the folder that holds ".git" (the repository root) or "/"; "" when there is none.
[[nodiscard]] std::string find_config();

// Reads and checks a config file. Returns it, or nothing after an error "FILE:LINE:COLUMN:
// what is wrong" (1-based; TOML syntax, an unknown key, a wrong value, an unknown rule) has
// been set in `error`.
[[nodiscard]] std::optional<ConfigFile> read_config(const std::string &path, std::string &error);

// The command-line options of rule control (check, inspect; fmt without --fail-on).
struct RuleArgs {
  std::vector<std::string> disable;
  std::vector<std::string> enable;
  std::vector<std::string> severity; // RULE=error|warning
  std::optional<FailOn> fail_on;     // none when not given
  bool strict = false;               // --fail-on warning
  std::string config;                // --config FILE
  bool no_config = false;
};

// The command-line options that choose files.
struct PathArgs {
  std::vector<std::string> exclude;
  std::vector<std::string> include;
  bool no_ignore = false;
  bool hidden = false;
  std::string stdin_filename;
};

// Everything a run needs to know about rules and paths, resolved once.
class RunSettings {
public:
  FailOn fail_on = FailOn::Error;
  WalkOptions walk;
  bool stdin_excluded = false; // set by sources(): --stdin-filename is excluded (fmt echoes it)

  // Expands the paths (see expand_paths) and sets each source's `rules` index.
  [[nodiscard]] std::vector<Source> sources(const std::vector<std::string> &paths, bool &trouble,
                                            std::vector<WalkProblem> *problems = nullptr);
  // The rule settings by Source::rules: defaults, then the config's [rules], then the
  // [[overrides]] that select the source's path (in file order), then the command line.
  [[nodiscard]] const std::vector<RuleSettings> &rules() const { return rules_; }

private:
  friend std::optional<RunSettings> resolve_settings(const RuleArgs &, const PathArgs &, bool,
                                                     std::string_view);
  [[nodiscard]] std::size_t rules_for(const Source &source);
  std::optional<ConfigFile> config_;
  RuleChanges command_line_;
  std::vector<RuleSettings> rules_;                   // [0]: no override applies
  std::map<std::vector<bool>, std::size_t> by_match_; // which overrides apply -> index
};

// Resolves the options of `command` ("check"): reads the config file, checks the rule names.
// Returns nothing after printing the problem on stderr (exit 2).
[[nodiscard]] std::optional<RunSettings> resolve_settings(const RuleArgs &rules,
                                                          const PathArgs &paths, bool lines,
                                                          std::string_view command);

} // namespace pss::cli
