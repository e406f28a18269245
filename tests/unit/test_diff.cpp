// diff: number equality, objects by key, array alignment, patterns, session spellings, and a
// property test that applies every emitted JSON Patch and checks it gives the second document.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/diff/align.hpp"
#include "core/diff/diff.hpp"
#include "core/diff/identical.hpp"
#include "core/json/pointer.hpp"
#include "core/json/value.hpp"

using namespace pss;

namespace {

json::Value parse(std::string_view text) {
  auto parsed = json::parse(text);
  REQUIRE_MESSAGE(!parsed.error, text);
  return std::move(*parsed.value);
}

diff::Diff compare(std::string_view a, std::string_view b, const diff::Options &options = {}) {
  const json::Value x = parse(a);
  const json::Value y = parse(b);
  diff::Diff d = diff::compare(&x, &y, options);
  // The values point into x and y: keep only what the tests read.
  for (auto &c : d.changes) c.old_value = c.new_value = nullptr;
  return d;
}

std::vector<std::string> shown(const diff::Diff &d) {
  std::vector<std::string> out;
  for (const auto &c : d.changes) out.push_back(std::string(diff::op_name(c.op)) + " " + c.path);
  return out;
}

PointerPattern pattern(std::string_view text) {
  std::string error;
  auto p = parse_pattern(text, error);
  REQUIRE_MESSAGE(p, error);
  return *p;
}

// --- a small RFC 6902 applier, independent of the diff code ---

json::Value *child(json::Value &parent, const std::string &token) {
  if (parent.kind == json::Kind::Object) {
    for (auto &m : parent.members) {
      if (m.key == token) return &m.value;
    }
    return nullptr;
  }
  if (parent.kind == json::Kind::Array) {
    const std::size_t i = std::stoul(token);
    return i < parent.items.size() ? &parent.items[i] : nullptr;
  }
  return nullptr;
}

// The container holding `path` and the last token; throws when the path does not exist.
json::Value &parent_of(json::Value &doc, const std::string &path, std::string &last) {
  std::vector<std::string> tokens;
  if (!split_pointer(path, tokens).empty() || tokens.empty()) throw std::runtime_error(path);
  last = tokens.back();
  json::Value *at = &doc;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    at = child(*at, tokens[i]);
    if (at == nullptr) throw std::runtime_error("no " + path);
  }
  return *at;
}

json::Value take(json::Value &doc, const std::string &path) {
  std::string last;
  json::Value &parent = parent_of(doc, path, last);
  json::Value out;
  if (parent.kind == json::Kind::Object) {
    const auto it = std::find_if(parent.members.begin(), parent.members.end(),
                                 [&](const json::Member &m) { return m.key == last; });
    if (it == parent.members.end()) throw std::runtime_error("remove: no " + path);
    out = std::move(it->value);
    parent.members.erase(it);
  } else {
    const std::size_t i = std::stoul(last);
    if (i >= parent.items.size()) throw std::runtime_error("remove: index " + path);
    out = std::move(parent.items[i]);
    parent.items.erase(parent.items.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return out;
}

void put(json::Value &doc, const std::string &path, json::Value value, bool replace) {
  if (path.empty()) {
    doc = std::move(value);
    return;
  }
  std::string last;
  json::Value &parent = parent_of(doc, path, last);
  if (parent.kind == json::Kind::Object) {
    json::Value *existing = child(parent, last);
    if (replace && existing == nullptr) throw std::runtime_error("replace: no " + path);
    if (existing != nullptr) {
      *existing = std::move(value);
    } else {
      parent.members.push_back(json::Member{last, 0, std::move(value)});
    }
    return;
  }
  if (parent.kind != json::Kind::Array) throw std::runtime_error("not a container: " + path);
  const std::size_t i = last == "-" ? parent.items.size() : std::stoul(last);
  if (replace) {
    if (i >= parent.items.size()) throw std::runtime_error("replace: index " + path);
    parent.items[i] = std::move(value);
  } else {
    if (i > parent.items.size()) throw std::runtime_error("add: index " + path);
    parent.items.insert(parent.items.begin() + static_cast<std::ptrdiff_t>(i), std::move(value));
  }
}

void apply_patch(json::Value &doc, std::string_view patch_text) {
  const json::Value patch = parse(patch_text);
  REQUIRE(patch.kind == json::Kind::Array);
  for (const auto &op : patch.items) {
    const std::string name = op.find("op")->text;
    const std::string path = op.find("path")->text;
    if (name == "add" || name == "replace") {
      put(doc, path, *op.find("value"), name == "replace");
    } else if (name == "remove") {
      (void)take(doc, path);
    } else if (name == "move") {
      json::Value moved = take(doc, op.find("from")->text);
      put(doc, path, std::move(moved), false);
    } else {
      FAIL("unknown op " << name);
    }
  }
}

// Structural equality with exact number literals; object members in any order.
bool exactly_equal(const json::Value &a, const json::Value &b) {
  if (a.kind != b.kind) return false;
  if (a.kind == json::Kind::Number || a.kind == json::Kind::String) return a.text == b.text;
  if (a.kind == json::Kind::Array) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
      if (!exactly_equal(a.items[i], b.items[i])) return false;
    }
    return true;
  }
  if (a.kind == json::Kind::Object) {
    if (a.members.size() != b.members.size()) return false;
    for (const auto &m : a.members) {
      const json::Value *other = b.find(m.key);
      if (other == nullptr || !exactly_equal(m.value, *other)) return false;
    }
  }
  return true;
}

