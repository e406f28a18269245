// Every rule of the catalogue: a document that passes, one that fails, and where the finding is.
#include <doctest/doctest.h>

#include <simdjson.h>

#include "core/json/compact_tape.hpp"
#include "core/session/analyzer.hpp"
#include "core/session/compact_view.hpp"
#include "core/session/fast_path.hpp"
#include "support.hpp"

using namespace pss;
using namespace pss::test;

namespace {

constexpr std::string_view clean_wire = R"({
  "type": "payment-service-session",
  "status": "failed",
  "code": "UNKNOWN_ERROR",
  "status_code": 502,
  "response_body": {"data": {"customerType": "EXISTING"}, "meta": {}}
})";

constexpr std::string_view clean_sdk =
    R"({"type": "payment-service-session", "status": "succeeded", "code": null, "statusCode": 200, "responseBody": {"epochTimestamp": 1700000000000, "expiresAt": 1700003600000}})";

// Both paths agree, and the finding for `id` is where the test says.
void expect_finding(std::string_view text, std::string_view id, std::string_view pointer,
                    std::size_t line, std::size_t column, NamingMode naming = NamingMode::Auto) {
  CAPTURE(text);
  const Report report = full_check(text, naming);
  const Finding *finding = only(report, id);
  REQUIRE_MESSAGE(finding != nullptr,
                  "rules found: " << doctest::toString(rule_ids(report).size()));
  CHECK(finding->pointer == pointer);
  CHECK(finding->position.line == line);
  CHECK(finding->position.column == column);
  CHECK(finding->severity == rule_spec(find_rule(id)->rule).severity);
  CHECK_FALSE(finding->message.empty());
  CHECK(rule_ids(fast_check(text, naming)) == rule_ids(report));
}

} // namespace

TEST_CASE("clean sessions in both spellings have no findings") {
  for (const auto text : {clean_wire, clean_sdk}) {
    CHECK(full_check(text).findings.empty());
    CHECK(fast_check(text).findings.empty());
  }
  CHECK(fast_check(clean_wire).naming == DetectedNaming::Wire);
  CHECK(fast_check(clean_sdk).naming == DetectedNaming::Sdk);
  CHECK(full_check(clean_sdk).naming == DetectedNaming::Sdk);
  CHECK(full_check(R"({"status": "succeeded"})").naming == DetectedNaming::Either);
}

TEST_CASE("json.syntax names the line and column of the first bad byte") {
  expect_finding("{\n  \"status\": \"failed\",\n}", "json.syntax", "", 3, 1);
  const Report report = full_check("{\n  \"status\": \"failed\",\n}");
  CHECK_FALSE(report.is_json);
  CHECK(report.findings[0].position.offset == 24);
}

TEST_CASE("a bad number deep inside response_body is found") {
  expect_finding(R"({"status": "succeeded", "response_body": {"a": {"b": [1, 2, 01]}}})",
                 "json.syntax", "", 1, 61);
  expect_finding(R"({"status": "succeeded", "response_body": {"a": {"b": "\x"}}})", "json.syntax",
                 "", 1, 55);
}

TEST_CASE("nesting beyond the limit names the limit") {
  std::string deep(100000, '[');
  const Report report = full_check(deep);
  REQUIRE(report.findings.size() == 1);
  CHECK(rule_spec(report.findings[0].rule).id == "json.depth");
  CHECK(report.findings[0].message.find("1024") != std::string::npos);
  CHECK(rule_ids(fast_check(deep)) == rule_ids(report));
}

TEST_CASE("nesting at the limit is accepted, one more level is not") {
  // the root object and response_body take two levels
  auto nested = [](std::size_t arrays) {
    return R"({"status": "succeeded", "response_body": {"a": )" + std::string(arrays, '[') +
           std::string(arrays, ']') + "}}";
  };
  const std::string fits = nested(1022); // 1024 levels
  CHECK(full_check(fits).findings.empty());
  CHECK(fast_check(fits).findings.empty());
  const std::string deeper = nested(1023); // 1025 levels
  CHECK(rule_ids(full_check(deeper)) == std::vector<std::string>{"json.depth"});
  CHECK(rule_ids(fast_check(deeper)) == std::vector<std::string>{"json.depth"});
}

