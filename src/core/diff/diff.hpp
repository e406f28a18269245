// Comparing two JSON documents. The comparison walks both at once and reports neutral events
// (added, removed, changed, moved, with their paths as steps); two consumers turn them into
// values: the change list (for text and JSON reports) and the operations of an RFC 6902 JSON
// Patch (the only place that knows where an op applies once the ops before it are applied).
// No I/O: the CLI turns both into bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diff/compact.hpp"
#include "core/json/pointer.hpp"
#include "core/json/value.hpp"
#include "core/json/writer.hpp"

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

// --- the comparison and its events ---

// How two documents are matched. Meaning: what compare() reports (numbers by value, session
// fields whatever their spelling, --null-equals-missing and --array-key apply). Data: what a
// patch must reproduce (literals exact, arrays by position, a session field spelled differently
// in each document is the same member only when each uses one spelling of it); only --ignore
// applies.
enum class Reading : std::uint8_t { Meaning, Data };

// No index: the side of an item step that lacks the item.
inline constexpr std::size_t no_index = static_cast<std::size_t>(-1);

// One step down both documents: a member (its key in each; nullptr on the side that lacks it;
// the two keys differ only for a top-level session field spelled differently) or an array item
// (its 0-based index in each; for the side that lacks it, how many of that side's items come
// before it: where it would be; no_index in arrays paired by --array-key). `Key` is how the tree
// walked holds a key: std::string in a json::Value, a String node in a CompactDocument.
template <typename Key> struct BasicStep {
  const Key *old_key = nullptr;
  const Key *new_key = nullptr;
  std::size_t old_index = no_index;
  std::size_t new_index = no_index;
  bool in_old = true; // the old document has this member or item
  bool in_new = true; // the new document has it

  [[nodiscard]] bool is_item() const { return old_key == nullptr && new_key == nullptr; }
  // The key a person sees: the new document's when it has the member, else the old one's.
  [[nodiscard]] const Key &key() const { return new_key != nullptr ? *new_key : *old_key; }
};

// A step of the events: keys as std::string.
using Step = BasicStep<std::string>;

enum class EventKind : std::uint8_t {
  Added,      // the new document has a value the old one lacks
  Removed,    // the old document has a value the new one lacks
  Changed,    // both have a value and they differ (another kind, or another scalar)
  Moved,      // a top-level session field under another spelling: the same member (its changes, if
              // any, follow as events under the new key)
  Ignored,    // an array item only one side has, under an --ignore pattern: no difference
  ArrayStart, // the arrays at `path` are compared item by item: item events follow...
  ArrayEnd,   // ...until this one
};

struct Event {
  EventKind kind = EventKind::Changed;
  std::span<const Step> path;             // from the root; valid during the call only
  const json::Value *old_value = nullptr; // Removed, Changed, Moved
  const json::Value *new_value = nullptr; // Added, Changed, Moved
  bool secret = false; // under a key such as `token` or `cvv` (Redactor::is_secret)
};

// Receives the events of a comparison, in document order (the new document's order, then what
// only the old one has).
class EventSink {
public:
  virtual ~EventSink() = default;
  virtual void on(const Event &event) = 0;
};

// Walks `old_doc` and `new_doc` together and reports each difference to `sink`, read as
// `reading` says (objects by key whatever the order, the first of duplicate keys counting;
// arrays aligned by a longest common subsequence, or by --array-key; numbers by value unless
// exact). A null document stands for a missing one (a record only one side has): the event is
// then one Added or Removed of the whole other document, at the empty path. Costs: one pointer
// string, hash or map only for what differs; array alignment draws on options.comparison_budget.
void walk(const json::Value *old_doc, const json::Value *new_doc, const Options &options,
          Reading reading, EventSink &sink);

// The same walk over two compact documents (for large ones: a fraction of the memory): the same
// events, in the same order, as walk() reports for the json::Value trees of the same texts. Their
// values and keys are json::Value and std::string copies made for the call (valid during it only,
// offsets 0), so that every consumer takes either walk's events.
void walk(const CompactNode *old_doc, const CompactNode *new_doc, const Options &options,
          Reading reading, EventSink &sink);

// --- consumer: the change list ---

enum class Op : std::uint8_t { Add, Remove, Replace, Move };
[[nodiscard]] std::string_view op_name(Op op); // "add", "remove", "replace", "move"

struct Change {
  Op op = Op::Replace; // Add, Remove or Replace
  // Where the change shows: the new document's pointer (RFC 6901; a session field spelled as in
  // the new document when it has it), with an array index in the new document, or in the old
  // one for a removal.
  std::string path;
  std::string old_path;                   // the value's pointer in the old document
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
  std::vector<Rename> renames;
  [[nodiscard]] bool equal() const { return changes.empty(); }
};