std::string text_of(const json::Value &value) {
  std::string out;
  diff::append_value(out, value, false);
  return out;
}

// Applies the patch diff emits for (a, b) to a copy of a; the result must be b, exactly.
void check_patch_reproduces(const json::Value &a, const json::Value &b) {
  const std::string patch = diff::patch_text(diff::patch_changes(&a, &b, {}).changes, false, true);
  CAPTURE(text_of(a));
  CAPTURE(text_of(b));
  CAPTURE(patch);
  json::Value result = a;
  REQUIRE_NOTHROW(apply_patch(result, patch));
  CHECK(exactly_equal(result, b));
}

// --- a deterministic generator of documents and mutations ---

class Random {
public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }

private:
  std::uint64_t state_;
  std::uint64_t next() { // xorshift64*: the same sequence on every platform
    state_ ^= state_ >> 12, state_ ^= state_ << 25, state_ ^= state_ >> 27;
    return state_ * 2685821657736338717ULL;
  }
};

json::Value scalar(Random &r) {
  static const char *const numbers[] = {"0",
                                        "-0",
                                        "1",
                                        "1.0",
                                        "1e2",
                                        "100",
                                        "-3.25",
                                        "123456789012345678901234567890",
                                        "0.1000000000000000055"};
  static const char *const strings[] = {"a", "b", "", "x/y", "t~1", "\u00e9"};
  json::Value v;
  switch (r.below(5)) {
  case 0:
    v.kind = json::Kind::Null;
    break;
  case 1:
    v.kind = r.chance(50) ? json::Kind::True : json::Kind::False;
    break;
  case 2:
    v.kind = json::Kind::Number;
    v.text = numbers[r.below(std::size(numbers))];
    break;
  default:
    v.kind = json::Kind::String;
    v.text = strings[r.below(std::size(strings))];
    break;
  }
  return v;
}

std::string random_key(Random &r) {
  static const char *const keys[] = {"a", "b", "c", "id", "a/b", "m~n", "", "0", "-"};
  return keys[r.below(std::size(keys))];
}

void add_member(json::Value &object, std::string key, json::Value value) {
  for (auto &m : object.members) {
    if (m.key == key) return; // no duplicate keys: a patch cannot produce them
  }
  object.members.push_back(json::Member{std::move(key), 0, std::move(value)});
}

json::Value random_value(Random &r, int depth) {
  if (depth <= 0 || r.chance(40)) return scalar(r);
  json::Value v;
  const std::size_t size = r.below(5);
  if (r.chance(50)) {
    v.kind = json::Kind::Array;
    for (std::size_t i = 0; i < size; ++i) v.items.push_back(random_value(r, depth - 1));
  } else {
    v.kind = json::Kind::Object;
    for (std::size_t i = 0; i < size; ++i) add_member(v, random_key(r), random_value(r, depth - 1));
  }
  return v;
}

// A session-like document: some top-level fields in one spelling or the other, and a body.
json::Value random_session(Random &r) {
  json::Value doc;
  doc.kind = json::Kind::Object;
  const bool sdk = r.chance(50);
  if (r.chance(70)) add_member(doc, "status", scalar(r));
  if (r.chance(70)) add_member(doc, sdk ? "statusCode" : "status_code", scalar(r));
  if (r.chance(50)) add_member(doc, "code", scalar(r));
  add_member(doc, sdk ? "responseBody" : "response_body", random_value(r, 4));
  if (r.chance(30)) add_member(doc, random_key(r), random_value(r, 2));
  return doc;
}

// A container somewhere in `doc` (maybe doc itself), or nullptr.
json::Value *random_container(Random &r, json::Value &doc) {
  json::Value *at = &doc;
  json::Value *found = doc.is_scalar() ? nullptr : &doc;
  while (!at->is_scalar() && r.chance(60)) {
    const std::size_t n = at->kind == json::Kind::Array ? at->items.size() : at->members.size();
    if (n == 0) break;
    const std::size_t i = r.below(n);
    at = at->kind == json::Kind::Array ? &at->items[i] : &at->members[i].value;
    if (!at->is_scalar()) found = at;
  }
  return found;
}

void rename_field(json::Value &doc) {
  for (auto &m : doc.members) {
    if (m.key == "status_code") {
      m.key = "statusCode";
    } else if (m.key == "statusCode") {
      m.key = "status_code";
    } else if (m.key == "response_body") {
      m.key = "responseBody";
    } else if (m.key == "responseBody") {
      m.key = "response_body";
    }
  }
}