TEST_CASE("json.duplicate-key at any depth, with escaped spellings of the same key") {
  expect_finding("{\n  \"status\": \"failed\",\n  \"code\": \"A\",\n  \"\\u0063ode\": \"B\"\n}",
                 "json.duplicate-key", "/code", 4, 3);
  expect_finding(
      R"({"status": "succeeded", "response_body": {"data": [{"id": 1, "x": 2, "id": 3}]}})",
      "json.duplicate-key", "/response_body/data/0/id", 1, 70);
  CHECK(full_check(R"({"status": "succeeded", "response_body": {"id": 1, "ID": 2}})")
            .findings.empty());
}

TEST_CASE("json.duplicate-key in a large object") {
  std::string body = R"({"status": "succeeded", "response_body": {)";
  for (int i = 0; i < 40; ++i) body += "\"k" + std::to_string(i) + "\": 1, ";
  body += R"("k7": 2}})";
  const Report report = full_check(body);
  REQUIRE(only(report, "json.duplicate-key") != nullptr);
  CHECK(only(report, "json.duplicate-key")->pointer == "/response_body/k7");
  CHECK(rule_ids(fast_check(body)) == rule_ids(report));
}

TEST_CASE("json.duplicate-key in a large object: each repeat names the first of its key") {
  // Keys repeated two and three times, one spelled with an escape, in a large object.
  std::string text = R"({"status": "succeeded", "response_body": {)";
  for (int i = 0; i < 300; ++i) text += "\"k" + std::to_string(i % 70) + "\": 1, ";
  text += R"("\u006b3": 2, "k69": 3}})";
  const auto parsed = json::parse(text);
  REQUIRE(parsed.value);
  // Expected by comparing each member with those before it.
  std::vector<std::pair<std::size_t, std::size_t>> expected; // (repeat, first) key offsets
  const auto &members = parsed.value->find("response_body")->members;
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (members[j].key == members[i].key) {
        expected.emplace_back(members[i].key_offset, members[j].key_offset);
        break;
      }
    }
  }
  CheckOptions options;
  options.max_findings = 0;
  const Report report = analyze(*parsed.value, text, options);
  REQUIRE(report.findings.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(report.findings[i].position.offset == expected[i].first);
    REQUIRE(report.findings[i].related.size() == 1);
    CHECK(report.findings[i].related[0].position.offset == expected[i].second);
  }
  CHECK(expected.size() == 232);
}

TEST_CASE("session.not-object for arrays and scalars") {
  expect_finding(R"(["succeeded"])", "session.not-object", "", 1, 1);
  expect_finding("\n  42", "session.not-object", "", 2, 3);
  CHECK(only(full_check("null"), "session.not-object")->message.find("null") != std::string::npos);
}

TEST_CASE("field.type: wrong types and null where not nullable") {
  expect_finding(R"({"status": "failed", "code": "E", "status_code": "502"})", "field.type",
                 "/status_code", 1, 50);
  expect_finding(R"({"status": null})", "field.type", "/status", 1, 12);
  expect_finding(R"({"status": "failed", "code": 7})", "field.type", "/code", 1, 30);
  expect_finding(R"({"status": "succeeded", "responseBody": []})", "field.type", "/responseBody", 1,
                 41);
  expect_finding(R"({"type": 1, "status": "succeeded"})", "field.type", "/type", 1, 10);
  CHECK(
      full_check(R"({"status": "failed", "code": "E", "status_code": null, "response_body": null})")
          .findings.empty());
}

