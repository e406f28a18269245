// explain: the field table and the rule catalogue, as the code holds them.
#include <fmt/format.h>

#include <memory>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/json/text.hpp"
#include "core/session/rules.hpp"

namespace pss::cli {
namespace {

std::string allowed_values(const FieldSpec &field) {
  std::string out;
  for (const auto value : field.allowed)
    out += (out.empty() ? "" : ", ") + quote_for_display(value);
  return out;
}

std::string overview() {
  std::string out = "Fields of a payment service session (every one optional; --strict requires "
                    "status):\n\n";
  out += fmt::format("  {:<15}{:<15}{}\n", "wire name", "SDK name", "JSON type");
  for (const auto &field : fields()) {
    std::string type(field.type_label());
    if (!field.allowed.empty()) type += ", one of " + allowed_values(field);
    out += fmt::format("  {:<15}{:<15}{}\n", field.wire, field.sdk, type);
  }
  out += "\nRules (errors make a document invalid; warnings do under --strict):\n\n";
  for (const auto &rule : rules()) {
    out += fmt::format("  {:<8}{:<29}{}\n", severity_name(rule.severity), rule.id, rule.summary);
  }
  out += "\nRun 'pss-inspect explain FIELD' or 'pss-inspect explain RULE' for details.\n";
  return out;
}

std::string explain_field(const FieldSpec &field) {
  std::string out = fmt::format("{}", field.wire);
  if (field.has_two_spellings()) out += fmt::format(" (SDK spelling: {})", field.sdk);
  out += fmt::format("\n\n  {}\n\n", field.description);
  out += fmt::format("  type:      {}{}\n", field.type_label(),
                     field.integer_strict ? " (an integer under --strict)" : "");
  if (!field.allowed.empty()) {
    out += fmt::format("  values:    {} (closed, case-sensitive)\n", allowed_values(field));
  }
  out += fmt::format("  required:  {}\n", field.required_strict ? "under --strict" : "no");
  out += fmt::format("  example:   {}\n", field.example);
  return out;
}

std::string explain_rule(const RuleSpec &rule) {
  return fmt::format("{} ({})\n\n  {}\n\n  fails:   {}\n  passes:  {}\n", rule.id,
                     severity_name(rule.severity), rule.summary, rule.bad, rule.good);
}

} // namespace

void add_explain_options(CLI::App &command, ExplainArgs &args) {
  command.add_option("topic", args.topic, "A field (either spelling) or a rule id");
}

int run_explain(const ExplainArgs &args) {
  std::string out;
  if (args.topic.empty()) {
    out = overview();
  } else if (const FieldMatch match = find_field(args.topic); match.field != nullptr) {
    out = explain_field(*match.field);
  } else if (const RuleSpec *rule = find_rule(args.topic); rule != nullptr) {
    out = explain_rule(*rule);
  } else {
    std::vector<std::string_view> topics;
    for (const auto &field : fields()) {
      topics.push_back(field.wire);
      if (field.has_two_spellings()) topics.push_back(field.sdk);
    }
    for (const auto &rule : rules()) topics.push_back(rule.id);
    std::string message = "no field or rule is called " + quote_for_display(args.topic);
    if (const auto best = closest_match(args.topic, topics)) {
      message += fmt::format("; did you mean '{}'?", *best);
    }
    complain(message + " (run 'pss-inspect explain' for the list)");
    return exit_trouble;
  }
  write_out(out);
  return finish_output(exit_ok);
}

} // namespace pss::cli