void mutate(Random &r, json::Value &doc) {
  json::Value *at = random_container(r, doc);
  if (at == nullptr) return;
  const std::size_t what = r.below(6);
  if (what == 5) return rename_field(doc);
  if (at->kind == json::Kind::Array) {
    auto &items = at->items;
    if (what <= 1 || items.empty()) {
      items.insert(items.begin() + static_cast<std::ptrdiff_t>(r.below(items.size() + 1)),
                   random_value(r, 2));
    } else if (what == 2) {
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(r.below(items.size())));
    } else {
      items[r.below(items.size())] = random_value(r, 2);
    }
    return;
  }
  auto &members = at->members;
  if (what <= 1 || members.empty()) {
    add_member(*at, random_key(r), random_value(r, 2));
  } else if (what == 2) {
    members.erase(members.begin() + static_cast<std::ptrdiff_t>(r.below(members.size())));
  } else if (what == 3) {
    std::reverse(members.begin(), members.end()); // a key reorder
  } else {
    members[r.below(members.size())].value = random_value(r, 2);
  }
}

// A copy of `doc` changed by one to four random mutations.
json::Value mutated(Random &r, const json::Value &doc) {
  json::Value out = doc;
  const std::size_t mutations = 1 + r.below(4);
  for (std::size_t k = 0; k < mutations; ++k) mutate(r, out);
  return out;
}

json::Value reordered(json::Value value) {
  std::reverse(value.members.begin(), value.members.end());
  for (auto &m : value.members) m.value = reordered(std::move(m.value));
  for (auto &item : value.items) item = reordered(std::move(item));
  return value;
}

} // namespace

TEST_CASE("--exact-numbers compares the literal text") {
  diff::Options exact;
  exact.exact_numbers = true;
  CHECK(compare(R"({"a":1})", R"({"a":1.0})").equal());
  CHECK(shown(compare(R"({"a":1})", R"({"a":1.0})", exact)) ==
        std::vector<std::string>{"replace /a"});
}

TEST_CASE("key order alone is no difference; the first of duplicate keys counts") {
  CHECK(compare(R"({"a":1,"b":{"x":[1,2],"y":null}})", R"({"b":{"y":null,"x":[1,2]},"a":1})")
            .equal());
  CHECK(compare(R"({"a":1,"a":2})", R"({"a":1})").equal());
  CHECK(shown(compare(R"({"a":1,"a":2})", R"({"a":2})")) == std::vector<std::string>{"replace /a"});
}

TEST_CASE("added, removed and replaced members are named by their pointer") {
  const auto d = compare(R"({"status_code":200,"code":"X","response_body":{"a/b":1}})",
                         R"({"status_code":502,"response_body":{"a/b":1,"n~":true}})");
  CHECK(shown(d) ==
        std::vector<std::string>{"replace /status_code", "add /response_body/n~0", "remove /code"});
}

TEST_CASE("an insertion into an array shows as one insertion, not a cascade of changes") {
  const auto d = compare(R"([1,2,3,4,5,6])", R"([1,2,99,3,4,5,6])");
  CHECK(shown(d) == std::vector<std::string>{"add /2"});
  CHECK(shown(compare(R"([1,2,3,4])", R"([1,3,4])")) == std::vector<std::string>{"remove /1"});
  CHECK(shown(compare(R"([{"id":1},{"id":2}])", R"([{"id":0},{"id":1},{"id":2}])")) ==
        std::vector<std::string>{"add /0"});
}

TEST_CASE("items between aligned ones are compared in depth, position by position") {
  const auto d = compare(R"([1,{"a":1,"b":2},3])", R"([1,{"a":1,"b":5},3])");
  CHECK(shown(d) == std::vector<std::string>{"replace /1/b"});
}

TEST_CASE("a removed item is named by its index in the old document") {
  const auto d = compare(R"([0,1,2,3])", R"([9,0,1,3])");
  CHECK(shown(d) == std::vector<std::string>{"add /0", "remove /2"});
  CHECK(d.changes[1].old_path == "/2");
}

TEST_CASE("the alignment is a longest common subsequence") {
  const std::string a = "ABCABBA";
  const std::string b = "CBABAC";
  const auto pairs =
      align(a.size(), b.size(), [&](std::size_t i, std::size_t j) { return a[i] == b[j]; });
  CHECK(pairs.size() == 4); // Myers' paper: the LCS of ABCABBA and CBABAC has length 4
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    CHECK(a[pairs[k].first] == b[pairs[k].second]);
    if (k > 0) CHECK(pairs[k].first > pairs[k - 1].first);
    if (k > 0) CHECK(pairs[k].second > pairs[k - 1].second);
  }
}