TEST_CASE("field.enum suggests the right value") {
  expect_finding(R"({"status": "Succeeded"})", "field.enum", "/status", 1, 12);
  CHECK(only(full_check(R"({"status": "Succeeded"})"), "field.enum")
            ->message.find("did you mean \"succeeded\"") != std::string::npos);
  expect_finding(R"({"type": "payment_service_session", "status": "succeeded"})", "field.enum",
                 "/type", 1, 10);
  CHECK(only(full_check(R"({"status": "pending"})"), "field.enum")
            ->message.find("allowed: \"succeeded\", \"failed\"") != std::string::npos);
}

TEST_CASE("naming.conflict when both spellings of a field are present") {
  expect_finding(R"({"status": "succeeded", "status_code": 200, "statusCode": 200})",
                 "naming.conflict", "/statusCode", 1, 45);
}

TEST_CASE("field.unknown suggests the closest field") {
  expect_finding(R"({"stauts": "succeeded"})", "field.unknown", "/stauts", 1, 2);
  CHECK(only(full_check(R"({"stauts": "succeeded"})"), "field.unknown")
            ->message.find("did you mean `status`") != std::string::npos);
  CHECK(only(full_check(R"({"status": "succeeded", "zzz": 1})"), "field.unknown")
            ->message.find("a session has") != std::string::npos);
}

TEST_CASE("--naming wire reports SDK spellings as keys the API would not know") {
  expect_finding(R"({"status": "succeeded", "statusCode": 200})", "field.unknown", "/statusCode", 1,
                 25, NamingMode::Wire);
  const Report report = full_check(clean_sdk, NamingMode::Wire);
  CHECK(rule_ids(report) == std::vector<std::string>{"field.unknown", "field.unknown"});
  CHECK(full_check(clean_wire, NamingMode::Wire).findings.empty());
  CHECK(rule_ids(full_check(clean_wire, NamingMode::Sdk)) ==
        std::vector<std::string>{"field.unknown", "field.unknown"});
}

TEST_CASE("naming.mixed points at the first key of the second spelling") {
  expect_finding(R"({"status": "succeeded", "status_code": 200, "responseBody": {}})",
                 "naming.mixed", "/responseBody", 1, 45);
  CHECK(full_check(R"({"status": "succeeded", "status_code": 200, "responseBody": {}})").naming ==
        DetectedNaming::Mixed);
}

TEST_CASE("status-code.range for non-HTTP and non-integer codes") {
  expect_finding(R"({"status": "failed", "code": "E", "status_code": 1200})", "status-code.range",
                 "/status_code", 1, 50);
  expect_finding(R"({"status": "failed", "code": "E", "status_code": 502.5})", "status-code.range",
                 "/status_code", 1, 50);
  expect_finding(R"({"status": "failed", "code": "E", "status_code": 1e400})", "status-code.range",
                 "/status_code", 1, 50);
  CHECK(full_check(R"({"status": "failed", "code": "E", "status_code": 5.02e2})").findings.empty());
}

TEST_CASE("status codes of any length are data: 19 and 40 digits are out of range, not a crash") {
  expect_finding(R"({"status": "succeeded", "status_code": 9999999999999999999})",
                 "status-code.range", "/status_code", 1, 40);
  expect_finding(R"({"status": "succeeded", "status_code": -9223372036854775809})",
                 "status-code.range", "/status_code", 1, 40);
  expect_finding(
      R"({"status": "succeeded", "status_code": 1000000000000000000000000000000000000000})",
      "status-code.range", "/status_code", 1, 40);
}

TEST_CASE("session.failed-without-code for absent and null codes") {
  expect_finding(R"({"status": "failed", "status_code": 502})", "session.failed-without-code",
                 "/status", 1, 12);
  expect_finding(R"({"status": "failed", "code": null})", "session.failed-without-code", "/status",
                 1, 12);
}

TEST_CASE("session.succeeded-with-code") {
  expect_finding(R"({"status": "succeeded", "code": "UNKNOWN_ERROR"})",
                 "session.succeeded-with-code", "/code", 1, 33);
}

