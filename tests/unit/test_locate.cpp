// Findings located on simdjson's tape (the Checker) are those of the tree json::parse builds, to
// the byte: positions, related locations, messages, redactions.
#include <algorithm>
#include <doctest/doctest.h>

#include <simdjson.h>

#include "core/session/fast_path.hpp"
#include "support.hpp"

using namespace pss;
using namespace pss::test;

namespace {

// Every document the tests hold: testdata's files, each line of its JSON Lines files and of the
// golden cases' stdin, and documents that put the tape's offsets to the test.
std::vector<std::string> documents() {
  std::vector<std::string> out;
  const auto add_lines = [&](const std::string &text) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) out.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  };
  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(std::string(PSS_TESTDATA_DIR))) {
    if (!entry.is_regular_file()) continue;
    const auto extension = entry.path().extension();
    if (extension == ".json") out.push_back(read_file(entry.path()));
    if (extension == ".jsonl") add_lines(read_file(entry.path()));
  }
  const std::filesystem::path cli = std::filesystem::path(PSS_TESTDATA_DIR) / ".." / "tests/cli";
  for (const auto &entry : std::filesystem::recursive_directory_iterator(cli)) {
    if (entry.is_regular_file() && entry.path().filename() == "stdin") {
      add_lines(read_file(entry.path()));
    }
  }
  for (
      const char *text : {
          // Numbers of every tape kind, where their literal and their end matter.
          R"({"status": "succeeded", "status_code": 199.99999999999999999})",
          R"({"status": "succeeded", "status_code": 2e2, "code": "E"})",
          R"({"status": "failed", "status_code": -0.0e+00, "type": 1.5E3})",
          R"({"status": "failed", "status_code": 18446744073709551615, "code": 1})",
          R"({"status": "failed", "status_code": -9223372036854775808, "code": true})",
          R"({"status":"succeeded","response_body":{"n":4111111111111111,"d":4.111111111111111e15}})",
          R"({"status":"succeeded","response_body":{"n":-4111111111111111.0,"x":[1e12,5.5e11]}})",
          // Strings with escapes before and inside what is reported or hidden.
          R"({"st\u0061tus": "succ\"eeded", "token": "a\\\"b", "code": "\u00e9\n"})",
          R"({"status": "succeeded", "response_body": {"card": "4111\u00201111 1111 1111"}})",
          R"({"status": "succeeded", "response_body": {"password": [4111111111111111, "x"]}})",
          R"({"status": "failed", "Token": {"a": [null, true, false, {"b": "4111111111111111"}]}})",
          // The card screen over a body's strings: one string, none, a run split by a key.
          R"({"status": "succeeded", "response_body": "4111111111111111"})",
          R"({"status": "succeeded", "response_body": {"a": [{}, 1e15, 4111111111111111]}})",
          R"({"status": "succeeded", "response_body": {"x": "4111111", "111111111": "1"}})",
          R"({"status": "succeeded", "response_body": {"x": "1234567890123", "y": "4111111111111111"}})",
          // Duplicates at depth, in small and large objects, and keys holding card numbers.
          R"({"status": "failed", "x": [{"a": 1, "b": {}, "a": []}], "4111111111111111": 1})",
          R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"a":18})",
          // Whitespace of every kind around structurals, multi-line, non-ASCII columns.
          "{\r\n\t\"status\" :\t\"failéd\" ,\n  \"naïve\"\n:\n[ ] ,\"code\":null}\n",
          "  [ 1 , {\"a\" : 2 , \"a\" : 3} ]  ",
          "\"just a string\"",
          "-12.5e-3",
          "{}",
          R"({"type": "payment-service-session", "statusCode": 200, "status_code": 500, "status": "failed"})",
      }) {
    out.emplace_back(text);
  }
  return out;
}

void expect_same_position(const Position &tape, const Position &tree) {
  CHECK(tape.offset == tree.offset);
  CHECK(tape.line == tree.line);
  CHECK(tape.column == tree.column);
}

// The Checker's report (simdjson's tape when it parses the document) against the tree's.
void expect_located_alike(Checker &checker, std::string_view text, const CheckOptions &options) {
  const Report tape = checker.check(text, options);
  const auto parsed = json::parse(text);
  const Report tree = parsed.error ? report_parse_error(parsed, text, options)
                                   : analyze(*parsed.value, text, options);
  CHECK(tape.is_json == tree.is_json);
  CHECK(tape.naming == tree.naming);
  CHECK(tape.omitted_errors == tree.omitted_errors);
  CHECK(tape.omitted_warnings == tree.omitted_warnings);
  REQUIRE(tape.findings.size() == tree.findings.size());
  for (std::size_t i = 0; i < tape.findings.size(); ++i) {
    const Finding &a = tape.findings[i];
    const Finding &b = tree.findings[i];
    CAPTURE(rule_spec(b.rule).id);
    CHECK(a.rule == b.rule);
    CHECK(a.severity == b.severity);
    CHECK(a.pointer == b.pointer);
    CHECK(a.message == b.message);
    expect_same_position(a.position, b.position);
    REQUIRE(a.related.size() == b.related.size());
    for (std::size_t r = 0; r < a.related.size(); ++r) {
      CHECK(a.related[r].message == b.related[r].message);
      expect_same_position(a.related[r].position, b.related[r].position);
    }
  }
  // The Checker hides only what a printed line may show: the lines of findings (and of their
  // related locations).
  if (tape.findings.empty() && tree.is_json) {
    CHECK(tape.redactions.empty());
    return;
  }
  // Of the tree's redactions (the whole document's), those on a line holding a finding or a
  // related location: the lines a report prints.
  const auto line_of = [&](std::size_t offset) {
    const std::size_t at = std::min(offset, text.size());
    const std::size_t newline = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
    return newline == std::string::npos ? std::size_t{0} : newline + 1;
  };
  std::vector<std::size_t> shown_lines;
  for (const auto &finding : tree.findings) {
    shown_lines.push_back(line_of(finding.position.offset));
    for (const auto &related : finding.related)
      shown_lines.push_back(line_of(related.position.offset));
  }
  std::vector<Redaction> expected;
  for (const auto &redaction : tree.redactions) {
    const std::size_t line = line_of(redaction.range.begin);
    if (std::find(shown_lines.begin(), shown_lines.end(), line) != shown_lines.end() ||
        !tree.is_json) {
      expected.push_back(redaction);
    }
  }
  REQUIRE(tape.redactions.size() == expected.size());
  for (std::size_t i = 0; i < tape.redactions.size(); ++i) {
    CHECK(tape.redactions[i].range.begin == expected[i].range.begin);
    CHECK(tape.redactions[i].range.end == expected[i].range.end);
    CHECK(tape.redactions[i].shown == expected[i].shown);
  }
}

} // namespace

