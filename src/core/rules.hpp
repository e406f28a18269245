// The rule catalogue: stable ids, severities and summaries; docs/rules.md and SARIF derive from it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

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

} // namespace pss