TEST_CASE("session.status-mismatch both ways") {
  expect_finding(R"({"status": "succeeded", "status_code": 502})", "session.status-mismatch",
                 "/status_code", 1, 40);
  expect_finding(R"({"status": "failed", "code": "E", "statusCode": 204})",
                 "session.status-mismatch", "/statusCode", 1, 49);
  CHECK(full_check(R"({"status": "succeeded", "status_code": 299})").findings.empty());
}

TEST_CASE("session.missing-status points at the document") {
  expect_finding("\n{\"type\": \"payment-service-session\"}", "session.missing-status", "", 2, 1);
}

TEST_CASE("pci.pan in strings and numbers of response_body, masked in the message") {
  expect_finding(R"({"status": "succeeded", "response_body": {"pan": "4111-1111-1111-1111"}})",
                 "pci.pan", "/response_body/pan", 1, 50);
  expect_finding(R"({"status": "succeeded", "response_body": {"n": [5555555555554444]}})",
                 "pci.pan", "/response_body/n/0", 1, 49);
  const Report report =
      full_check(R"({"status": "succeeded", "response_body": {"pan": "4242424242424242"}})");
  CHECK(only(report, "pci.pan")->message.find("424242******4242") != std::string::npos);
  CHECK(only(report, "pci.pan")->message.find("4242424242424242") == std::string::npos);
  // Millisecond timestamps pass Luhn one time in ten but have no card network prefix.
  CHECK(full_check(R"({"status": "succeeded", "response_body": {"epochTimestamp": 1700000000007}})")
            .findings.empty());
  // Outside response_body a card-like value is not this rule's business.
  CHECK(only(full_check(R"({"status": "failed", "code": "4242424242424242"})"), "pci.pan") ==
        nullptr);
}

TEST_CASE("secret values and card numbers are recorded so that source excerpts can hide them") {
  const std::string_view text =
      R"({"status": "succeeded", "response_body": {"signature": "abc", "x": {"token": 5}, "n": "\u0034242424242424242"}})";
  const Report report = full_check(text);
  REQUIRE(report.redactions.size() == 3);
  const auto &first = report.redactions[0];
  CHECK(text.substr(first.range.begin, first.range.end - first.range.begin) == "\"abc\"");
  CHECK(first.shown == "\"***\"");
  CHECK(report.redactions[1].shown == "***");
  CHECK(report.redactions[2].shown == "\"424242******4242\"");
}

TEST_CASE("secrets read before a syntax error are recorded too") {
  const std::string_view text =
      R"({"status": "succeeded", "response_body": {"password": "hunter2",}})";
  const Report report = full_check(text);
  CHECK_FALSE(report.is_json);
  REQUIRE(report.redactions.size() == 1);
  CHECK(report.redactions[0].shown == "\"***\"");
  CHECK(rule_ids(fast_check(text)) == rule_ids(report));
}

TEST_CASE("a card number under a secret key is not shown even masked") {
  const Report report =
      full_check(R"({"status": "succeeded", "response_body": {"token": "4242424242424242"}})");
  REQUIRE(only(report, "pci.pan") != nullptr);
  CHECK(only(report, "pci.pan")->message.find("424242") == std::string::npos);
}

TEST_CASE("pointers through keys that hold card numbers are masked") {
  const Report report = full_check(
      R"({"status": "succeeded", "response_body": {"4242424242424242": {"a": "5555555555554444"}}})");
  REQUIRE(only(report, "pci.pan") != nullptr);
  CHECK(only(report, "pci.pan")->pointer == "/response_body/424242******4242/a");
}

