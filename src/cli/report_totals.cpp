// The aggregate report of a log or folder (inspect) and findings per rule (check --statistics).
#include "cli/report_totals.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"
#include "core/privacy/card.hpp"
#include "core/session/summary.hpp"

namespace pss::cli {
namespace {

constexpr std::size_t shown_rows = 20;

std::string plural(std::uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// "Bad Gateway" when a status_code literal is an integer with a registered reason phrase.
std::string_view reason_of(const FieldValue &value) {
  if (!value.present || value.kind != json::Kind::Number) return "";
  const std::string &text = value.text;
  if (text.size() != 3 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "";
  return http_reason(std::atoi(text.c_str()));
}

// A field's value as a person sees it: strings quoted, card numbers masked, escapes shown.
std::string show(const FieldValue &value, bool with_reason) {
  if (!value.present) return "(absent)";
  switch (value.kind) {
  case json::Kind::String:
    return quote_for_display(mask_card_numbers(value.text));
  case json::Kind::Number: {
    std::string shown = escape_for_display(mask_card_numbers(value.text));
    if (const auto reason = reason_of(value); with_reason && !reason.empty())
      shown += fmt::format(" {}", reason);
    return shown;
  }
  default:
    return std::string(json::kind_name(value.kind));
  }
}

std::string first_location(const RuleTotal &total, std::span<const Source> inputs) {
  if (!total.first) return "";
  const FirstSeen &at = *total.first;
  return fmt::format("{}:{}:{}", escape_for_display(inputs[at.input].name), at.line, at.column);
}

// Rules with findings, most findings first, then in catalogue order.
std::vector<std::size_t> rules_by_count(const Totals &totals) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < totals.rules.size(); ++i) {
    if (totals.rules[i].findings > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return totals.rules[a].findings > totals.rules[b].findings;
  });
  return order;
}

template <typename Key>
std::vector<std::pair<Key, std::uint64_t>> by_count(const Counter<Key> &counter) {
  auto sorted = counter.entries();
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto &a, const auto &b) { return a.second > b.second; });
  return sorted;
}

void append_rules_text(std::string &out, const Totals &totals, std::span<const Source> inputs,
                       std::string_view indent) {
  const auto order = rules_by_count(totals);
  if (order.empty()) return;
  fmt::format_to(std::back_inserter(out), "{}{:>8}  {:>9}  {:<28} {}\n", indent, "findings",
                 "documents", "rule", "first");
  for (const std::size_t i : order) {
    const RuleTotal &total = totals.rules[i];
    fmt::format_to(std::back_inserter(out), "{}{:>8}  {:>9}  {:<28} {}\n", indent, total.findings,
                   total.documents, rule_spec(static_cast<Rule>(i)).id,
                   first_location(total, inputs));
  }
}

void append_rules_json(std::string &out, const Totals &totals, std::span<const Source> inputs) {
  out += "\"rules\":[";
  bool first = true;
  for (const std::size_t i : rules_by_count(totals)) {
    const RuleTotal &total = totals.rules[i];
    out += first ? "{" : ",{";
    first = false;
    fmt::format_to(std::back_inserter(out), "\"rule\":\"{}\",\"findings\":{},\"documents\":{}",
                   rule_spec(static_cast<Rule>(i)).id, total.findings, total.documents);
    if (total.first) {
      out += ",\"first\":{\"file\":";
      json::append_quoted(out, escape_for_display(inputs[total.first->input].name));
      fmt::format_to(std::back_inserter(out), ",\"line\":{},\"column\":{}}}", total.first->line,
                     total.first->column);
    }
    out += '}';
  }
  out += ']';
}

std::string header(const Totals &totals, std::span<const Source> inputs) {
  const std::string what =
      inputs.size() == 1 ? escape_for_display(inputs[0].name) : plural(inputs.size(), "file");
  return fmt::format("{}: {}", what, plural(totals.documents, "document"));
}

constexpr std::string_view naming_names[] = {"either", "wire", "sdk", "mixed"};

} // namespace