TEST_CASE("the alignment gives up minimality, not correctness, past its budget") {
  const auto pairs = align(
      50, 50, [](std::size_t i, std::size_t j) { return i % 7 == j % 5; }, 10);
  for (std::size_t k = 1; k < pairs.size(); ++k) CHECK(pairs[k].first > pairs[k - 1].first);
}

TEST_CASE("alignments draw on one budget: what one uses, the next does not get") {
  const auto same = [](std::size_t i, std::size_t j) { return i % 7 == j % 5; };
  std::size_t budget = 1000;
  (void)align_within(50, 50, same, budget);
  CHECK(budget < 1000);
  const std::size_t left = budget;
  (void)align_within(50, 50, same, budget);
  CHECK(budget < left);
  budget = 0;
  const auto pairs = align_within(50, 50, same, budget); // prefix and suffix only
  CHECK(budget == 0);
  for (std::size_t k = 1; k < pairs.size(); ++k) CHECK(pairs[k].first > pairs[k - 1].first);
}

TEST_CASE("--array-key matches items by a key field; order alone is no difference") {
  diff::Options options;
  options.array_keys.push_back(diff::ArrayKey{pattern("/response_body/items"), "id"});
  const std::string old_doc =
      R"({"response_body":{"items":[{"id":1,"v":"a"},{"id":2,"v":"b"},{"id":3,"v":"c"}]}})";
  const std::string new_doc =
      R"({"response_body":{"items":[{"id":3,"v":"c"},{"id":1,"v":"A"},{"id":4,"v":"d"}]}})";
  CHECK(shown(compare(old_doc, new_doc, options)) ==
        std::vector<std::string>{"replace /response_body/items/1/v", "add /response_body/items/2",
                                 "remove /response_body/items/1"});
  CHECK(compare(R"([{"id":1},{"id":2}])", R"([{"id":2},{"id":1}])",
                [] {
                  diff::Options o;
                  o.array_keys.push_back(diff::ArrayKey{pattern(""), "id"});
                  return o;
                }())
            .equal());
  CHECK_FALSE(compare(R"([{"id":1},{"id":2}])", R"([{"id":2},{"id":1}])").equal());
}

TEST_CASE("--array-key with * names arrays in every item of another array") {
  diff::Options options;
  options.array_keys.push_back(diff::ArrayKey{pattern("/response_body/*/lines"), "sku"});
  CHECK(compare(R"({"response_body":{"a":{"lines":[{"sku":"x"},{"sku":"y"}]}}})",
                R"({"response_body":{"a":{"lines":[{"sku":"y"},{"sku":"x"}]}}})", options)
            .equal());
}

TEST_CASE("--ignore skips a path and everything below it; * matches one segment") {
  diff::Options options;
  options.ignore.push_back(pattern("/response_body/sessionId"));
  options.ignore.push_back(pattern("/response_body/items/*/ts"));
  const auto d = compare(
      R"({"response_body":{"sessionId":"a","items":[{"ts":1,"v":1},{"ts":2,"v":2}]},"code":"A"})",
      R"({"response_body":{"sessionId":{"x":1},"items":[{"ts":5,"v":1},{"ts":6,"v":3}]},"code":"B"})",
      options);
  CHECK(shown(d) == std::vector<std::string>{"replace /response_body/items/1/v", "replace /code"});
}

TEST_CASE("--ignore matches a session field in either spelling") {
  diff::Options options;
  options.ignore.push_back(pattern("/statusCode"));
  CHECK(compare(R"({"status_code":200})", R"({"status_code":502})", options).equal());
  options.ignore = {pattern("/response_body/id")};
  CHECK(compare(R"({"responseBody":{"id":1}})", R"({"response_body":{"id":2}})", options).equal());
}

TEST_CASE("ignored items stay out of the array alignment") {
  diff::Options options;
  options.ignore.push_back(pattern("/*/ts"));
  CHECK(shown(compare(R"([{"ts":1,"v":1},{"ts":2,"v":2}])",
                      R"([{"ts":7,"v":0},{"ts":8,"v":1},{"ts":9,"v":2}])", options)) ==
        std::vector<std::string>{"add /0"});
}

TEST_CASE("a wire document and an SDK document with the same content are equal") {
  const auto d = compare(R"({"status":"failed","status_code":502,"response_body":{"a":1}})",
                         R"({"responseBody":{"a":1},"statusCode":502,"status":"failed"})");
  CHECK(d.equal());
  REQUIRE(d.renames.size() == 2);
  CHECK(d.renames[0].old_key == "response_body");
  CHECK(d.renames[0].new_key == "responseBody");
}

TEST_CASE("pointers use the new document's spelling, or the old one's for a field it lacks") {
  const auto d = compare(R"({"status_code":200,"response_body":{"a":1},"code":"X"})",
                         R"({"statusCode":502,"responseBody":{"a":2}})");
  CHECK(shown(d) ==
        std::vector<std::string>{"replace /statusCode", "replace /responseBody/a", "remove /code"});
  CHECK(d.changes[0].old_path == "/status_code");
}