TEST_CASE("a number holds a card number when the integer it denotes does") {
  for (const auto text :
       {R"({"status": "succeeded", "response_body": {"amount": 1.4242424242424242}})",
        R"({"status": "succeeded", "response_body": {"amount": 0.4242424242424242}})",
        R"({"status": "succeeded", "response_body": {"amount": 4242424242424242e-10}})",
        R"({"status": "succeeded", "response_body": {"n": 4242424242424242.0}})",
        R"({"status": "succeeded", "response_body": {"n": 4.242424242424242e15}})",
        R"({"status": "succeeded", "response_body": {"n": 42424242424242420e-1}})",
        R"({"status": "succeeded", "response_body": {"n": 4242424242424242.5}})",
        R"({"status": "succeeded", "response_body": {"amount": 12.5, "ts": 1700000000000}})"}) {
    CAPTURE(text);
    CHECK(rule_ids(fast_check(text)) == rule_ids(full_check(text)));
  }
  const std::vector<std::string> pan{"pci.pan"};
  CHECK(rule_ids(full_check(
            R"({"status": "succeeded", "response_body": {"n": 4.242424242424242e15}})")) == pan);
  CHECK(rule_ids(full_check(
            R"({"status": "succeeded", "response_body": {"n": 4242424242424242.0}})")) == pan);
  CHECK(full_check(R"({"status": "succeeded", "response_body": {"amount": 1.4242424242424242}})")
            .findings.empty());
}

TEST_CASE("status_code integrality is read from the literal, not through a double") {
  expect_finding(R"({"status": "failed", "code": "E", "status_code": 400.0000000000000006})",
                 "status-code.range", "/status_code", 1, 50);
  // A double rounds it to 200; inspect and check both read it as the non-integer it is.
  expect_finding(R"({"status": "succeeded", "status_code": 199.99999999999999999})",
                 "status-code.range", "/status_code", 1, 40);
  CHECK(
      full_check(R"({"status": "failed", "code": "E", "status_code": 40000e-2})").findings.empty());
}

TEST_CASE("the padded path ignores whatever follows the document") {
  Checker checker;
  const std::string buffer =
      std::string(R"({"status": "failed", "code": "E"})") + "} garbage" + std::string(padding, 'x');
  const std::string_view document(buffer.data(), 33);
  const Report report = checker.check(*json::PaddedView::within(buffer, document), CheckOptions{});
  CHECK(report.is_json);
  CHECK(report.findings.empty());
}

TEST_CASE("numbers simdjson cannot hold are valid JSON") {
  const std::string_view text =
      R"({"status": "succeeded", "response_body": {"big": 123456789012345678901234567890, "huge": 1e400, "neg": -0}})";
  CHECK(fast_check(text).findings.empty());
  CHECK(fast_check(text).is_json);
}

TEST_CASE("findings come in document order") {
  const Report report = full_check(
      R"({"zz": 1, "status": "Failed", "status_code": "x", "response_body": {"a": 1, "a": 2}})");
  for (std::size_t i = 1; i < report.findings.size(); ++i) {
    CHECK(report.findings[i - 1].position.offset <= report.findings[i].position.offset);
  }
  CHECK(report.findings.size() == 4);
}

TEST_CASE("valid() fails on errors, and on warnings only when strict") {
  const Report warning = full_check(R"({"type": "payment-service-session"})");
  CHECK(warning.valid(false));
  CHECK_FALSE(warning.valid(true));
  const Report error = full_check(R"({"status": "x"})");
  CHECK_FALSE(error.valid(false));
}

TEST_CASE("rule settings: a disabled rule reports nothing, on both paths") {
  CheckOptions options;
  for (const Rule rule : match_rules("session.")) options.rules.set_enabled(rule, false);
  constexpr std::string_view text = R"({"status": "failed", "status_code": 200})";
  Checker checker;
  CHECK(checker.check(text, options).findings.empty());
  const auto parsed = json::parse(text);
  CHECK(analyze(*parsed.value, text, options).findings.empty());
  CHECK(rule_ids(checker.check(text, CheckOptions{})) ==
        std::vector<std::string>{"session.failed-without-code", "session.status-mismatch"});
}

TEST_CASE("rule settings: a severity override makes a warning fail a document") {
  CheckOptions options;
  options.rules.set_severity(Rule::NamingMixed, Severity::Error);
  const Report report = Checker().check(
      R"({"status": "succeeded", "status_code": 200, "responseBody": {}})", options);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].severity == Severity::Error);
  CHECK_FALSE(report.valid(false));
}

