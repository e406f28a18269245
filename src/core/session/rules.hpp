// The rule catalogue: stable ids, severities and summaries; docs/rules.md and SARIF derive from it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace pss {

enum class Severity : std::uint8_t { Error, Warning };

[[nodiscard]] std::string_view severity_name(Severity severity); // "error" or "warning"

enum class Rule : std::uint8_t {
  JsonSyntax,
  JsonDepth,
  JsonDuplicateKey,
  SessionNotObject,
  FieldType,
  FieldEnum,
  NamingConflict,
  FieldUnknown,
  NamingMixed,
  StatusCodeRange,
  FailedWithoutCode,
  SucceededWithCode,
  StatusMismatch,
  MissingStatus,
  PciPan,
};

inline constexpr std::size_t rule_count = static_cast<std::size_t>(Rule::PciPan) + 1;

struct RuleSpec {
  Rule rule;
  std::string_view id; // stable, e.g. "field.enum"
  Severity severity;
  std::string_view summary; // one line
  std::string_view bad;     // a document that breaks the rule (wire naming)
  std::string_view good;    // the same document fixed
};

[[nodiscard]] std::span<const RuleSpec> rules();
[[nodiscard]] const RuleSpec &rule_spec(Rule rule);
[[nodiscard]] const RuleSpec *find_rule(std::string_view id);

// The rules a user names with `selector`: the rule whose id it is ("naming.mixed"), or every rule
// whose id starts with it when it ends in '.' ("session." names the session rules). Empty when
// it names none; ids are compared byte for byte.
[[nodiscard]] std::vector<Rule> match_rules(std::string_view selector);

// Which rules run and how severe their findings are: the catalogue's severities, every rule on,
// until the user says otherwise (--disable, --severity, a config file).
class RuleSettings {
public:
  RuleSettings();
  [[nodiscard]] bool enabled(Rule rule) const { return enabled_[index(rule)]; }
  [[nodiscard]] Severity severity(Rule rule) const { return severity_[index(rule)]; }
  void set_enabled(Rule rule, bool on) { enabled_[index(rule)] = on; }
  void set_severity(Rule rule, Severity severity) { severity_[index(rule)] = severity; }
  // True when every rule is on at the catalogue's severity: nothing to filter.
  [[nodiscard]] bool is_default() const;

private:
  static std::size_t index(Rule rule) { return static_cast<std::size_t>(rule); }
  std::array<bool, rule_count> enabled_;
  std::array<Severity, rule_count> severity_;
};

} // namespace pss
