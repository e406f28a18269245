// inspect's summary: what a session holds, before its findings.

#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/json/number.hpp"
#include "core/json/text.hpp"
#include "core/privacy/redactor.hpp"
#include "core/session/summary.hpp"

namespace pss::cli {
namespace {

// The colour of the worst finding inside `value` (about it or about something it holds), or
// nothing: a wrong value must not look like a valid one.
std::string_view finding_color(const Report &report, const json::Value *value, const Palette &p) {
  if (value == nullptr) return {};
  std::string_view color;
  for (const auto &finding : report.findings) {
    const std::size_t at = finding.position.offset;
    if (at < value->offset || at >= value->end) continue;
    if (finding.severity == Severity::Error) return p.error();
    color = p.warning();
  }
  return color;
}

// `value` in the colour of its kind, or `color` when it is not empty (a finding's).
std::string show_value(const json::Value *value, std::string_view key, const Palette &p,
                       std::string_view color = {}) {
  if (value == nullptr) return fmt::format("{}(absent){}", p.dim(), p.reset());
  if (Redactor::is_secret(key)) return std::string(Redactor::secret_mask);
  const auto in = [&](std::string_view kind_color) { return color.empty() ? kind_color : color; };
  switch (value->kind) {
  case json::Kind::String:
    return fmt::format("{}{}{}", in(p.string()), Redactor::show_string(value->text), p.reset());
  case json::Kind::Number:
    return fmt::format("{}{}{}", in(p.number()), Redactor::show_number(value->text), p.reset());
  case json::Kind::Null:
    return fmt::format("{}null{}", in(p.literal()), p.reset());
  default:
    return fmt::format("{}{}{}", color, json::kind_name(value->kind),
                       color.empty() ? "" : p.reset());
  }
}

std::string show_status_code(const json::Value *value, std::string_view key, const Palette &p,
                             std::string_view color) {
  std::string shown = show_value(value, key, p, color);
  if (value == nullptr || value->kind != json::Kind::Number) return shown;
  if (const auto reason = http_reason_of(value->text); !reason.empty()) {
    shown += fmt::format(" {}", reason);
  }
  return shown;
}

// Summary rows start their values after a label this wide: "  response_body ".
constexpr std::size_t label_width = 16;

// The shape of response_body, naming its first 8 keys; on a terminal, only as many as fit one
// line of `layout.width`, and what still does not fit wraps under the value.
std::string show_body(const Summary &summary, const Palette &p, std::string_view color,
                      const Layout &layout) {
  const std::size_t columns = layout.width > label_width ? layout.width - label_width : 0;
  const json::Value *body = summary.values[Field::ResponseBody];
  if (body == nullptr || body->kind != json::Kind::Object) return show_value(body, "", p, color);
  const BodyShape &shape = summary.body;
  const std::size_t count = shape.keys.size();
  std::string shown;
  for (std::size_t named = std::min<std::size_t>(count, 8);; --named) {
    std::string keys;
    for (std::size_t i = 0; i < named; ++i) {
      keys += (i == 0 ? "" : ", ") + Redactor::show_string(shape.keys[i]);
    }
    if (named > 0 && count > named) keys += fmt::format(", ... {} more", count - named);
    shown = fmt::format("object, {} key{}{}{}{}, depth {}, {} value{}, {} byte{}", count,
                        count == 1 ? "" : "s", keys.empty() ? "" : " (", keys,
                        keys.empty() ? "" : ")", shape.depth, shape.values,
                        shape.values == 1 ? "" : "s", shape.bytes, shape.bytes == 1 ? "" : "s");
    if (named == 0 || !layout.wrap || display_width(shown) <= columns) break;
  }
  if (layout.wrap)
    shown = wrap_words(shown, label_width, layout.width, std::string(label_width, ' '));
  return fmt::format("{}{}{}", color, shown, color.empty() ? "" : p.reset());
}

} // namespace

std::string format_inspect_summary(const Checked &doc, const json::Value *root, const Palette &p,
                                   const Layout &layout) {
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
      const std::string_view color = finding_color(report, summary.values[i], p);
      std::string shown =
          i == Field::StatusCode     ? show_status_code(summary.values[i], label, p, color)
          : i == Field::ResponseBody ? show_body(summary, p, color, layout)
                                     : show_value(summary.values[i], label, p, color);
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
    out += fmt::format("  {:<14}{}none{}\n", "findings", p.ok(), p.reset());
  } else {
    out +=
        fmt::format("  {:<14}{}{} error{}{}, {}{} warning{}{}\n", "findings",
                    errors > 0 ? p.error() : "", errors, errors == 1 ? "" : "s", p.reset(),
                    warnings > 0 ? p.warning() : "", warnings, warnings == 1 ? "" : "s", p.reset());
    out += '\n'; // the findings follow, set apart from the summary
  }
  return out;
}

} // namespace pss::cli