TEST_CASE("rule settings: json.syntax disabled leaves a non-JSON document without findings") {
  CheckOptions options;
  options.rules.set_enabled(Rule::JsonSyntax, false);
  const Report report = Checker().check(R"({"status": )", options);
  CHECK_FALSE(report.is_json);
  CHECK(report.findings.empty());
  CHECK(report.valid(true));
}

TEST_CASE("match_rules takes a rule id or a prefix ending in '.'") {
  CHECK(match_rules("naming.mixed") == std::vector<Rule>{Rule::NamingMixed});
  CHECK(match_rules("naming.") == std::vector<Rule>{Rule::NamingConflict, Rule::NamingMixed});
  CHECK(match_rules("naming").empty());
  CHECK(match_rules("nope.").empty());
  CHECK(match_rules("session.").size() == 5);
}

namespace {

// Every path of a document under `options` (simdjson's tape, the compact tape, the tree): the
// findings (rule, pointer, position, message) and the naming must be the same.
void expect_paths_agree(std::string_view text, const CheckOptions &options) {
  static Checker checker;
  const Report fast = checker.check(text, options);
  const auto parsed = json::parse(text);
  const Report full = parsed.error ? report_parse_error(parsed, text, options)
                                   : analyze(*parsed.value, text, options);
  REQUIRE(fast.findings.size() == full.findings.size());
  for (std::size_t i = 0; i < fast.findings.size(); ++i) {
    CHECK(fast.findings[i].rule == full.findings[i].rule);
    CHECK(fast.findings[i].severity == full.findings[i].severity);
    CHECK(fast.findings[i].pointer == full.findings[i].pointer);
    CHECK(fast.findings[i].position.offset == full.findings[i].position.offset);
    CHECK(fast.findings[i].message == full.findings[i].message);
  }
  CHECK(fast.is_json == full.is_json);
  CHECK(fast.naming == full.naming);
  // The compact tape (documents over 8 MiB) reads exactly what the tree does, and the same
  // rules on it give the same report, redactions included.
  json::CompactTape tape;
  REQUIRE(tape.read(text) == !parsed.error);
  if (parsed.error) return;
  CompactView view(tape);
  const Report compact = detail::analyze_view(view, text, options);
  REQUIRE(compact.findings.size() == full.findings.size());
  for (std::size_t i = 0; i < full.findings.size(); ++i) {
    const Finding &a = compact.findings[i];
    const Finding &b = full.findings[i];
    CHECK(a.rule == b.rule);
    CHECK(a.severity == b.severity);
    CHECK(a.pointer == b.pointer);
    CHECK(a.position.offset == b.position.offset);
    CHECK(a.position.line == b.position.line);
    CHECK(a.position.column == b.position.column);
    CHECK(a.message == b.message);
    REQUIRE(a.related.size() == b.related.size());
    for (std::size_t r = 0; r < a.related.size(); ++r) {
      CHECK(a.related[r].position.offset == b.related[r].position.offset);
      CHECK(a.related[r].message == b.related[r].message);
    }
  }
  CHECK(compact.naming == full.naming);
  CHECK(compact.omitted_errors == full.omitted_errors);
  CHECK(compact.omitted_warnings == full.omitted_warnings);
  REQUIRE(compact.redactions.size() == full.redactions.size());
  for (std::size_t i = 0; i < full.redactions.size(); ++i) {
    CHECK(compact.redactions[i].range.begin == full.redactions[i].range.begin);
    CHECK(compact.redactions[i].range.end == full.redactions[i].range.end);
    CHECK(compact.redactions[i].shown == full.redactions[i].shown);
  }
}

std::vector<std::string> every_test_document() {
  std::vector<std::string> texts;
  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(std::string(PSS_TESTDATA_DIR))) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      texts.push_back(read_file(entry.path()));
    }
  }
  // Documents the fast screen must also get right with some rules off.
  for (const char *text : {
           R"({"status": "succeeded", "extra": {"a": 1, "a": 2}})",
           R"({"status": "failed", "code": "E", "status": "succeeded"})",
           R"({"status": "failed", "code": "E", "statusCode": 200, "status_code": 500})",
           R"({"status": "succeeded", "response_body": "4111111111111111"})",
           R"({"status": "succeeded", "other": ["4111111111111111"]})",
           R"([{"a": 1, "a": 1}])",
           R"({"type": 3, "status": "Succeeded", "code": null, "status_code": 2e2})",
       }) {
    texts.emplace_back(text);
  }
  return texts;
}

} // namespace