TEST_CASE("session spellings matter only at the top level") {
  CHECK_FALSE(
      compare(R"({"response_body":{"status_code":1}})", R"({"response_body":{"statusCode":1}})")
          .equal());
}

TEST_CASE("--null-equals-missing: an absent nullable field equals null, at the top level") {
  diff::Options options;
  options.null_equals_missing = true;
  CHECK_FALSE(compare(R"({"status":"failed"})", R"({"status":"failed","code":null})").equal());
  CHECK(compare(R"({"status":"failed"})", R"({"status":"failed","code":null})", options).equal());
  CHECK(compare(R"({"statusCode":null,"response_body":null})", "{}", options).equal());
  // Not a nullable field, not at the top level, not against a value:
  CHECK_FALSE(compare(R"({"status":null})", "{}", options).equal());
  CHECK_FALSE(
      compare(R"({"response_body":{"code":null}})", R"({"response_body":{}})", options).equal());
  CHECK_FALSE(compare("{}", R"({"code":"X"})", options).equal());
}

TEST_CASE("secret values are flagged and masked; card numbers are masked") {
  const json::Value a =
      parse(R"({"response_body":{"card":{"cvv":"123","number":"4242424242424242"}}})");
  const json::Value b =
      parse(R"({"response_body":{"card":{"cvv":"456","number":"4000056655665556"}}})");
  const auto d = diff::compare(&a, &b, {});
  REQUIRE(d.changes.size() == 2);
  CHECK(d.changes[0].secret);
  CHECK_FALSE(d.changes[1].secret);
  std::string out;
  diff::append_value(out, a, true);
  CHECK(out == R"({"response_body":{"card":{"cvv":"***","number":"424242******4242"}}})");
  out.clear();
  diff::append_value(out, parse("4242424242424242"), true);
  CHECK(out == R"("424242******4242")");
}

TEST_CASE("a patch renames a field spelled differently with a move, then changes it") {
  const json::Value a = parse(R"({"status_code":200,"response_body":{"a":1}})");
  const json::Value b = parse(R"({"statusCode":502,"response_body":{"a":1}})");
  const auto d = diff::patch_changes(&a, &b, {});
  CHECK(diff::patch_text(d.changes, false, false) ==
        R"([{"op":"move","from":"/status_code","path":"/statusCode"},)"
        R"({"op":"replace","path":"/statusCode","value":502}])");
  check_patch_reproduces(a, b);
}

TEST_CASE("a patch keeps literals: 1.0 becomes 1 though they are equal in value") {
  const json::Value a = parse(R"({"a":1.0})");
  const json::Value b = parse(R"({"a":1})");
  CHECK(diff::compare(&a, &b, {}).equal());
  CHECK(diff::patch_changes(&a, &b, {}).changes.size() == 1);
}

TEST_CASE("a patch skips ignored paths") {
  const json::Value a = parse(R"({"id":1,"v":[1,2]})");
  const json::Value b = parse(R"({"id":2,"v":[0,1,2]})");
  const std::vector<PointerPattern> ignore{pattern("/id")};
  CHECK(diff::patch_text(diff::patch_changes(&a, &b, ignore).changes, false, false) ==
        R"([{"op":"add","path":"/v/0","value":0}])");
}

TEST_CASE("patches of array edits apply: removals and insertions in one gap") {
  for (const auto &[x, y] : std::vector<std::pair<const char *, const char *>>{
           {"[1,2,3,4,5]", "[5,4,3,2,1]"},
           {"[1,2,3]", "[]"},
           {"[]", "[1,2,3]"},
           {"[1,2,3,4,5,6]", "[0,2,7,8,9,5,6,1]"},
           {R"([[1,2],[3]])", R"([[3],[1,2],[4]])"}}) {
    check_patch_reproduces(parse(x), parse(y));
  }
}

TEST_CASE("property: the emitted patch turns the first document into the second, exactly") {
  Random r(20240601);
  for (int round = 0; round < 3000; ++round) {
    CAPTURE(round);
    const json::Value a = random_session(r);
    const json::Value b = mutated(r, a);
    check_patch_reproduces(a, b);
    check_patch_reproduces(b, a);
    CHECK(diff::compare(&a, &a, {}).equal());
    CHECK(diff::compare(&a, &b, {}).equal() == diff::compare(&b, &a, {}).equal());
    diff::Options exact;
    exact.exact_numbers = true;
    if (diff::patch_changes(&a, &b, {}).equal()) CHECK(diff::compare(&a, &b, exact).equal());
  }
}

TEST_CASE("property: a document equals itself and a copy with every object's keys reordered") {
  Random r(7);
  for (int round = 0; round < 500; ++round) {
    const json::Value a = random_session(r);
    const json::Value b = reordered(a);
    CAPTURE(text_of(a));
    CHECK(diff::compare(&a, &b, {}).equal());
    CHECK(diff::patch_changes(&a, &b, {}).equal());
  }
}

