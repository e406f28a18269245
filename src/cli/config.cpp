// Reading .pss-inspect.toml (with toml++) and resolving it with the command line's rule and path
// options into the settings of a run.
#include "cli/config.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "cli/output.hpp"
#include "core/json/text.hpp"

namespace pss::cli {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view config_name = ".pss-inspect.toml";

// Rule ids and the family prefixes ("session."), for "did you mean".
std::vector<std::string> selector_names() {
  std::vector<std::string> names;
  for (const auto &spec : rules()) {
    names.emplace_back(spec.id);
    const std::string family(spec.id.substr(0, spec.id.find('.') + 1));
    if (std::find(names.begin(), names.end(), family) == names.end()) names.push_back(family);
  }
  return names;
}

// "unknown rule 'x'", with a suggestion when one is close.
std::string unknown_rule(std::string_view selector) {
  const auto names = selector_names();
  const std::vector<std::string_view> views(names.begin(), names.end());
  std::string message = fmt::format("unknown rule '{}'", escape_for_display(selector));
  if (const auto close = closest_match(selector, views)) {
    message += fmt::format(": did you mean '{}'?", *close);
  } else {
    message += " ('pss-inspect explain' lists the rules; a prefix ends in '.', as in 'session.')";
  }
  return message;
}

// A rule id goes after the prefixes that cover it, so that the more precise setting wins.
bool is_prefix(std::string_view selector) {
  return !selector.empty() && selector.back() == '.';
}

std::optional<Severity> severity_word(std::string_view word) {
  if (word == "error") return Severity::Error;
  if (word == "warning") return Severity::Warning;
  return std::nullopt;
}

// Reading one config file: errors name the file, line and column.
class ConfigReader {
public:
  explicit ConfigReader(std::string path) : path_(std::move(path)) {}

  std::optional<ConfigFile> read(std::string_view text, std::string &error) {
    toml::table table;
    try {
      table = toml::parse(text, path_);
    } catch (const toml::parse_error &e) {
      error = at(e.source(), fmt::format("invalid TOML: {}", e.description()));
      return std::nullopt;
    }
    ConfigFile config;
    config.path = path_;
    base_ = absolute_path(path_).parent_path();
    config.exclude = PathPatterns(base_);
    for (auto &&[key, node] : table) {
      const std::string_view name = key.str();
      if (name == "fail-on") {
        const auto *word = node.as_string();
        const auto fail_on = word ? value_of(fail_on_choices, word->get()) : std::nullopt;
        if (!fail_on)
          return fail(node.source(), "fail-on must be \"error\", \"warning\" or \"never\"");
        config.fail_on = fail_on;
      } else if (name == "exclude") {
        if (!read_patterns(node, "exclude", config.exclude)) return std::nullopt;
      } else if (name == "rules") {
        if (!read_rules(node, config.rules)) return std::nullopt;
      } else if (name == "overrides") {
        if (!read_overrides(node, config.overrides)) return std::nullopt;
      } else {
        return unknown_key(key, {"fail-on", "exclude", "rules", "overrides"}, "");
      }
    }
    if (!error_.empty()) return std::nullopt;
    return config;
  }

  [[nodiscard]] const std::string &error() const { return error_; }

private:
  std::string at(const toml::source_region &where, std::string_view message) const {
    return fmt::format("{}:{}:{}: {}", path_, where.begin.line, where.begin.column, message);
  }

  std::nullopt_t fail(const toml::source_region &where, std::string_view message) {
    if (error_.empty()) error_ = at(where, message);
    return std::nullopt;
  }

  std::nullopt_t unknown_key(const toml::key &key, std::vector<std::string_view> known,
                             std::string_view in) {
    std::string message = fmt::format("unknown key '{}'{}", escape_for_display(key.str()), in);
    if (const auto close = closest_match(key.str(), known)) {
      message += fmt::format(": did you mean '{}'?", *close);
    } else {
      message += fmt::format(" (expected one of: {})", fmt::join(known, ", "));
    }
    return fail(key.source(), message);
  }

  bool read_patterns(const toml::node &node, std::string_view name, PathPatterns &patterns) {
    const auto *array = node.as_array();
    if (array == nullptr) {
      fail(node.source(), fmt::format("{} must be an array of strings (globs)", name));
      return false;
    }
    for (const auto &item : *array) {
      const auto *pattern = item.as_string();
      if (pattern == nullptr) {
        fail(item.source(), fmt::format("{} must be an array of strings (globs)", name));
        return false;
      }
      patterns.add(pattern->get());
    }
    return true;
  }