TEST_CASE("the fast screen and the located path agree on every test document, each rule off") {
  const auto texts = every_test_document();
  CHECK(texts.size() >= 100);
  for (const auto &text : texts) {
    CAPTURE(text);
    for (const NamingMode naming : {NamingMode::Auto, NamingMode::Wire, NamingMode::Sdk}) {
      CheckOptions options;
      options.naming = naming;
      expect_paths_agree(text, options);
      for (const auto &spec : rules()) {
        CAPTURE(spec.id);
        CheckOptions off = options;
        off.rules.set_enabled(spec.rule, false);
        expect_paths_agree(text, off);
      }
    }
  }
}

TEST_CASE("a disabled rule costs nothing on the fast path: the screen skips its check") {
  const auto clean = [](std::string_view text, Rule disabled) {
    CheckOptions options;
    options.rules.set_enabled(disabled, false);
    simdjson::dom::parser parser;
    simdjson::dom::document doc;
    const simdjson::padded_string padded(text);
    REQUIRE(parser.parse_into_document(doc, padded.data(), padded.size()).error() ==
            simdjson::SUCCESS);
    DetectedNaming naming = DetectedNaming::Either;
    return quick_clean(doc, options, naming);
  };
  CHECK(clean(R"({"status": "succeeded", "extra": 1})", Rule::FieldUnknown));
  CHECK_FALSE(clean(R"({"status": "succeeded", "extra": 1})", Rule::PciPan));
  CHECK(clean(R"({"status": "failed"})", Rule::FailedWithoutCode));
  CHECK(clean(R"({"status": "succeeded", "status_code": 700})", Rule::StatusCodeRange));
  CHECK(clean(R"({"status": "succeeded", "response_body": {"n": "4111111111111111"}})",
              Rule::PciPan));
  CHECK(clean(R"({"status": "succeeded", "response_body": {"a": 1, "a": 1}})",
              Rule::JsonDuplicateKey));
  CHECK(clean(R"({"status": "succeeded", "code": "E"})", Rule::SucceededWithCode));
  CHECK(clean(R"({"code": "E", "status": "failed", "responseBody": null, "status_code": 502})",
              Rule::NamingMixed));
}

TEST_CASE("findings per document are capped; the rest are counted by severity") {
  constexpr std::string_view text =
      R"({"a": 1, "b": 2, "c": 3, "d": 4, "status": "failed", "type": 5})";
  CheckOptions options;
  options.max_findings = 2;
  const Report report = Checker().check(text, options);
  CHECK(rule_ids(report) == std::vector<std::string>{"field.unknown", "field.unknown"});
  CHECK(report.omitted() == 4); // two field.unknown, session.failed-without-code, field.type
  CHECK(report.omitted_errors == 1);
  CHECK(report.count(Severity::Error) == 1);
  CHECK_FALSE(report.valid(false)); // the omitted field.type still fails the document
  options.max_findings = 0;
  CHECK(Checker().check(text, options).findings.size() == 6);
  CHECK(Checker().check(text, CheckOptions{}).omitted() == 0);
}