TEST_CASE("10,000-item arrays with a few insertions: one op per insertion") {
  std::string old_text = "[";
  for (int i = 0; i < 10000; ++i)
    old_text += (i ? "," : "") + std::string(R"({"id":)") + std::to_string(i) + "}";
  old_text += "]";
  const json::Value a = parse(old_text);
  json::Value b = a;
  Random r(42);
  const std::size_t insertions = 7;
  for (std::size_t k = 0; k < insertions; ++k) {
    json::Value item = parse(R"({"id":"new)" + std::to_string(k) + R"("})");
    b.items.insert(b.items.begin() + static_cast<std::ptrdiff_t>(r.below(b.items.size() + 1)),
                   std::move(item));
  }
  const auto started = std::chrono::steady_clock::now();
  const auto d = diff::patch_changes(&a, &b, {});
  const auto took = std::chrono::steady_clock::now() - started;
  MESSAGE("10,000 items, 7 insertions: "
          << std::chrono::duration_cast<std::chrono::microseconds>(took).count() << " us");
  CHECK(d.changes.size() == insertions);
  for (const auto &c : d.changes) CHECK(c.op == diff::Op::Add);
  CHECK(diff::compare(&a, &b, {}).changes.size() == insertions);
  check_patch_reproduces(a, b);
}

TEST_CASE("pointer patterns: RFC 6901 escapes, errors for a person") {
  std::vector<std::string> tokens;
  CHECK(split_pointer("/a~1b/m~0n/", tokens).empty());
  CHECK(tokens == std::vector<std::string>{"a/b", "m~n", ""});
  CHECK_FALSE(split_pointer("a/b", tokens).empty());
  CHECK_FALSE(split_pointer("/a~2", tokens).empty());
  CHECK(pattern("/statusCode/x").tokens == std::vector<std::string>{"status_code", "x"});
  const json::Value doc = parse(R"({"responseBody":{"id":[5,6]}})");
  const json::Value *found = resolve(doc, pattern("/response_body/id/1"));
  REQUIRE(found != nullptr);
  CHECK(found->text == "6");
  CHECK(resolve(doc, pattern("/response_body/id/01")) == nullptr);
}

TEST_CASE("identity is equal exactly for equal values") {
  CHECK(diff::identity(parse(R"({"b":1.0,"a":[1e2]})"), false) ==
        diff::identity(parse(R"({"a":[100],"b":1})"), false));
  CHECK(diff::identity(parse("1.0"), true) != diff::identity(parse("1"), true));
  CHECK(diff::identity(parse(R"("1")"), false) != diff::identity(parse("1"), false));
}