  // `"a.b" = "off"` for the dotted key a.b = "off" that TOML read as a table `a`.
  static std::string quoted_example(const toml::key &key, const toml::table &table) {
    std::string name(key.str());
    const toml::node *value = &table;
    while (const auto *inner = value->as_table()) {
      if (inner->empty()) break;
      const auto first = inner->cbegin();
      name += fmt::format(".{}", first->first.str());
      value = &first->second;
    }
    const auto *word = value->as_string();
    return fmt::format("\"{}\" = \"{}\"", escape_for_display(name),
                       escape_for_display(word ? std::string_view(word->get()) : "off"));
  }

  bool read_rules(const toml::node &node, RuleChanges &changes) {
    const auto *table = node.as_table();
    if (table == nullptr) {
      fail(node.source(), "rules must be a table of rule = \"off\" | \"warning\" | \"error\"");
      return false;
    }
    RuleChanges ids;
    for (auto &&[key, value] : *table) {
      const std::string_view selector = key.str();
      if (value.is_table()) {
        // TOML reads an unquoted field.unknown = "off" as a table "field" holding "unknown".
        fail(key.source(), fmt::format("rule ids contain dots: quote the key, e.g. {}",
                                       quoted_example(key, *value.as_table())));
        return false;
      }
      RuleChange change{match_rules(selector), std::nullopt, std::nullopt};
      if (change.rules.empty()) {
        fail(key.source(), unknown_rule(selector));
        return false;
      }
      const auto *word = value.as_string();
      const std::string_view level = word ? std::string_view(word->get()) : "";
      if (level == "off") {
        change.enabled = false;
      } else if (const auto severity = severity_word(level)) {
        change.enabled = true;
        change.severity = severity;
      } else {
        fail(value.source(), fmt::format("the rule '{}' must be \"off\", \"warning\" or \"error\"",
                                         escape_for_display(selector)));
        return false;
      }
      (is_prefix(selector) ? changes : ids).push_back(std::move(change));
    }
    changes.insert(changes.end(), ids.begin(), ids.end());
    return true;
  }

  bool read_overrides(const toml::node &node, std::vector<Override> &overrides) {
    const auto *array = node.as_array();
    if (array == nullptr) {
      fail(node.source(), "overrides must be an array of tables: [[overrides]]");
      return false;
    }
    for (const auto &item : *array) {
      const auto *table = item.as_table();
      if (table == nullptr) {
        fail(item.source(), "overrides must be an array of tables: [[overrides]]");
        return false;
      }
      Override entry{PathPatterns(base_), {}};
      bool has_paths = false;
      for (auto &&[key, value] : *table) {
        if (key.str() == "paths") {
          if (!read_patterns(value, "paths", entry.paths)) return false;
          has_paths = true;
        } else if (key.str() == "rules") {
          if (!read_rules(value, entry.rules)) return false;
        } else {
          unknown_key(key, {"paths", "rules"}, " in [[overrides]]");
          return false;
        }
      }
      if (!has_paths) {
        fail(item.source(), "[[overrides]] needs paths = [\"glob\", ...]");
        return false;
      }
      overrides.push_back(std::move(entry));
    }
    return true;
  }

  std::string path_;
  fs::path base_;
  std::string error_;
};

// The command line's rule options as changes: prefixes before ids (the precise one wins), and
// for the same selector --disable, then --enable, then --severity.
std::optional<RuleChanges> command_line_changes(const RuleArgs &args, std::string &error) {
  RuleChanges prefixes;
  RuleChanges ids;
  auto add = [&](std::string_view option, std::string_view selector, std::optional<bool> enabled,
                 std::optional<Severity> severity) {
    RuleChange change{match_rules(selector), enabled, severity};
    if (change.rules.empty()) {
      error =
          fmt::format("{} {}: {}", option, escape_for_display(selector), unknown_rule(selector));
      return false;
    }
    (is_prefix(selector) ? prefixes : ids).push_back(std::move(change));
    return true;
  };
  for (const auto &selector : args.disable) {
    if (!add("--disable", selector, false, std::nullopt)) return std::nullopt;
  }
  for (const auto &selector : args.enable) {
    if (!add("--enable", selector, true, std::nullopt)) return std::nullopt;
  }
  for (const auto &setting : args.severity) {
    const auto equals = setting.rfind('=');
    const auto severity =
        equals == std::string::npos ? std::nullopt : severity_word(setting.substr(equals + 1));
    if (!severity) {
      error = fmt::format("--severity {}: expected RULE=error or RULE=warning",
                          escape_for_display(setting));
      return std::nullopt;
    }
    if (!add("--severity", setting.substr(0, equals), true, severity)) return std::nullopt;
  }
  prefixes.insert(prefixes.end(), ids.begin(), ids.end());
  return prefixes;
}

} // namespace