TEST_CASE("past a full cap, findings are counted as if all were kept and cut afterwards") {
  // Documents of unknown keys (counted without their message once the cap is full), duplicate
  // keys at the top and below it, card numbers and wrong types, found in walk order rather than
  // document order, close together: the findings kept and the counts must be those of all the
  // findings cut at the cap.
  unsigned seed = 7;
  const auto next = [&seed](unsigned n) {
    seed = seed * 1103515245 + 12345;
    return (seed >> 16) % n;
  };
  for (int document = 0; document < 60; ++document) {
    std::string text = R"({"status": "x")";
    const unsigned members = 20 + next(200);
    for (unsigned i = 0; i < members; ++i) {
      text += ", \"" + std::string(1, static_cast<char>('a' + next(12))) + "\": ";
      switch (next(4)) {
      case 0:
        text += R"({"b": 1, "b": "4111111111111111"})";
        break;
      case 1:
        text += R"({"response_body": {"c": 4111111111111111, "c": 2}})";
        break;
      default:
        text += "0";
      }
    }
    text += R"(, "type": 5, "response_body": {"d": "4111111111111111", "d": 1}})";
    const auto parsed = json::parse(text);
    REQUIRE(parsed.value);
    for (const std::size_t cap : {1, 2, 3, 5, 8, 13, 40}) {
      CAPTURE(text);
      CAPTURE(cap);
      CheckOptions all;
      all.max_findings = 0;
      if (document % 3 == 0) all.rules.set_enabled(Rule::FieldUnknown, false);
      Report expected = analyze(*parsed.value, text, all);
      cap_findings(cap, expected);
      CheckOptions options = all;
      options.max_findings = cap;
      const Report report = analyze(*parsed.value, text, options);
      REQUIRE(report.findings.size() == expected.findings.size());
      for (std::size_t i = 0; i < report.findings.size(); ++i) {
        CHECK(report.findings[i].rule == expected.findings[i].rule);
        CHECK(report.findings[i].position.offset == expected.findings[i].position.offset);
      }
      CHECK(report.omitted_errors == expected.omitted_errors);
      CHECK(report.omitted_warnings == expected.omitted_warnings);
    }
  }
}

TEST_CASE("a secret whose value is not JSON is hidden to the end of its line") {
  constexpr std::string_view text = "{\"token\": 'tok_live_abc123'}\n";
  const Report report = full_check(text);
  REQUIRE(report.redactions.size() == 1);
  const ByteRange range = report.redactions[0].range;
  CHECK(text.substr(range.begin, range.end - range.begin) == "'tok_live_abc123'}");
  // Not for a value that is complete, nor under a key that is no secret.
  CHECK(full_check(R"({"password": "hunter2",})").redactions.size() == 1);
  CHECK(full_check(R"({"name": 'x'})").redactions.empty());
}

TEST_CASE(
    "a secret cut short by a bad \\u escape is hidden from its start to the end of its line") {
  // Found by fuzz_redact: the reader stops before the bad digit, and the byte between its stop
  // and the error ("0") was shown after the "***".
  constexpr std::string_view text = "{\n  \"token\": \"\\u0\xd0\xc6"
                                    "b[q5m\\uj0ode\": \"E\"\n}\n";
  const Report report = full_check(text);
  CHECK_FALSE(report.is_json);
  std::vector<bool> hidden(text.size(), false);
  for (const auto &redaction : report.redactions) {
    for (std::size_t i = redaction.range.begin; i < redaction.range.end; ++i) hidden[i] = true;
  }
  const std::size_t value = text.find("\"\\u0");
  const std::size_t line_end = text.find('\n', value);
  for (std::size_t i = value; i < line_end; ++i) CHECK_MESSAGE(hidden[i], "byte ", i, " shown");
  CHECK_FALSE(hidden[line_end]);
}

TEST_CASE("only what the output needs: no positions, no redactions when asked") {
  constexpr std::string_view text = R"({"status": "failed", "token": "abc"})";
  CheckOptions options;
  options.locate = false;
  options.redact = false;
  const Report report = Checker().check(text, options);
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].position.offset == 11);
  CHECK(report.findings[0].position.line == 0);
  CHECK(report.redactions.empty());
  const Report full = Checker().check(text, CheckOptions{});
  CHECK(full.findings[0].position.line == 1);
  CHECK(full.redactions.size() == 1);
}