TEST_CASE("docs/diff.md names every option of diff and every output format") {
  std::ifstream in(std::string(PSS_DOCS_DIR) + "/diff.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  REQUIRE_FALSE(doc.empty());
  for (const auto option :
       {"--format", "--ignore", "--ignore-file", "--array-key", "--exact-numbers",
        "--null-equals-missing", "--lines", "--key", "--redact", "--color", "## Text format",
        "## JSON format", "## Patch format", "## JSON Lines", "## Exit status"}) {
    CAPTURE(option);
    CHECK(doc.find(option) != std::string::npos);
  }
}

// --- the walk's events and the identical-text shortcut ---

namespace {

// Each event as "kind old-path new-path", paths written from the steps: a key, or an index with
// "-" for the side that lacks the item.
struct Recorder final : diff::EventSink {
  std::vector<std::string> seen;
  void on(const diff::Event &e) override {
    static const char *const names[] = {"added",   "removed", "changed", "moved",
                                        "ignored", "start",   "end"};
    std::string line = names[static_cast<int>(e.kind)];
    for (const auto &step : e.path) {
      if (!step.is_item()) {
        line += " " + (step.old_key != nullptr ? *step.old_key : "-") + ">" +
                (step.new_key != nullptr ? *step.new_key : "-");
      } else {
        line += " [" + (step.in_old ? std::to_string(step.old_index) : "-") + ">" +
                (step.in_new ? std::to_string(step.new_index) : "-") + "]";
      }
    }
    seen.push_back(line);
  }
};

std::vector<std::string> events(std::string_view a, std::string_view b, diff::Reading reading,
                                const diff::Options &options = {}) {
  const json::Value x = parse(a);
  const json::Value y = parse(b);
  Recorder recorder;
  diff::walk(&x, &y, options, reading, recorder);
  return recorder.seen;
}

} // namespace

TEST_CASE("the walk reports differences as events whose paths are steps in both documents") {
  CHECK(events(R"({"status_code":200,"a":[1,2,3],"gone":1})",
               R"({"statusCode":502,"a":[0,1,3],"new":true})", diff::Reading::Meaning) ==
        std::vector<std::string>{"moved status_code>statusCode", "changed status_code>statusCode",
                                 "start a>a", "added a>a [->0]", "removed a>a [1>-]", "end a>a",
                                 "added ->new", "removed gone>-"});
  // Read as data, the field spelled differently in only one of them is not the same member.
  CHECK(events(R"({"status_code":1})", R"({"statusCode":1,"status_code":1})",
               diff::Reading::Data) == std::vector<std::string>{"added ->statusCode"});
  CHECK(events("[1]", "[1]", diff::Reading::Meaning) == std::vector<std::string>{"start", "end"});
}

TEST_CASE("ignored array items are events for the patch builder, not changes") {
  diff::Options options;
  options.ignore.push_back(pattern("/1"));
  CHECK(events("[1,2,3]", "[1]", diff::Reading::Data, options) ==
        std::vector<std::string>{"start", "ignored [1>-]", "removed [2>-]", "end"});
  const json::Value a = parse("[1,2,3,4]");
  const json::Value b = parse("[5]");
  // The ignored item stays in the patched array: the removals after it are one further on.
  CHECK(diff::patch_text(diff::patch_changes(&a, &b, options.ignore).changes, false, false) ==
        R"([{"op":"replace","path":"/0","value":5},{"op":"remove","path":"/2"},)"
        R"({"op":"remove","path":"/2"}])");
  CHECK(diff::compare(&a, &b, options).changes.size() == 3);
}

TEST_CASE("byte-identical texts are equal once simdjson validates them") {
  diff::IdenticalText identical;
  const std::string session = R"({"status":"failed","status_code":502})";
  CHECK(identical.equal(session, session));
  CHECK_FALSE(identical.equal(session, R"({"status":"failed","status_code":503})"));
  CHECK_FALSE(identical.equal(R"({"a":tru})", R"({"a":tru})"));       // not JSON
  CHECK_FALSE(identical.equal("\xef\xbb\xbf{}", "\xef\xbb\xbf{}"));   // a byte order mark
  CHECK_FALSE(identical.equal(R"({"a":"\xff"})", R"({"a":"\xff"})")); // not UTF-8
  // A number simdjson cannot hold: the located parser decides (it is JSON).
  const std::string big = R"({"amount":123456789012345678901234567890})";
  CHECK_FALSE(identical.equal(big, big));
  CHECK_FALSE(json::parse(big).error);
  // Padded by the caller: the same answer without a copy.
  std::string padded = session + std::string(64, ' ');
  const std::string_view text(padded.data(), session.size());
  CHECK(identical.equal(text, *json::PaddedView::within(padded, text)));
}

// --- the walk over compact documents ---

namespace {

// Each event with its values as text (only a difference's: a move's and an ignored item's are
// not copied by the compact walk).
struct ValueRecorder final : diff::EventSink {
  std::vector<std::string> seen;
  void on(const diff::Event &e) override {
    std::string line = std::to_string(static_cast<int>(e.kind));
    for (const auto &step : e.path) {
      if (!step.is_item()) {
        line += " " + (step.old_key != nullptr ? *step.old_key : "-") + ">" +
                (step.new_key != nullptr ? *step.new_key : "-");
      } else {
        line += " [" + std::to_string(step.old_index) + "," + std::to_string(step.new_index) +
                (step.in_old ? "o" : "") + (step.in_new ? "n" : "") + "]";
      }
    }
    const bool valued = e.kind == diff::EventKind::Added || e.kind == diff::EventKind::Removed ||
                        e.kind == diff::EventKind::Changed;
    if (valued && e.old_value != nullptr) line += " old=" + text_of(*e.old_value);
    if (valued && e.new_value != nullptr) line += " new=" + text_of(*e.new_value);
    if (e.secret) line += " secret";
    seen.push_back(line);
  }
};

// The events of both walks over the same two texts, and their renames, must be the same.
void check_walks_agree(std::string_view a, std::string_view b, const diff::Options &options) {
  CAPTURE(a);
  CAPTURE(b);
  const json::Value x = parse(a);
  const json::Value y = parse(b);
  const auto cx = diff::CompactDocument::parse(a);
  const auto cy = diff::CompactDocument::parse(b);
  REQUIRE(cx);
  REQUIRE(cy);
  for (const auto reading : {diff::Reading::Meaning, diff::Reading::Data}) {
    ValueRecorder from_values, from_compact;
    diff::walk(&x, &y, options, reading, from_values);
    diff::walk(&cx->root(), &cy->root(), options, reading, from_compact);
    CHECK(from_values.seen == from_compact.seen);
  }
  const auto renames = [](const std::vector<diff::Rename> &list) {
    std::vector<std::string> out;
    for (const auto &r : list) out.push_back(r.old_key + ">" + r.new_key);
    return out;
  };
  CHECK(renames(diff::renames(&x, &y, options)) == renames(diff::compare(&x, &y, options).renames));
  CHECK(renames(diff::renames(&cx->root(), &cy->root(), options)) ==
        renames(diff::compare(&x, &y, options).renames));
  // A missing side: one event of the whole other document.
  ValueRecorder added_values, added_compact;
  diff::walk(nullptr, &y, options, diff::Reading::Meaning, added_values);
  diff::walk(nullptr, &cy->root(), options, diff::Reading::Meaning, added_compact);
  CHECK(added_values.seen == added_compact.seen);
}

} // namespace

TEST_CASE("property: the walk over compact documents reports what the walk over trees does") {
  Random r(424242);
  diff::Options plain;
  diff::Options tuned;
  tuned.null_equals_missing = true;
  tuned.ignore.push_back(pattern("/response_body/*/a"));
  tuned.ignore.push_back(pattern("/responseBody/1"));
  tuned.array_keys.push_back(diff::ArrayKey{pattern("/response_body"), "id"});
  tuned.array_keys.push_back(diff::ArrayKey{pattern("/response_body/*"), "a"});
  diff::Options exact;
  exact.exact_numbers = true;
  exact.comparison_budget = 3;
  for (int round = 0; round < 1500; ++round) {
    CAPTURE(round);
    const json::Value a = random_session(r);
    const json::Value b = mutated(r, a);
    const std::string ta = text_of(a), tb = text_of(b);
    for (const auto *options : {&plain, &tuned, &exact}) check_walks_agree(ta, tb, *options);
  }
}

TEST_CASE("the compact walk: duplicate keys, escapes, secrets, whole documents") {
  const diff::Options none;
  check_walks_agree(R"({"a":1,"a":2,"b":"x"})", R"({"a":2,"b":"x\"y\u00e9\ud83d\ude00"})", none);
  check_walks_agree(R"({"token":"t1","card":{"cvv":"123"}})", R"({"token":"t2","card":{}})", none);
  check_walks_agree(R"({"status_code":200,"response_body":null})",
                    R"({"statusCode":502,"responseBody":{"k":[1,2,{"x":1e2}]}})", none);
  check_walks_agree("[1,[2,3],{\"a\":[]}]", "{\"a\":[1]}", none);
  check_walks_agree("\"a\\/b\"", "  \"a/b\"  ", none);
  check_walks_agree("[]", "[[],{},\"\",0,-0.0e+1,true,false,null]", none);
}