// The renamed top-level session fields alone (the Moved events of Reading::Meaning, in their
// order), without comparing the values: what an output that names them first needs before the
// changes stream.
[[nodiscard]] std::vector<Rename> renames(const json::Value *old_doc, const json::Value *new_doc,
                                          const Options &options);
[[nodiscard]] std::vector<Rename> renames(const CompactNode *old_doc, const CompactNode *new_doc,
                                          const Options &options);

// What differs between two documents in meaning (Reading::Meaning), as a list. Values point into
// the documents.
[[nodiscard]] Diff compare(const json::Value *old_doc, const json::Value *new_doc,
                           const Options &options);

// The change list as a stream: each difference handed over as it is found, so that a large diff
// is written without being held. `on_change` gets each Change (its values valid during the call
// only), `on_rename` each Rename.
class ChangeStream final : public EventSink {
public:
  ChangeStream(std::function<void(const Change &)> on_change,
               std::function<void(const Rename &)> on_rename)
      : on_change_(std::move(on_change)), on_rename_(std::move(on_rename)) {}
  void on(const Event &event) override;

private:
  std::function<void(const Change &)> on_change_;
  std::function<void(const Rename &)> on_rename_;
};

// --- consumer: the JSON Patch builder ---

// One RFC 6902 operation (section 4): add, remove, replace or move.
struct PatchOp {
  Op op = Op::Replace;
  std::string path;                   // where it applies, once the ops before it are applied
  std::string from;                   // Move: where the value comes from
  const json::Value *value = nullptr; // Add, Replace
  bool secret = false;                // the value sits under a secret key (--redact masks it)
};

struct Patch {
  std::vector<PatchOp> changes; // in the order they apply
  [[nodiscard]] bool equal() const { return changes.empty(); }
};

// The ops of a JSON Patch turning `old_doc` into `new_doc` (Reading::Data): keys, number
// literals and array positions exact; a session field spelled differently is moved to the new
// spelling. Only `ignore` applies: ignored paths are left as they are in `old_doc`. Values point
// into the documents.
[[nodiscard]] Patch patch_changes(const json::Value *old_doc, const json::Value *new_doc,
                                  std::span<const PointerPattern> ignore);

// The JSON Patch builder as a stream (of a Reading::Data walk): each op handed to `on_op` as it
// is found (its value valid during the call only), at the path it applies at once the ops before
// it are applied. In an array being patched, the items before an op are already the new
// array's, except that an ignored old item stays (one more) and an ignored new item is not
// inserted (one fewer); removals do not shift what follows, since the new array lacks them.
class PatchStream final : public EventSink {
public:
  explicit PatchStream(std::function<void(const PatchOp &)> on_op) : on_op_(std::move(on_op)) {}
  void on(const Event &event) override;

private:
  // Ignored items so far in one array being walked.
  struct Shift {
    std::size_t kept = 0;    // old items left in place
    std::size_t skipped = 0; // new items not inserted
  };
  std::function<void(const PatchOp &)> on_op_;
  std::vector<Shift> arrays_; // one per array step of the path, outermost first

  [[nodiscard]] std::string patched_path(std::span<const Step> path) const;
};

// One op of a JSON Patch as an object, through `writer` (as write_patch writes each).
void write_patch_op(json::JsonWriter &writer, const PatchOp &op, bool redact);

// Writes a JSON Patch (an array of ops) through `writer`. With `redact`, values are masked as
// write_value masks them, and card numbers in pointers too.
void write_patch(json::JsonWriter &writer, std::span<const PatchOp> changes, bool redact);

// The text of a JSON Patch: one compact op a line inside [ ] (`pretty`), or all on one line.
[[nodiscard]] std::string patch_text(std::span<const PatchOp> changes, bool redact, bool pretty);

// --- values as text ---

// Writes `value` through `writer`: number literals as written, the first of duplicate keys.
// With `mask`, scalars under secret keys (every scalar of `value` when `secret`; containers keep
// their shape) become "***" and card numbers are masked (a number that holds one becomes a string).
void write_value(json::JsonWriter &writer, const json::Value &value, bool mask,
                 bool secret = false);

// The same, appended to `out` as compact JSON.
void append_value(std::string &out, const json::Value &value, bool mask, bool secret = false);

// A text that is the same for two values exactly when they are equal (keys sorted, first of
// duplicates, numbers normalised unless `exact_numbers`): to pair array items and records by key.
[[nodiscard]] std::string identity(const json::Value &value, bool exact_numbers);

} // namespace pss::diff
