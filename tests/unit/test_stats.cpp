// Totals over many documents: facts read from the checker's DOM, counts merged in order.
#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "core/session/stats.hpp"

using namespace pss;

namespace {

// Facts as inspect reads them: from what the checker made of the text.
SessionFacts read_checked(Checker &checker, std::string_view text) {
  (void)checker.check(text, {});
  SessionFacts facts;
  read_session_facts(checker.parsed(), text, facts);
  return facts;
}

constexpr std::string_view documents[] = {
    R"({"status":"succeeded","code":null,"status_code":200,"response_body":{"a":1,"b":[1,2]}})",
    R"({"status":"failed","code":"TIMEOUT","statusCode":504.0,"responseBody":{ "x" : {} } })",
    R"({"status":"failed","code":"TIMEOUT","status_code":504,"response_body":null})",
    R"({"status":"Failed","status":"failed","code":"E","status_code":123456789012345678901234})",
    R"([1,2])",
    R"({"status":)",
    R"({"status":"failed","code":"E","status_code":502,"response_body":{"\u0061":"4242424242424242"}})",
};

// Containers before, between and after the fields, numbers as written, whitespace, escapes.
constexpr std::string_view more_documents[] = {
    "{ \"extra\" : [1, {\"a\": [2, 3]}, []] , \"status_code\" : -5.04e2 ,\n"
    "  \"responseBody\" : { \"k\\n\\\"\" : {\"deep\":[{}]}, \"\\u00e9\":null } ,"
    " \"code\" : 12.50E+1, \"status\":{\"x\":1}, \"more\": {} }",
    R"({"status_code":18446744073709551615,"code":-9223372036854775808,"status":true,"response_body":{}})",
    R"({"status_code":1e2,"code":false,"status":[],"response_body":[{"a":1}]})",
    R"({"response_body":{"a":{"b":"}"}},"statusCode":"200","status_code":7})",
    R"({"status_code":0})",
    R"({})",
    R"("status")",
};

} // namespace

TEST_CASE("facts read from the checker's DOM equal those of the parsed tree") {
  Checker checker;
  std::vector<std::string_view> all(std::begin(documents), std::end(documents));
  all.insert(all.end(), std::begin(more_documents), std::end(more_documents));
  for (const auto text : all) {
    CAPTURE(text);
    const SessionFacts fast = read_checked(checker, text);
    const auto parsed = json::parse(text);
    const SessionFacts tree = parsed.value ? session_facts(*parsed.value) : SessionFacts{};
    CHECK(fast.object == tree.object);
    CHECK(fast.status == tree.status);
    CHECK(fast.code == tree.code);
    CHECK(fast.status_code == tree.status_code);
    CHECK(fast.body_object == tree.body_object);
    CHECK(fast.body_keys == tree.body_keys);
    CHECK(fast.body_bytes == tree.body_bytes);
  }
}

TEST_CASE("status_code keeps its literal and the first of duplicate fields counts") {
  Checker checker;
  const SessionFacts facts = read_checked(checker, documents[3]);
  CHECK(facts.status.text == "Failed");
  CHECK(facts.status_code.text == "123456789012345678901234");
  CHECK(read_checked(checker, documents[1]).status_code.text == "504.0");
  CHECK(read_checked(checker, documents[0]).body_keys == R"("a","b")");
  // Read from the DOM (simdjson parsed these): literals and extents from the source.
  const SessionFacts spaced = read_checked(checker, more_documents[0]);
  CHECK(checker.parsed().document != nullptr);
  CHECK(spaced.status_code.text == "-5.04e2");
  CHECK(spaced.code.text == "12.50E+1");
  CHECK(spaced.status.kind == json::Kind::Object);
  CHECK(spaced.body_keys == R"("k\n\"","é")");
  CHECK(spaced.body_bytes == 42);
  CHECK(read_checked(checker, more_documents[3]).status_code.text == "200");
}

TEST_CASE("the checker exposes simdjson's document only when simdjson parsed the text") {
  Checker checker;
  (void)checker.check(documents[0], {});
  CHECK(checker.parsed().document != nullptr);
  CHECK(checker.parsed().structurals.size() == 29); // ":" and "," included
  (void)checker.check(documents[3], {}); // an integer beyond 64 bits: simdjson refuses it
  CHECK(checker.parsed().document == nullptr);
  (void)checker.check(documents[5], {});
  CHECK(checker.parsed().document == nullptr);
}

TEST_CASE("totals merged job by job equal one sequential pass, whatever the split") {
  Checker checker;
  std::vector<Report> reports;
  std::vector<SessionFacts> facts;
  for (const auto text : documents) {
    const auto parsed = json::parse(text);
    reports.push_back(parsed.error ? report_parse_error(parsed, text)
                                   : analyze(*parsed.value, text, {}));
    facts.push_back(read_checked(checker, text));
  }
  const auto run = [&](std::size_t split, std::size_t limit) {
    Totals total(limit);
    Totals job(std::numeric_limits<std::size_t>::max());
    for (std::size_t i = 0; i < reports.size(); ++i) {
      if (i == split)
        total.merge(std::exchange(job, Totals(std::numeric_limits<std::size_t>::max())));
      job.add(reports[i], &facts[i], false, 0, Origin{i * 100, i + 1});
    }
    total.merge(job);
    return total;
  };
  for (const std::size_t limit : {std::size_t{2}, Totals::default_limit}) {
    const Totals one = run(0, limit);
    for (std::size_t split = 1; split < reports.size(); ++split) {
      CAPTURE(split);
      const Totals two = run(split, limit);
      CHECK(two.documents == one.documents);
      CHECK(two.valid == one.valid);
      CHECK(two.outcomes.entries().size() == one.outcomes.entries().size());
      CHECK(two.outcomes.other() == one.outcomes.other());
      CHECK(two.shapes.entries() == one.shapes.entries());
      CHECK(two.body_sizes.median() == one.body_sizes.median());
      for (std::size_t r = 0; r < rule_count; ++r) {
        CHECK(two.rules[r].findings == one.rules[r].findings);
        CHECK(two.rules[r].first.has_value() == one.rules[r].first.has_value());
        if (one.rules[r].first) CHECK(two.rules[r].first->line == one.rules[r].first->line);
      }
    }
  }
  const Totals all = run(0, 2);
  CHECK(all.documents == 7);
  CHECK(all.not_json == 1);
  CHECK(all.not_object == 1);
  CHECK(all.outcomes.entries().size() == 2);
  CHECK(all.outcomes.other() == 3);
}

TEST_CASE("the size histogram gives an exact lower median, also beyond 64 KiB") {
  SizeHistogram sizes;
  CHECK(sizes.median() == 0);
  for (const std::uint64_t size : {5, 1, 100000, 3, 70000}) sizes.add(size);
  CHECK(sizes.min() == 1);
  CHECK(sizes.median() == 5);
  CHECK(sizes.max() == 100000);
  sizes.add(80000);
  CHECK(sizes.median() == 5); // the 3rd of 6
  SizeHistogram more;
  more.add(90000, 3);
  sizes.merge(more);
  CHECK(sizes.count() == 9);
  CHECK(sizes.median() == 80000);
}