TEST_CASE("a compact document accepts exactly what json::parse accepts") {
  const std::string_view texts[] = {"",
                                    " ",
                                    "[1,]",
                                    "{\"a\":1,}",
                                    "// c\n{}",
                                    "[NaN]",
                                    "{'a': 1}",
                                    "[01]",
                                    "[1.]",
                                    "[1e]",
                                    "[-]",
                                    "[-Infinity]",
                                    "[1.5x]",
                                    "[1.2.3]",
                                    "\"\\uD800\"",
                                    "\"\\uDC00\"",
                                    "\"\\uD800\\u0041\"",
                                    "\"\\uD83D\\uDE00\"",
                                    "\"\xC0\xAF\"",
                                    "\"\xED\xA0\x80\"",
                                    "\"\xF4\x90\x80\x80\"",
                                    "\"\xE2\x82\"",
                                    "\"a\tb\"",
                                    "{} {}",
                                    "[tru]",
                                    "[truex]",
                                    "[nul]",
                                    "{\"a\" 1}",
                                    "\"abc",
                                    "\"\\x\"",
                                    "\"\\u12G4\"",
                                    "\"\\u12\"",
                                    "\xEF\xBB\xBF{}",
                                    "[1 2]",
                                    "{\"a\":1 \"b\":2}",
                                    "{\"a\"}",
                                    "{1:2}",
                                    "[",
                                    "]",
                                    "{",
                                    "}",
                                    "[[]",
                                    "[]]",
                                    "nulls",
                                    "-0",
                                    "0",
                                    "1E+2",
                                    "1e-0",
                                    "[\"\xE2\x82\xAC\", \"\\\\\", \"\\b\\f\\n\\r\\t\"]",
                                    "{\"\":{}}",
                                    "\t\r\n [ ] \n",
                                    "tru",
                                    "true",
                                    "falsey",
                                    "[true,false,null]"};
  for (const auto text : texts) {
    CAPTURE(text);
    const auto parsed = json::parse(text);
    const auto compact = diff::CompactDocument::parse(text);
    CHECK(compact.has_value() == !parsed.error.has_value());
    if (compact && !parsed.error)
      CHECK(text_of(diff::to_value(compact->root())) == text_of(*parsed.value));
  }
  // Nesting: json::max_depth levels are JSON, one more is not.
  for (const std::size_t depth : {json::max_depth, json::max_depth + 1}) {
    const std::string text = std::string(depth, '[') + std::string(depth, ']');
    CHECK(diff::CompactDocument::parse(text).has_value() == !json::parse(text).error.has_value());
  }
  // Moving the document keeps its decoded strings where its nodes point.
  auto doc = diff::CompactDocument::parse(R"(["\n"])");
  REQUIRE(doc);
  const diff::CompactDocument moved = std::move(*doc);
  CHECK(moved.root().item(0).text() == "\n");
  CHECK(moved.size() == 2);
}
