// Comparing two JSON documents: what changed, as values (for text and JSON reports) and as the
// operations of an RFC 6902 JSON Patch. No I/O: the CLI turns changes into bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/pointer.hpp"
#include "core/json/value.hpp"

namespace pss::diff {

// --array-key POINTER=KEY: the items of the arrays `array` names are matched by member `key`.
struct ArrayKey {
  PointerPattern array;
  std::string key;
};

struct Options {
  bool exact_numbers = false;       // compare number literals as text
  bool null_equals_missing = false; // an absent nullable session field equals null
  std::vector<PointerPattern> ignore;
  std::vector<ArrayKey> array_keys;
  // Item comparisons that aligning arrays may make, for the whole diff (every array pair draws
  // on it): past it, what is left of each array is paired by position (docs/diff.md).
  std::size_t comparison_budget = 50'000'000;
};

enum class Op : std::uint8_t { Add, Remove, Replace, Move };
[[nodiscard]] std::string_view op_name(Op op); // "add", "remove", "replace", "move"

struct Change {
  Op op = Op::Replace;
  // Where the change shows: the new document's pointer (a session field spelled as in the new
  // document when it has it), with an array index in the new document, or in the old one for a
  // removal.
  std::string path;
  std::string old_path;   // the value's pointer in the old document (Move: where it comes from)
  std::string patch_path; // where a patch op applies, after the ops before it (patch only)
  const json::Value *old_value = nullptr; // Remove, Replace
  const json::Value *new_value = nullptr; // Add, Replace
  bool secret = false;                    // under a key such as `token` or `cvv`
};

// A top-level session field found under a different spelling in each document.
struct Rename {
  std::string old_key;
  std::string new_key;
};

struct Diff {
  std::vector<Change> changes;
  std::vector<Rename> renames; // compare() only; a patch moves the key instead
  [[nodiscard]] bool equal() const { return changes.empty(); }
};

// What differs between two documents in meaning: objects by key whatever the order (the first
// of duplicate keys counts), arrays aligned by a longest common subsequence (or by --array-key),
// numbers by value unless `exact_numbers`, the five session fields at the top level whatever
// their spelling. A null document stands for a missing one (a record only one side has): the
// change is then one add or remove of the whole other document.
[[nodiscard]] Diff compare(const json::Value *old_doc, const json::Value *new_doc,
                           const Options &options);

// The changes of a JSON Patch turning `old_doc` into `new_doc` as JSON values: keys, number
// literals and array positions exact; a session field spelled differently is moved to the new
// spelling. Only `ignore` applies: ignored paths are left as they are in `old_doc`.
[[nodiscard]] Diff patch_changes(const json::Value *old_doc, const json::Value *new_doc,
                                 std::span<const PointerPattern> ignore);

// Appends `value` as compact JSON: number literals as written, the first of duplicate keys.
// With `mask`, values under secret keys (or all of it when `secret`) become "***" and card
// numbers are masked (a number that holds one becomes a string).
void append_value(std::string &out, const json::Value &value, bool mask, bool secret = false);

// The text of a JSON Patch: one op a line inside [ ] (`pretty`), or all on one line.
[[nodiscard]] std::string patch_text(std::span<const Change> changes, bool redact, bool pretty);

// A text that is the same for two values exactly when they are equal (keys sorted, first of
// duplicates, numbers normalised unless `exact_numbers`): to pair array items and records by key.
[[nodiscard]] std::string identity(const json::Value &value, bool exact_numbers);

} // namespace pss::diff
