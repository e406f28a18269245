// The aggregate report of a log or folder (inspect) and findings per rule (check --statistics).
#include "cli/report_totals.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"
#include "core/json/writer.hpp"
#include "core/privacy/redactor.hpp"
#include "core/session/summary.hpp"

namespace pss::cli {
namespace {

constexpr std::size_t shown_rows = 20;

std::string plural(std::uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// "Bad Gateway" when a status_code literal denotes an integer with a registered reason phrase.
std::string_view reason_of(const FieldValue &value) {
  if (!value.present || value.kind != json::Kind::Number) return "";
  return http_reason_of(value.text);
}

// A field's value as a person sees it: strings quoted, card numbers masked, escapes shown.
std::string show(const FieldValue &value, bool with_reason) {
  if (!value.present) return "(absent)";
  switch (value.kind) {
  case json::Kind::String:
    return Redactor::show_string(value.text);
  case json::Kind::Number: {
    std::string shown = Redactor::show_number(value.text);
    if (const auto reason = reason_of(value); with_reason && !reason.empty())
      shown += fmt::format(" {}", reason);
    return shown;
  }
  default:
    return std::string(json::kind_name(value.kind));
  }
}

std::string first_location(const RuleTotal &total, std::span<const Source> inputs) {
  // Every finding of the rule was past --max-findings in its document: counted, not located.
  if (!total.first) return "(past --max-findings)";
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

// `text` in at most `columns` display columns: cut where needed, the cut marked with "..." at the
// end, or at the front when `keep_end` (a location keeps its file name, line and column).
std::string cut(std::string_view text, std::size_t columns, bool keep_end = false) {
  if (display_width(text) <= columns) return std::string(text);
  if (columns <= 3) return std::string(columns, '.');
  std::size_t used = 0;
  return keep_end ? "..." + std::string(fit_columns_from_end(text, columns - 3, used))
                  : std::string(fit_columns(text, columns - 3, used)) + "...";
}

void pad(std::string &out, std::string_view text, std::size_t columns, bool right) {
  const std::size_t used = display_width(text);
  const std::size_t fill = columns > used ? columns - used : 0;
  if (right) out.append(fill, ' ');
  out += text;
  if (!right) out.append(fill, ' ');
}

// A column of a table: counts are right-aligned and never cut; text is padded to at least
// `least` columns (the width a typical value takes) and, when the table is too wide, cut.
struct Column {
  std::string_view title;
  bool count = false;
  std::size_t least = 0;
  bool keep_end = false; // cut text at the front
};

// A table under a first-line prefix (`  outcomes       `) and a prefix for the other lines (as
// wide), so that each line fits `width` columns (0: no limit). A column is as wide as its widest
// cell; when the lines are too wide, text columns lose their padding, then the widest is narrowed
// (its cells cut with "...") until the lines fit or each is down to a few columns. After a count,
// two spaces; after text, one; the last column is not padded.
void append_table(std::string &out, std::string_view first_prefix, std::string_view prefix,
                  std::span<const Column> columns,
                  const std::vector<std::vector<std::string>> &rows, std::size_t width) {
  const std::size_t n = columns.size();
  std::vector<std::size_t> content(n);
  for (std::size_t c = 0; c < n; ++c) {
    content[c] = display_width(columns[c].title);
    for (const auto &row : rows) content[c] = std::max(content[c], display_width(row[c]));
  }
  std::vector<std::size_t> widths(n);
  for (std::size_t c = 0; c < n; ++c)
    widths[c] = c + 1 < n ? std::max(content[c], columns[c].least) : content[c];
  const auto line_width = [&] {
    std::size_t total = display_width(prefix);
    for (std::size_t c = 0; c < n; ++c)
      total += widths[c] + (c + 1 < n ? (columns[c].count ? 2 : 1) : 0);
    return total;
  };
  if (width > 0 && line_width() > width) {
    widths = content;
    // Narrowed no further than its title (or 8 columns when the title is shorter).
    std::vector<std::size_t> floors(n);
    for (std::size_t c = 0; c < n; ++c)
      floors[c] =
          columns[c].count
              ? content[c]
              : std::min(content[c], std::max<std::size_t>(8, display_width(columns[c].title)));
    for (std::size_t over = line_width() > width ? line_width() - width : 0; over > 0; --over) {
      std::size_t widest = n;
      for (std::size_t c = 0; c < n; ++c) {
        if (widths[c] > floors[c] && (widest == n || widths[c] > widths[widest])) widest = c;
      }
      if (widest == n) break;
      --widths[widest];
    }
  }
  const auto append_line = [&](std::string_view start, const auto &cell) {
    std::string line(start);
    for (std::size_t c = 0; c < n; ++c) {
      const std::string text = cut(cell(c), widths[c], columns[c].keep_end);
      if (c + 1 < n) {
        pad(line, text, widths[c], columns[c].count);
        line.append(columns[c].count ? 2 : 1, ' ');
      } else {
        pad(line, text, columns[c].count ? widths[c] : 0, columns[c].count);
      }
    }
    // Narrower than its columns' floors: the line itself is cut rather than wrapped.
    out += width > 0 ? cut(line, width) : line;
    out += '\n';
  };
  append_line(first_prefix, [&](std::size_t c) { return columns[c].title; });
  for (const auto &row : rows) append_line(prefix, [&](std::size_t c) { return row[c]; });
}

void append_rules_text(std::string &out, const Totals &totals, std::span<const Source> inputs,
                       std::string_view indent, std::size_t width) {
  const auto order = rules_by_count(totals);
  if (order.empty()) return;
  static constexpr Column columns[] = {{"findings", true, 8},
                                       {"documents", true, 9},
                                       {"rule", false, 28},
                                       {"first", false, 0, true}};
  std::vector<std::vector<std::string>> rows;
  for (const std::size_t i : order) {
    const RuleTotal &total = totals.rules[i];
    rows.push_back({fmt::format("{}", total.findings), fmt::format("{}", total.documents),
                    std::string(rule_spec(static_cast<Rule>(i)).id),
                    first_location(total, inputs)});
  }
  append_table(out, indent, indent, columns, rows, width);
}

void write_rules_json(json::JsonWriter &w, const Totals &totals, std::span<const Source> inputs) {
  w.key("rules");
  w.begin_array();
  for (const std::size_t i : rules_by_count(totals)) {
    const RuleTotal &total = totals.rules[i];
    w.begin_object();
    w.key("rule");
    w.string(rule_spec(static_cast<Rule>(i)).id);
    w.key("findings");
    w.integer(total.findings);
    w.key("documents");
    w.integer(total.documents);
    if (total.first) {
      w.key("first");
      w.begin_object();
      w.key("file");
      w.string(escape_for_display(inputs[total.first->input].name));
      w.key("line");
      w.integer(total.first->line);
      w.key("column");
      w.integer(total.first->column);
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
}

// A shape's keys (JSON string literals joined by ',', as Totals keeps them) as an array of
// strings, card numbers masked.
void write_shape_keys(json::JsonWriter &w, std::string_view keys) {
  w.begin_array();
  std::string scratch;
  for (std::size_t at = 0; at < keys.size();) {
    // A literal runs from its quote to the next quote that no backslash escapes.
    std::size_t end = at + 1;
    while (end < keys.size() && keys[end] != '"') end += keys[end] == '\\' ? 2 : 1;
    const std::string_view literal = keys.substr(at, end + 1 - at);
    w.string(Redactor::mask(json::decode_literal(literal, scratch)));
    at = end + 2; // past the closing quote and the ','
  }
  w.end_array();
}

// "logs.jsonl: 6 documents", a long name cut at its front to fit `width` (0: no limit).
std::string header(const Totals &totals, std::span<const Source> inputs, std::size_t width) {
  const std::string count = ": " + plural(totals.documents, "document");
  const std::string what =
      inputs.size() == 1 ? escape_for_display(inputs[0].name) : plural(inputs.size(), "file");
  if (width == 0) return what + count;
  const std::size_t room = width > count.size() ? width - count.size() : 0;
  return cut(cut(what, std::max<std::size_t>(room, 8), true) + count, width);
}

// As many items of a list as fit `columns` (0: no limit), then how many more there are.
std::string fit_list(const std::vector<std::string> &items, std::size_t columns) {
  std::string all = fmt::format("{}", fmt::join(items, ", "));
  if (columns == 0 || display_width(all) <= columns) return all;
  for (std::size_t shown = items.size() - 1; shown > 0; --shown) {
    std::string list =
        fmt::format("{}, ... {} more", fmt::join(items.begin(), items.begin() + shown, ", "),
                    items.size() - shown);
    if (display_width(list) <= columns) return list;
  }
  const std::string more = fmt::format(", ... {} more", items.size() - 1);
  return cut(items[0], columns > more.size() ? columns - more.size() : 8) + more;
}

constexpr std::string_view naming_names[] = {"either", "wire", "sdk", "mixed"};

} // namespace

std::string format_totals_text(const Totals &totals, std::span<const Source> inputs,
                               const Palette &p, std::size_t width) {
  std::string out = fmt::format("{}{}{}\n", p.bold(), header(totals, inputs, width), p.reset());
  // Rows start their values after a label this wide: "  response_body ".
  constexpr std::size_t label_width = 17;
  const std::size_t room = width == 0 ? 0 : width > label_width ? width - label_width : 1;
  auto row = [&](std::string_view label, std::string_view text) {
    fmt::format_to(std::back_inserter(out), "  {:<15}{}\n", label,
                   room == 0 ? std::string(text) : cut(text, room));
  };
  const auto label = [](std::string_view name) { return fmt::format("  {:<15}", name); };
  const std::string blank(label_width, ' ');
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
    static constexpr Column columns[] = {
        {"documents", true, 9}, {"status", false, 13}, {"status_code", false, 24}, {"code"}};
    std::vector<std::vector<std::string>> rows;
    std::uint64_t rest = totals.outcomes.other();
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const auto &[outcome, count] = outcomes[i];
      if (i >= shown_rows) {
        rest += count;
        continue;
      }
      rows.push_back({fmt::format("{}", count), show(outcome.status, false),
                      show(outcome.status_code, true), show(outcome.code, false)});
    }
    append_table(out, label("outcomes"), blank, columns, rows, width);
    if (rest > 0) row("", fmt::format("{:>9}  (other combinations)", rest));
  }
  const auto codes = totals.top_codes(10);
  if (!codes.empty()) {
    std::vector<std::string> shown;
    for (const auto &[code, count] : codes)
      shown.push_back(fmt::format("{} {}", show(code, false), count));
    row("top codes", fit_list(shown, room));
  }
  if (const auto order = rules_by_count(totals); order.empty()) {
    row("findings", "none");
  } else {
    out += "  findings\n";
    append_rules_text(out, totals, inputs, "    ", width);
  }
  const SizeHistogram &sizes = totals.body_sizes;
  if (sizes.count() == 0) {
    row("response_body", "no objects");
  } else {
    const std::string objects = plural(sizes.count(), "object");
    const std::string bytes =
        fmt::format("bytes min {}, median {}, max {}", sizes.min(), sizes.median(), sizes.max());
    // Too wide for one line: the sizes get a line of their own rather than being cut.
    if (room == 0 || display_width(objects) + 2 + display_width(bytes) <= room) {
      row("response_body", objects + ", " + bytes);
    } else {
      row("response_body", objects);
      row("", bytes);
    }
    const auto shapes = by_count(totals.shapes);
    static constexpr Column columns[] = {{"documents", true, 9}, {"top-level keys"}};
    std::vector<std::vector<std::string>> rows;
    std::uint64_t rest = totals.shapes.other();
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      if (i >= shown_rows) {
        rest += shapes[i].second;
        continue;
      }
      rows.push_back({fmt::format("{}", shapes[i].second),
                      shapes[i].first.empty() ? "(none)" : Redactor::show_raw(shapes[i].first)});
    }
    append_table(out, label("shapes"), blank, columns, rows, width);
    if (rest > 0) row("", fmt::format("{:>9}  (other shapes)", rest));
  }
  return out;
}

std::string format_totals_json(const Totals &totals, std::span<const Source> inputs) {
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  w.key("documents");
  w.integer(totals.documents);
  w.key("valid");
  w.integer(totals.valid);
  w.key("invalid");
  w.integer(totals.invalid());
  w.key("not_json");
  w.integer(totals.not_json);
  w.key("not_object");
  w.integer(totals.not_object);
  w.key("naming");
  w.begin_object();
  for (std::size_t i = 0; i < totals.naming.size(); ++i) {
    w.key(naming_names[i]);
    w.integer(totals.naming[i]);
  }
  w.end_object();
  w.key("outcomes");
  w.begin_array();
  for (const auto &[outcome, count] : by_count(totals.outcomes)) {
    w.begin_object();
    w.key("documents");
    w.integer(count);
    write_session_field(w, "status", outcome.status);
    if (write_session_field(w, "status_code", outcome.status_code)) {
      if (const auto reason = reason_of(outcome.status_code); !reason.empty()) {
        w.key("reason");
        w.string(reason);
      }
    }
    write_session_field(w, "code", outcome.code);
    w.end_object();
  }
  w.end_array();
  w.key("other_outcomes");
  w.integer(totals.outcomes.other());
  w.key("codes");
  w.begin_array();
  for (const auto &[code, count] : totals.top_codes(totals.codes.entries().size())) {
    w.begin_object();
    w.key("documents");
    w.integer(count);
    write_session_field(w, "code", code);
    w.end_object();
  }
  w.end_array();
  w.key("other_codes");
  w.integer(totals.codes.other());
  write_rules_json(w, totals, inputs);
  const SizeHistogram &sizes = totals.body_sizes;
  w.key("response_body");
  w.begin_object();
  w.key("objects");
  w.integer(sizes.count());
  w.key("not_objects");
  w.integer(totals.body_absent);
  if (sizes.count() > 0) {
    w.key("bytes");
    w.begin_object();
    w.key("min");
    w.integer(sizes.min());
    w.key("median");
    w.integer(sizes.median());
    w.key("max");
    w.integer(sizes.max());
    w.end_object();
  }
  w.key("shapes");
  w.begin_array();
  for (const auto &[keys, count] : by_count(totals.shapes)) {
    w.begin_object();
    w.key("documents");
    w.integer(count);
    w.key("keys");
    write_shape_keys(w, keys);
    w.end_object();
  }
  w.end_array();
  w.key("other_shapes");
  w.integer(totals.shapes.other());
  w.end_object();
  w.end_object();
  out += '\n';
  return out;
}

std::string format_statistics_text(const Totals &totals, std::span<const Source> inputs,
                                   std::size_t width) {
  std::string out;
  append_rules_text(out, totals, inputs, "", width);
  if (out.empty()) out = "no findings\n";
  return out;
}

std::string format_statistics_json(const Totals &totals, std::span<const Source> inputs) {
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  w.key("documents");
  w.integer(totals.documents);
  w.key("invalid");
  w.integer(totals.invalid());
  write_rules_json(w, totals, inputs);
  w.end_object();
  out += '\n';
  return out;
}

} // namespace pss::cli