void apply_changes(const RuleChanges &changes, RuleSettings &settings) {
  for (const auto &change : changes) {
    for (const Rule rule : change.rules) {
      if (change.enabled) settings.set_enabled(rule, *change.enabled);
      if (change.severity) settings.set_severity(rule, *change.severity);
    }
  }
}

std::string find_config() {
  std::error_code ec;
  for (fs::path folder = working_folder();; folder = folder.parent_path()) {
    const fs::path candidate = folder / config_name;
    if (fs::exists(candidate, ec)) {
      // Shown relative to the working folder when it is below it, as paths are.
      const fs::path relative = candidate.lexically_relative(working_folder());
      return relative.empty() ? candidate.string() : relative.string();
    }
    if (fs::exists(folder / ".git", ec) || folder == folder.root_path()) return "";
  }
}

std::optional<ConfigFile> read_config(const std::string &path, std::string &error) {
  // A folder opens as a stream on Linux and reads as empty: it would be a config of no settings.
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = fmt::format("{}: {}", path, std::strerror(EISDIR));
    return std::nullopt;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    error = fmt::format("{}: {}", path, std::strerror(errno != 0 ? errno : ENOENT));
    return std::nullopt;
  }
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) {
    error = fmt::format("{}: could not be read", path);
    return std::nullopt;
  }
  ConfigReader reader(path);
  auto config = reader.read(text.str(), error);
  if (!config && error.empty()) error = reader.error();
  return config;
}

std::size_t RunSettings::rules_for(const Source &source) {
  if (!config_ || config_->overrides.empty()) return 0;
  const std::string &name = source.path.empty() ? walk.stdin_name : source.path;
  if (source.path.empty() && walk.stdin_name == "<stdin>") return 0;
  const fs::path absolute = absolute_path(name);
  std::vector<bool> matched;
  matched.reserve(config_->overrides.size());
  for (const auto &entry : config_->overrides)
    matched.push_back(entry.paths.covers(absolute, false));
  const auto [at, inserted] = by_match_.try_emplace(matched, rules_.size());
  if (inserted) {
    RuleSettings settings;
    apply_changes(config_->rules, settings);
    for (std::size_t i = 0; i < matched.size(); ++i) {
      if (matched[i]) apply_changes(config_->overrides[i].rules, settings);
    }
    apply_changes(command_line_, settings);
    rules_.push_back(settings);
  }
  return at->second;
}

std::vector<Source> RunSettings::sources(const std::vector<std::string> &paths, bool &trouble,
                                         std::vector<WalkProblem> *problems) {
  auto found = expand_paths(paths, walk, trouble, &stdin_excluded, problems);
  for (auto &source : found) source.rules = rules_for(source);
  return found;
}

std::optional<RunSettings> resolve_settings(const RuleArgs &rules, const PathArgs &paths,
                                            bool lines, std::string_view command) {
  RunSettings settings;
  settings.walk.force_lines = lines;
  settings.walk.honour_ignores = !paths.no_ignore;
  settings.walk.hidden = paths.hidden;
  if (!paths.stdin_filename.empty()) settings.walk.stdin_name = paths.stdin_filename;
  PathPatterns exclude(working_folder(), true);
  for (const auto &pattern : paths.exclude) exclude.add(pattern);
  if (!exclude.empty()) settings.walk.exclude.push_back(std::move(exclude));
  settings.walk.include = PathPatterns(working_folder(), true);
  for (const auto &pattern : paths.include) settings.walk.include.add(pattern);

  std::string error;
  const auto changes = command_line_changes(rules, error);
  if (!changes) {
    complain(error);
    write_err(fmt::format("Run 'pss-inspect {} --help' for usage.\n", command));
    return std::nullopt;
  }
  settings.command_line_ = *changes;

  const std::string config_path = rules.no_config         ? ""
                                  : !rules.config.empty() ? rules.config
                                                          : find_config();
  if (!config_path.empty()) {
    settings.config_ = read_config(config_path, error);
    if (!settings.config_) {
      complain(error);
      return std::nullopt;
    }
    if (!settings.config_->exclude.empty())
      settings.walk.exclude.push_back(settings.config_->exclude);
  }

  if (rules.strict) {
    settings.fail_on = FailOn::Warning;
  } else if (rules.fail_on) {
    settings.fail_on = *rules.fail_on;
  } else if (settings.config_ && settings.config_->fail_on) {
    settings.fail_on = *settings.config_->fail_on;
  }

  RuleSettings base;
  if (settings.config_) apply_changes(settings.config_->rules, base);
  apply_changes(settings.command_line_, base);
  settings.rules_.push_back(base);
  if (settings.config_) {
    settings.by_match_.emplace(std::vector<bool>(settings.config_->overrides.size(), false), 0);
  }
  return settings;
}

} // namespace pss::cli