std::string format_totals_text(const Totals &totals, std::span<const Source> inputs,
                               const Palette &p) {
  std::string out = fmt::format("{}{}{}\n", p.bold(), header(totals, inputs), p.reset());
  auto row = [&](std::string_view label, std::string_view text) {
    fmt::format_to(std::back_inserter(out), "  {:<15}{}\n", label, text);
  };
  row("valid", fmt::format("{}", totals.valid));
  std::string invalid = fmt::format("{}", totals.invalid());
  std::vector<std::string> kinds;
  if (totals.not_json > 0) kinds.push_back(fmt::format("{} not JSON", totals.not_json));
  if (totals.not_object > 0) kinds.push_back(fmt::format("{} not an object", totals.not_object));
  if (!kinds.empty()) invalid += fmt::format(" ({})", fmt::join(kinds, ", "));
  row("invalid", invalid);
  std::vector<std::string> namings;
  for (const std::size_t i : {1, 2, 3, 0}) {
    if (totals.naming[i] > 0)
      namings.push_back(fmt::format("{} {}", naming_names[i], totals.naming[i]));
  }
  row("naming",
      namings.empty() ? "(no session objects)" : fmt::format("{}", fmt::join(namings, ", ")));

  const auto outcomes = by_count(totals.outcomes);
  if (!outcomes.empty()) {
    row("outcomes",
        fmt::format("{:>9}  {:<13} {:<24} {}", "documents", "status", "status_code", "code"));
    std::uint64_t rest = totals.outcomes.other();
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const auto &[outcome, count] = outcomes[i];
      if (i >= shown_rows) {
        rest += count;
        continue;
      }
      row("", fmt::format("{:>9}  {:<13} {:<24} {}", count, show(outcome.status, false),
                          show(outcome.status_code, true), show(outcome.code, false)));
    }
    if (rest > 0) row("", fmt::format("{:>9}  (other combinations)", rest));
  }
  const auto codes = totals.top_codes(10);
  if (!codes.empty()) {
    std::vector<std::string> shown;
    for (const auto &[code, count] : codes)
      shown.push_back(fmt::format("{} {}", show(code, false), count));
    row("top codes", fmt::format("{}", fmt::join(shown, ", ")));
  }
  if (const auto order = rules_by_count(totals); order.empty()) {
    row("findings", "none");
  } else {
    out += "  findings\n";
    append_rules_text(out, totals, inputs, "    ");
  }
  const SizeHistogram &sizes = totals.body_sizes;
  if (sizes.count() == 0) {
    row("response_body", "no objects");
  } else {
    row("response_body",
        fmt::format("{}, bytes min {}, median {}, max {}", plural(sizes.count(), "object"),
                    sizes.min(), sizes.median(), sizes.max()));
    const auto shapes = by_count(totals.shapes);
    row("shapes", fmt::format("{:>9}  {}", "documents", "top-level keys"));
    std::uint64_t rest = totals.shapes.other();
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      if (i >= shown_rows) {
        rest += shapes[i].second;
        continue;
      }
      const std::string keys = shapes[i].first.empty()
                                   ? "(none)"
                                   : escape_for_display(mask_card_numbers(shapes[i].first));
      row("", fmt::format("{:>9}  {}", shapes[i].second, keys));
    }
    if (rest > 0) row("", fmt::format("{:>9}  (other shapes)", rest));
  }
  return out;
}

std::string format_totals_json(const Totals &totals, std::span<const Source> inputs) {
  std::string out;
  fmt::format_to(std::back_inserter(out),
                 "{{\"documents\":{},\"valid\":{},\"invalid\":{},\"not_json\":{},"
                 "\"not_object\":{},\"naming\":{{",
                 totals.documents, totals.valid, totals.invalid(), totals.not_json,
                 totals.not_object);
  for (std::size_t i = 0; i < totals.naming.size(); ++i) {
    fmt::format_to(std::back_inserter(out), "{}\"{}\":{}", i == 0 ? "" : ",", naming_names[i],
                   totals.naming[i]);
  }
  out += "},\"outcomes\":[";
  bool first = true;
  for (const auto &[outcome, count] : by_count(totals.outcomes)) {
    fmt::format_to(std::back_inserter(out), "{}{{\"documents\":{}", first ? "" : ",", count);
    first = false;
    append_session_field(out, "status", outcome.status);
    if (append_session_field(out, "status_code", outcome.status_code)) {
      if (const auto reason = reason_of(outcome.status_code); !reason.empty()) {
        out += ",\"reason\":";
        json::append_quoted(out, reason);
      }
    }
    append_session_field(out, "code", outcome.code);
    out += '}';
  }
  fmt::format_to(std::back_inserter(out), "],\"other_outcomes\":{},\"codes\":[",
                 totals.outcomes.other());
  first = true;
  for (const auto &[code, count] : totals.top_codes(totals.codes.entries().size())) {
    fmt::format_to(std::back_inserter(out), "{}{{\"documents\":{}", first ? "" : ",", count);
    first = false;
    append_session_field(out, "code", code);
    out += '}';
  }
  fmt::format_to(std::back_inserter(out), "],\"other_codes\":{},", totals.codes.other());
  append_rules_json(out, totals, inputs);
  const SizeHistogram &sizes = totals.body_sizes;
  fmt::format_to(std::back_inserter(out), ",\"response_body\":{{\"objects\":{},\"not_objects\":{}",
                 sizes.count(), totals.body_absent);
  if (sizes.count() > 0) {
    fmt::format_to(std::back_inserter(out), ",\"bytes\":{{\"min\":{},\"median\":{},\"max\":{}}}",
                   sizes.min(), sizes.median(), sizes.max());
  }
  out += ",\"shapes\":[";
  first = true;
  for (const auto &[keys, count] : by_count(totals.shapes)) {
    fmt::format_to(std::back_inserter(out), "{}{{\"documents\":{},\"keys\":[", first ? "" : ",",
                   count);
    first = false;
    out += mask_card_numbers(keys);
    out += "]}";
  }
  fmt::format_to(std::back_inserter(out), "],\"other_shapes\":{}}}}}\n", totals.shapes.other());
  return out;
}

std::string format_statistics_text(const Totals &totals, std::span<const Source> inputs) {
  std::string out;
  append_rules_text(out, totals, inputs, "");
  if (out.empty()) out = "no findings\n";
  return out;
}

std::string format_statistics_json(const Totals &totals, std::span<const Source> inputs) {
  std::string out =
      fmt::format("{{\"documents\":{},\"invalid\":{},", totals.documents, totals.invalid());
  append_rules_json(out, totals, inputs);
  out += "}\n";
  return out;
}

} // namespace pss::cli
