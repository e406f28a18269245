// inspect's summary: what a session holds, before its findings.

#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/number.hpp"
#include "core/summary.hpp"
#include "core/text.hpp"

namespace pss::cli {
namespace {

std::string show_value(const json::Value *value, std::string_view key, const Palette &p) {
  if (value == nullptr) return fmt::format("{}(absent){}", p.dim(), p.reset());
  if (is_secret_key(key)) return std::string(secret_mask);
  switch (value->kind) {
  case json::Kind::String:
    return fmt::format("{}{}{}", p.green(), quote_for_display(value->text), p.reset());
  case json::Kind::Number:
    return fmt::format("{}{}{}", p.cyan(), escape_for_display(mask_card_numbers(value->text)),
                       p.reset());
  case json::Kind::Null:
    return fmt::format("{}null{}", p.magenta(), p.reset());
  default:
    return std::string(json::kind_name(value->kind));
  }
}

std::string show_status_code(const json::Value *value, std::string_view key, const Palette &p) {
  std::string shown = show_value(value, key, p);
  if (value == nullptr || value->kind != json::Kind::Number) return shown;
  const auto number = Decimal::parse(value->text);
  if (number && number->integer_in(100, 599)) {
    const auto reason = http_reason(static_cast<int>(*number->to_int64()));
    if (!reason.empty()) shown += fmt::format(" {}", reason);
  }
  return shown;
}

std::string show_body(const Summary &summary, const Palette &p) {
  const json::Value *body = summary.values[Field::ResponseBody];
  if (body == nullptr || body->kind != json::Kind::Object) return show_value(body, "", p);
  const BodyShape &shape = summary.body;
  std::string keys;
  constexpr std::size_t shown_keys = 8;
  for (std::size_t i = 0; i < shape.keys.size() && i < shown_keys; ++i) {
    keys += (i == 0 ? "" : ", ") + quote_for_display(shape.keys[i]);
  }
  if (shape.keys.size() > shown_keys)
    keys += fmt::format(", ... {} more", shape.keys.size() - shown_keys);
  return fmt::format("object, {} key{}{}{}{}, depth {}, {} value{}, {} byte{}", shape.keys.size(),
                     shape.keys.size() == 1 ? "" : "s", keys.empty() ? "" : " (", keys,
                     keys.empty() ? "" : ")", shape.depth, shape.values,
                     shape.values == 1 ? "" : "s", shape.bytes, shape.bytes == 1 ? "" : "s");
}

} // namespace

std::string format_inspect_summary(const Checked &doc, const json::Value *root, const Palette &p) {
  std::string out = fmt::format("{}{}", p.bold(), escape_for_display(doc.source.name));
  if (doc.source.lines) out += fmt::format(":{}", doc.origin.line);
  out += fmt::format("{}\n", p.reset());
  const Report &report = doc.report;
  if (root != nullptr && root->kind == json::Kind::Object) {
    const Summary summary = summarize(*root);
    const Naming naming = report.naming == DetectedNaming::Sdk ? Naming::Sdk : Naming::Wire;
    for (const auto &spec : fields()) {
      const Field i = spec.id;
      const auto label = summary.keys[i].empty() ? spec.name(naming) : summary.keys[i];
      std::string shown = i == Field::StatusCode     ? show_status_code(summary.values[i], label, p)
                          : i == Field::ResponseBody ? show_body(summary, p)
                                                     : show_value(summary.values[i], label, p);
      out += fmt::format("  {:<14}{}\n", escape_for_display(label), shown);
    }
    out += fmt::format("  {:<14}{}\n", "naming", detected_naming_name(report.naming));
  } else if (root != nullptr) {
    out += fmt::format("  {:<14}{}\n", "document", json::kind_name(root->kind));
  } else {
    out += fmt::format("  {:<14}{}\n", "document", "not JSON");
  }
  const std::size_t errors = report.count(Severity::Error);
  const std::size_t warnings = report.count(Severity::Warning);
  if (errors + warnings == 0) {
    out += fmt::format("  {:<14}{}none{}\n", "findings", p.green(), p.reset());
  } else {
    out +=
        fmt::format("  {:<14}{}{} error{}{}, {}{} warning{}{}\n", "findings",
                    errors > 0 ? p.red() : "", errors, errors == 1 ? "" : "s", p.reset(),
                    warnings > 0 ? p.yellow() : "", warnings, warnings == 1 ? "" : "s", p.reset());
  }
  return out;
}

} // namespace pss::cli
