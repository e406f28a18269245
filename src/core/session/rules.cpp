// The rule catalogue of pss-inspect, in the order of docs/rules.md.
#include "core/session/rules.hpp"

#include <array>

namespace pss {
namespace {

constexpr std::array<RuleSpec, rule_count> catalogue{{
    {Rule::JsonSyntax, "json.syntax", Severity::Error, "The input is not valid JSON (RFC 8259).",
     R"({"status": "failed", "code": "UNKNOWN_ERROR",})",
     R"({"status": "failed", "code": "UNKNOWN_ERROR"})"},
    {Rule::JsonDepth, "json.depth", Severity::Error,
     "The input nests arrays and objects deeper than 1024 levels, the parser's limit.",
     R"({"status": "failed", "code": "X", "response_body": [[[[ ... 1025 levels ... ]]]]})",
     R"({"status": "failed", "code": "X", "response_body": {"data": []}})"},
    {Rule::JsonDuplicateKey, "json.duplicate-key", Severity::Error,
     "An object, at any depth, has the same key twice (parsers disagree on which one wins).",
     R"({"status": "failed", "code": "A", "code": "B"})", R"({"status": "failed", "code": "A"})"},
    {Rule::SessionNotObject, "session.not-object", Severity::Error,
     "The top level of a session must be a JSON object.", R"(["succeeded"])",
     R"({"status": "succeeded"})"},
    {Rule::FieldType, "field.type", Severity::Error,
     "A session field has the wrong JSON type (null where it is not nullable counts).",
     R"({"status": "failed", "code": "UNKNOWN_ERROR", "status_code": "502"})",
     R"({"status": "failed", "code": "UNKNOWN_ERROR", "status_code": 502})"},
    {Rule::FieldEnum, "field.enum", Severity::Error,
     "`type` or `status` holds a value outside its closed, case-sensitive enum.",
     R"({"status": "Succeeded"})", R"({"status": "succeeded"})"},
    {Rule::NamingConflict, "naming.conflict", Severity::Error,
     "Both spellings of one field are present (`status_code` and `statusCode`).",
     R"({"status": "succeeded", "status_code": 200, "statusCode": 200})",
     R"({"status": "succeeded", "status_code": 200})"},
    {Rule::FieldUnknown, "field.unknown", Severity::Warning,
     "A top-level key that is not a session field (in the naming in use).",
     R"({"stauts": "succeeded"})", R"({"status": "succeeded"})"},
    {Rule::NamingMixed, "naming.mixed", Severity::Warning,
     "The wire spelling for one field and the SDK spelling for another.",
     R"({"status": "succeeded", "status_code": 200, "responseBody": {}})",
     R"({"status": "succeeded", "status_code": 200, "response_body": {}})"},
    {Rule::StatusCodeRange, "status-code.range", Severity::Warning,
     "`status_code` is not an integer HTTP status code in 100..599.",
     R"({"status": "failed", "code": "UNKNOWN_ERROR", "status_code": 1200})",
     R"({"status": "failed", "code": "UNKNOWN_ERROR", "status_code": 500})"},
    {Rule::FailedWithoutCode, "session.failed-without-code", Severity::Warning,
     "`status` is `failed` and there is no `code` (absent or null).",
     R"({"status": "failed", "status_code": 502})",
     R"({"status": "failed", "code": "UNKNOWN_ERROR", "status_code": 502})"},
    {Rule::SucceededWithCode, "session.succeeded-with-code", Severity::Warning,
     "`status` is `succeeded` but `code`, the reason a session could not be generated, is set.",
     R"({"status": "succeeded", "code": "UNKNOWN_ERROR"})",
     R"({"status": "succeeded", "code": null})"},
    {Rule::StatusMismatch, "session.status-mismatch", Severity::Warning,
     "`status` disagrees with `status_code`: succeeded without 2xx, or failed with 2xx.",
     R"({"status": "succeeded", "status_code": 502})",
     R"({"status": "failed", "code": "UNKNOWN_ERROR", "status_code": 502})"},
    {Rule::MissingStatus, "session.missing-status", Severity::Warning,
     "There is no `status` (the current OpenAPI requires it).",
     R"({"type": "payment-service-session"})",
     R"({"type": "payment-service-session", "status": "succeeded"})"},
    {Rule::PciPan, "pci.pan", Severity::Warning,
     "A string or number in `response_body` looks like a card number (PAN).",
     R"({"status": "succeeded", "response_body": {"card": "4242424242424242"}})",
     R"({"status": "succeeded", "response_body": {"card": "424242******4242"}})"},
}};

} // namespace

std::string_view severity_name(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

std::span<const RuleSpec> rules() {
  return catalogue;
}

const RuleSpec &rule_spec(Rule rule) {
  return catalogue[static_cast<std::size_t>(rule)];
}

const RuleSpec *find_rule(std::string_view id) {
  for (const auto &spec : catalogue) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

std::vector<Rule> match_rules(std::string_view selector) {
  std::vector<Rule> matched;
  const bool prefix = !selector.empty() && selector.back() == '.';
  for (const auto &spec : catalogue) {
    if (prefix ? spec.id.substr(0, selector.size()) == selector : spec.id == selector) {
      matched.push_back(spec.rule);
    }
  }
  return matched;
}

RuleSettings::RuleSettings() {
  enabled_.fill(true);
  for (const auto &spec : catalogue) severity_[index(spec.rule)] = spec.severity;
}

bool RuleSettings::is_default() const {
  const RuleSettings defaults;
  return enabled_ == defaults.enabled_ && severity_ == defaults.severity_;
}

} // namespace pss
