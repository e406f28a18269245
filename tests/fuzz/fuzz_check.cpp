// libFuzzer target: one document checked by the fast path (pss::Checker::check, simdjson first),
// by the compact tape of documents over 8 MiB, and by the located path alone (json::parse, then
// analyze or report_parse_error) must give the same findings (rule ids in the same order,
// pointers, positions, messages) under every naming mode.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/compact_tape.hpp"
#include "core/session/analyzer.hpp"
#include "core/session/check.hpp"
#include "core/session/compact_view.hpp"

namespace {

std::vector<std::string_view> rule_ids(const pss::Report &report) {
  std::vector<std::string_view> ids;
  for (const auto &finding : report.findings) ids.push_back(pss::rule_spec(finding.rule).id);
  return ids;
}

// Where and what: the Checker locates on simdjson's tape what the tree locates by itself.
bool located_alike(const pss::Report &a, const pss::Report &b) {
  if (a.findings.size() != b.findings.size()) return false;
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    const pss::Finding &x = a.findings[i];
    const pss::Finding &y = b.findings[i];
    if (x.pointer != y.pointer || x.message != y.message ||
        x.position.offset != y.position.offset || x.position.line != y.position.line ||
        x.position.column != y.position.column || x.related.size() != y.related.size()) {
      return false;
    }
    for (std::size_t r = 0; r < x.related.size(); ++r) {
      if (x.related[r].position.offset != y.related[r].position.offset) return false;
    }
  }
  return true;
}

std::string joined(const std::vector<std::string_view> &ids) {
  std::string out;
  for (const auto id : ids) out.append(id).append(" ");
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  static pss::Checker checker;
  static pss::json::CompactTape tape;
  const auto parsed = pss::json::parse(text);
  // The compact tape (documents over 8 MiB) accepts exactly what the tree's reader accepts.
  if (tape.read(text) != !parsed.error) {
    std::fprintf(stderr, "compact tape: read %d, json::parse error %d\n", !parsed.error,
                 parsed.error.has_value());
    std::abort();
  }
  for (const auto naming : {pss::NamingMode::Auto, pss::NamingMode::Wire, pss::NamingMode::Sdk}) {
    const pss::CheckOptions options{naming, {}};
    const pss::Report fast = checker.check(text, options);
    const pss::Report located = parsed.error ? pss::report_parse_error(parsed, text, options)
                                             : pss::analyze(*parsed.value, text, options);
    if (rule_ids(fast) != rule_ids(located) || fast.is_json != located.is_json ||
        fast.naming != located.naming || !located_alike(fast, located)) {
      std::fprintf(stderr, "fast path: [%s] is_json=%d naming=%s\n", joined(rule_ids(fast)).c_str(),
                   fast.is_json, std::string(pss::detected_naming_name(fast.naming)).c_str());
      std::fprintf(stderr, "located path: [%s] is_json=%d naming=%s\n",
                   joined(rule_ids(located)).c_str(), located.is_json,
                   std::string(pss::detected_naming_name(located.naming)).c_str());
      std::abort();
    }
    if (parsed.error) continue;
    pss::CompactView view(tape);
    const pss::Report compact = pss::detail::analyze_view(view, text, options);
    if (rule_ids(compact) != rule_ids(located) || compact.naming != located.naming ||
        !located_alike(compact, located) ||
        compact.redactions.size() != located.redactions.size()) {
      std::fprintf(stderr, "compact tape: [%s]\nlocated path: [%s]\n",
                   joined(rule_ids(compact)).c_str(), joined(rule_ids(located)).c_str());
      std::abort();
    }
    for (std::size_t i = 0; i < compact.redactions.size(); ++i) {
      const auto &a = compact.redactions[i];
      const auto &b = located.redactions[i];
      if (a.range.begin != b.range.begin || a.range.end != b.range.end || a.shown != b.shown) {
        std::fprintf(stderr, "compact tape: redaction %zu differs\n", i);
        std::abort();
      }
    }
  }
  return 0;
}
