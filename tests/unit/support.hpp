// Helpers shared by the unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/session/check.hpp"

namespace pss::test {

// A file's bytes, exactly.
inline std::string read_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Checks a document through the full located path (no fast path).
inline Report full_check(std::string_view text, NamingMode naming = NamingMode::Auto) {
  const auto parsed = json::parse(text);
  if (parsed.error) return report_parse_error(parsed, text);
  return analyze(*parsed.value, text, CheckOptions{naming, {}});
}

// Checks through the Checker, as the CLI does (simdjson first).
inline Report fast_check(std::string_view text, NamingMode naming = NamingMode::Auto) {
  static Checker checker;
  return checker.check(text, CheckOptions{naming, {}});
}

inline std::vector<std::string> rule_ids(const Report &report) {
  std::vector<std::string> ids;
  for (const auto &finding : report.findings) ids.emplace_back(rule_spec(finding.rule).id);
  return ids;
}

// The only finding with rule `id`, or nullptr when there is none or several.
inline const Finding *only(const Report &report, std::string_view id) {
  const Finding *found = nullptr;
  for (const auto &finding : report.findings) {
    if (rule_spec(finding.rule).id != id) continue;
    if (found != nullptr) return nullptr;
    found = &finding;
  }
  return found;
}

} // namespace pss::test