TEST_CASE("findings located on the tape are the tree's: positions, related, redactions") {
  const auto texts = documents();
  CHECK(texts.size() >= 200);
  Checker checker;
  for (const auto &text : texts) {
    CAPTURE(text);
    for (const NamingMode naming : {NamingMode::Auto, NamingMode::Wire, NamingMode::Sdk}) {
      CheckOptions options;
      options.naming = naming;
      expect_located_alike(checker, text, options);
    }
    CheckOptions lean;
    lean.locate = false;
    lean.redact = false;
    expect_located_alike(checker, text, lean);
    CheckOptions capped;
    capped.max_findings = 1;
    capped.rules.set_enabled(Rule::FieldUnknown, false);
    capped.rules.set_severity(Rule::FailedWithoutCode, Severity::Error);
    expect_located_alike(checker, text, capped);
    // Without descriptions, the same verdict from the counts alone.
    for (const CheckOptions &described : {CheckOptions{}, capped}) {
      CheckOptions counted = described;
      counted.describe = false;
      const Report full = checker.check(text, described);
      const Report count = checker.check(text, counted);
      CHECK(count.count(Severity::Error) == full.count(Severity::Error));
      CHECK(count.count(Severity::Warning) == full.count(Severity::Warning));
      CHECK(count.valid(false) == full.valid(false));
      CHECK(count.valid(true) == full.valid(true));
      if (full.is_json) CHECK(count.findings.empty());
    }
  }
}

TEST_CASE("a number's literal is read from the source: 199.99999999999999999 is no integer") {
  constexpr std::string_view text =
      R"({"status": "succeeded", "status_code": 199.99999999999999999})";
  const Report report = Checker().check(text, CheckOptions{});
  REQUIRE(report.findings.size() == 1);
  CHECK(rule_spec(report.findings[0].rule).id == "status-code.range");
  CHECK(report.findings[0].message ==
        "`status_code` is 199.99999999999999999, which is not an HTTP status code (an integer "
        "from 100 to 599)");
  CHECK(report.findings[0].position.column == 40);
  // 2e2 is the integer 200, exactly.
  CHECK(Checker()
            .check(R"({"status": "succeeded", "status_code": 2e2})", CheckOptions{})
            .findings.empty());
}

TEST_CASE("a value's end is where its token ends in the source") {
  constexpr std::string_view text =
      R"({"status": "failed", "code": "E", "response_body": {"token": "a\"b", "pin": 1}})";
  const Report report = Checker().check(text, CheckOptions{});
  REQUIRE(report.redactions.empty()); // no findings: no line is shown
  const std::string_view bad = R"({"status": 1, "token": "a\"b\\", "secret": -1.5e3, "cvv": null})";
  const Report shown = Checker().check(bad, CheckOptions{});
  REQUIRE(shown.redactions.size() == 3);
  const auto hidden = [&](std::size_t i) {
    const ByteRange range = shown.redactions[i].range;
    return bad.substr(range.begin, range.end - range.begin);
  };
  CHECK(hidden(0) == R"("a\"b\\")");
  CHECK(hidden(1) == "-1.5e3");
  CHECK(hidden(2) == "null");
}

TEST_CASE("without the source, the screen says maybe for a number held as a double") {
  simdjson::dom::parser parser;
  for (const auto &[text, clean] : std::vector<std::pair<std::string_view, bool>>{
           {R"({"status": "failed", "code": "E", "status_code": 500})", true},
           {R"({"status": "failed", "code": "E", "status_code": 500.0})", false},
       }) {
    CAPTURE(text);
    simdjson::dom::document doc;
    DetectedNaming naming = DetectedNaming::Wire;
    REQUIRE(parser.parse_into_document(doc, simdjson::padded_string(text)).error() ==
            simdjson::SUCCESS);
    CHECK(quick_clean(doc, CheckOptions{}, naming) == clean);
    // The Checker has the source: 500.0 is the integer 500.
    CHECK(Checker().check(text, CheckOptions{}).findings.empty());
  }
}
