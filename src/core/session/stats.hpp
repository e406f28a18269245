// Totals over many session documents: what `inspect` reports for a log or a folder, and what
// `check --statistics` counts per rule. Values in, values out: partial totals of consecutive
// runs of documents merge, in input order, into exactly the totals of one sequential pass.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/json/value.hpp"
#include "core/session/check.hpp"
#include "core/session/rules.hpp"

namespace pss {

// A session field's value as counted: absent, or its JSON kind and text (a string's decoded
// text, a number's literal exactly as written; "" for other kinds).
struct FieldValue {
  bool present = false;
  json::Kind kind = json::Kind::Null;
  std::string text;
  friend bool operator==(const FieldValue &, const FieldValue &) = default;
};

// What a document's session fields hold, as far as totals need it. The first value under each
// field counts (either spelling), as in inspect's per-document summary.
struct SessionFacts {
  bool object = false; // the document is JSON and its top level an object; nothing else is set
  FieldValue status;
  FieldValue code;
  FieldValue status_code;
  bool body_object = false; // response_body is an object: body_keys and body_bytes are set
  // Its shape: its top-level keys in document order, each a JSON string literal, joined by ','.
  std::string body_keys;
  std::size_t body_bytes = 0; // bytes of its JSON text, as written
};

// Reads SessionFacts of `text` from what the checker made of it: `parsed` is Checker::parsed()
// right after Checker::check(text, ...). The fields' values come from simdjson's DOM; the source
// is read only for number literals (kept exactly as written) and response_body's extent, found
// through the structural index, so the document is not parsed again. Text that simdjson did not
// parse (parsed.document null) is read by json::parse instead; text that is not JSON leaves
// facts.object false. Overwrites `facts`, reusing its strings.
void read_session_facts(const Checker::Parsed &parsed, std::string_view text, SessionFacts &facts);

// The same facts from a parsed tree.
[[nodiscard]] SessionFacts session_facts(const json::Value &root);

// Where a rule was first seen: the caller's number for the input (a file), and the position in
// it (1-based line and column).
struct FirstSeen {
  std::size_t input = 0;
  std::size_t line = 0;
  std::size_t column = 0;
};

struct RuleTotal {
  std::uint64_t findings = 0;
  std::uint64_t documents = 0; // documents with at least one finding of the rule
  std::optional<FirstSeen> first;
};

// Counts keyed by values, kept in the order each value was first seen. At most `limit` distinct
// values are kept; later new values are counted in `other`, so memory stays bounded whatever the
// input holds.
template <typename Key> class Counter {
public:
  explicit Counter(std::size_t limit) : limit_(limit) {}
  // Counts once the value whose unique encoding is `id` (the hash map's key); `make_key()` gives
  // the value itself, called only when it is new, so that counting a known value copies nothing.
  template <typename MakeKey>
  void add(std::string_view id, const MakeKey &make_key, std::uint64_t count = 1) {
    if (const auto at = index_.find(id); at != index_.end()) {
      entries_[at->second].second += count;
    } else if (entries_.size() < limit_) {
      index_.emplace(std::string(id), entries_.size());
      entries_.emplace_back(make_key(), count);
    } else {
      other_ += count;
    }
  }
  // Adds the counts of a later run of documents (whose own counter had no limit reached).
  void merge(const Counter &later) {
    for (const auto &[id, index] : later.ordered_ids()) {
      const auto &entry = later.entries_[index];
      add(
          *id, [&] { return entry.first; }, entry.second);
    }
    other_ += later.other_;
  }
  [[nodiscard]] const std::vector<std::pair<Key, std::uint64_t>> &entries() const {
    return entries_;
  }
  [[nodiscard]] std::uint64_t other() const { return other_; } // counts of values not kept

private:
  // Looks ids up by string_view: no string is built to find a known value.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const noexcept {
      return std::hash<std::string_view>{}(id);
    }
  };
  std::size_t limit_;
  std::vector<std::pair<Key, std::uint64_t>> entries_; // first-seen order
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
  std::uint64_t other_ = 0;

  [[nodiscard]] std::vector<std::pair<const std::string *, std::size_t>> ordered_ids() const {
    std::vector<std::pair<const std::string *, std::size_t>> ids(entries_.size());
    for (const auto &[id, index] : index_) ids[index] = {&id, index};
    return ids;
  }
};

// response_body sizes, exactly: one count per size (bytes) below 64 KiB in a vector as long as
// the largest such size seen, and a map for larger sizes (each of which took 64 KiB of input),
// so the median is exact in at most 512 KiB plus a few bytes per 64 KiB of input.
class SizeHistogram {
public:
  void add(std::uint64_t size, std::uint64_t count = 1);
  void merge(const SizeHistogram &other);
  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] std::uint64_t min() const; // 0 when empty
  [[nodiscard]] std::uint64_t max() const;
  // The lower median: the ceil(count/2)-th smallest size; 0 when empty.
  [[nodiscard]] std::uint64_t median() const;

private:
  static constexpr std::uint64_t dense_limit = 65536;
  std::vector<std::uint64_t> dense_;
  std::map<std::uint64_t, std::uint64_t> sparse_;
  std::uint64_t count_ = 0;
  [[nodiscard]] std::uint64_t nth(std::uint64_t n) const; // 1-based
};

// A status x status_code x code combination.
struct Outcome {
  FieldValue status;
  FieldValue status_code;
  FieldValue code;
};

// Totals of a run of documents.
class Totals {
public:
  // Distinct values kept per table (outcomes, codes, shapes) before the rest count as other.
  static constexpr std::size_t default_limit = 10000;
  explicit Totals(std::size_t limit = default_limit);

  // Counts one checked document. `facts` may be null (check --statistics needs none); `strict`
  // decides validity as Report::valid does; `input` and `origin` locate its findings in a file.
  void add(const Report &report, const SessionFacts *facts, bool strict, std::size_t input,
           Origin origin);
  // Adds the totals of the documents that came after these, in input order. `later` must have
  // been built with no limit reached (a bounded run of documents: a job).
  void merge(const Totals &later);

  std::uint64_t documents = 0;
  std::uint64_t valid = 0;
  std::uint64_t not_json = 0;            // json.syntax or json.depth: nothing else known
  std::uint64_t not_object = 0;          // JSON, but not an object
  std::array<std::uint64_t, 4> naming{}; // by DetectedNaming, documents that are objects
  std::array<RuleTotal, rule_count> rules{};
  Counter<Outcome> outcomes;
  Counter<FieldValue> codes; // non-null codes only
  Counter<std::string> shapes;
  SizeHistogram body_sizes;
  std::uint64_t body_absent = 0; // objects without a response_body (or one that is null)

  [[nodiscard]] std::uint64_t invalid() const { return documents - valid; }
  // The most frequent codes, most frequent first (ties: first seen first); at most `n`.
  [[nodiscard]] std::vector<std::pair<FieldValue, std::uint64_t>> top_codes(std::size_t n) const;

private:
  std::string id_; // the outcome's encoding, reused from document to document
};

} // namespace pss
