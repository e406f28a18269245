// Every malformed input in testdata/json.syntax is refused with one located json.syntax finding,
// by both paths, never a crash; every file in testdata/valid is accepted.
#include <algorithm>
#include <filesystem>
#include <vector>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace pss;
using namespace pss::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_in(const std::string &folder) {
  std::vector<fs::path> files;
  for (const auto &entry : fs::directory_iterator(std::string(PSS_TESTDATA_DIR) + "/" + folder)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

TEST_CASE("every malformed input is refused with a located json.syntax finding") {
  const auto files = files_in("json.syntax");
  CHECK(files.size() >= 60);
  for (const auto &path : files) {
    CAPTURE(path.filename().string());
    const std::string text = read_file(path);
    const Report report = full_check(text);
    CHECK_FALSE(report.is_json);
    REQUIRE(report.findings.size() == 1);
    const Finding &finding = report.findings[0];
    CHECK(rule_spec(finding.rule).id == "json.syntax");
    CHECK(finding.position.offset <= text.size());
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    CHECK(finding.position.line >= 1);
    CHECK(finding.position.line <= lines);
    CHECK(finding.position.column >= 1);
    CHECK(finding.message.rfind("invalid JSON: ", 0) == 0);
    // simdjson must refuse it too, so that the fast path never calls it valid.
    const Report fast = fast_check(text);
    CHECK_FALSE(fast.is_json);
    CHECK(rule_ids(fast) == rule_ids(report));
  }
}

TEST_CASE("malformed inputs deep inside response_body are found where they are") {
  std::size_t deep = 0;
  for (const auto &path : files_in("json.syntax")) {
    if (path.filename().string().rfind("deep-", 0) != 0) continue;
    CAPTURE(path.filename().string());
    ++deep;
    const std::string text = read_file(path);
    const Report report = fast_check(text);
    REQUIRE(report.findings.size() == 1);
    // The defect sits inside response_body, well below the session's own fields.
    const std::size_t body = text.find("\"response_body\"");
    REQUIRE(body != std::string::npos);
    CHECK(report.findings[0].position.offset > body);
    CHECK(report.findings[0].position.line > 5);
  }
  CHECK(deep >= 20);
}

TEST_CASE("valid JSON that simdjson cannot hold is accepted, with no findings") {
  const auto files = files_in("valid");
  CHECK(files.size() >= 5);
  for (const auto &path : files) {
    CAPTURE(path.filename().string());
    const std::string text = read_file(path);
    CHECK(full_check(text).findings.empty());
    CHECK(fast_check(text).findings.empty());
  }
}

TEST_CASE("nothing in the malformed corpus crashes when cut short at every byte") {
  for (const auto &path : files_in("json.syntax")) {
    const std::string text = read_file(path);
    for (std::size_t cut = 0; cut < text.size(); ++cut) {
      const std::string prefix = text.substr(0, cut);
      CHECK(rule_ids(fast_check(prefix)) == rule_ids(full_check(prefix)));
    }
  }
}
