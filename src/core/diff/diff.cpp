// The diff: one walk over both documents (numbers by value, objects by key, arrays aligned by
// Myers' algorithm) reporting neutral events, and its two consumers: the change list and the
// JSON Patch builder, which computes the indices ops apply at.
#include "core/diff/diff.hpp"

#include <algorithm>
#include <charconv>
#include <deque>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "core/diff/align.hpp"
#include "core/json/number.hpp"
#include "core/json/text.hpp"
#include "core/privacy/redactor.hpp"
#include "core/session/fields.hpp"

namespace pss::diff {
namespace {

// FNV-1a, enough to tell array items apart quickly before comparing them in full.
struct Hash {
  std::uint64_t value = 1469598103934665603ULL;
  void add(std::string_view bytes) {
    for (const char c : bytes) value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    add_word(bytes.size());
  }
  void add_word(std::uint64_t word) {
    for (int i = 0; i < 8; ++i) value = (value ^ ((word >> (8 * i)) & 0xFF)) * 1099511628211ULL;
  }
};

// How the walk reads a tree: json::Value (the located tree), or a CompactDocument's nodes.
struct ValueTree {
  using Node = json::Value;
  using Key = std::string;             // a member's key, as a step points to it
  using Member = const json::Member *; // a member, for the stacks of members
  static json::Kind kind(const Node &v) { return v.kind; }
  static std::string_view text(const Node &v) { return v.text; }
  static std::size_t items(const Node &v) { return v.items.size(); }
  static const Node &item(const Node &v, std::size_t i) { return v.items[i]; }
  static std::size_t members(const Node &v) { return v.members.size(); }
  static Member member(const Node &v, std::size_t i) { return &v.members[i]; }
  static const Key &key(Member m) { return m->key; }
  static const Node &value(Member m) { return m->value; }
  static const Node *find(const Node &v, std::string_view key) { return v.find(key); }
};

struct CompactTree {
  using Node = CompactNode;
  using Key = CompactNode;            // the String node of the key
  using Member = const CompactNode *; // the key node; the value node follows it
  static json::Kind kind(const Node &v) { return v.kind(); }
  static std::string_view text(const Node &v) { return v.text(); }
  static std::size_t items(const Node &v) { return v.kind() == json::Kind::Array ? v.size() : 0; }
  static const Node &item(const Node &v, std::size_t i) { return v.item(i); }
  static std::size_t members(const Node &v) {
    return v.kind() == json::Kind::Object ? v.size() : 0;
  }
  static Member member(const Node &v, std::size_t i) { return &v.key(i); }
  static const Key &key(Member m) { return *m; }
  static const Node &value(Member m) { return m[1]; }
  static const Node *find(const Node &v, std::string_view key) { return v.find(key); }
};

std::string_view key_text(const std::string &key) {
  return key;
}
std::string_view key_text(const CompactNode &key) {
  return key.text();
}

// Adds to `h` what digest() adds for Decimal::of(literal) (negative, digits, exponent,
// by_literal) when `literal` is an integer (-?(0|[1-9][0-9]*)), without building the Decimal: an
// array of integers is hashed without an allocation per item. False for any other literal.
bool add_integer(Hash &h, std::string_view literal) {
  const bool minus = !literal.empty() && literal[0] == '-';
  std::string_view digits = literal.substr(minus ? 1 : 0);
  if (digits.empty() || digits.size() > 18) return false;
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  if (digits == "0") {
    h.add_word(0), h.add(""), h.add_word(0), h.add_word(0);
    return true;
  }
  if (digits[0] == '0') return false;
  const std::size_t end = digits.find_last_not_of('0') + 1;
  h.add_word(minus ? 1 : 0), h.add(digits.substr(0, end));
  h.add_word(digits.size() - end), h.add_word(0);
  return true;
}

// An integer literal: -?(0|[1-9][0-9]*).
bool is_integer(std::string_view literal) {
  if (!literal.empty() && literal[0] == '-') literal.remove_prefix(1);
  if (literal.empty() || (literal[0] == '0' && literal.size() > 1)) return false;
  return std::all_of(literal.begin(), literal.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool is_zero(std::string_view integer) {
  return integer == "0" || integer == "-0";
}

// Objects up to this many members are searched pairwise: cheaper than hashing their keys.
constexpr std::size_t small_object = 16;

// Appends to `out` the members that count in `object`: the first of each key (like obj["k"]),
// `key_of` saying which keys are one (session fields in either spelling), in document order.
template <typename T, typename KeyOf>
void first_of_each_key(const typename T::Node &object, const KeyOf &key_of,
                       std::vector<typename T::Member> &out) {
  const std::size_t start = out.size();
  const std::size_t count = T::members(object);
  if (count <= small_object) {
    for (std::size_t m = 0; m < count; ++m) {
      const typename T::Member member = T::member(object, m);
      const std::string_view key = key_of(key_text(T::key(member)));
      bool seen = false;
      for (std::size_t i = start; i < out.size() && !seen; ++i) {
        seen = key_of(key_text(T::key(out[i]))) == key;
      }
      if (!seen) out.push_back(member);
    }
    return;
  }
  std::unordered_set<std::string_view> seen;
  seen.reserve(count);
  for (std::size_t m = 0; m < count; ++m) {
    const typename T::Member member = T::member(object, m);
    if (seen.insert(key_of(key_text(T::key(member)))).second) out.push_back(member);
  }
}

constexpr auto same_key = [](std::string_view key) { return key; };

// Finds members by key among `count` members that count (unique keys) from `start` in `list`:
// the same position first (objects compared usually list their keys in the same order), then a
// scan, or a hash map built once for a large object. Positions, not pointers, into `list`: it
// grows while the walk goes deeper.
template <typename T, typename KeyOf> class MemberIndex {
public:
  MemberIndex(const std::vector<typename T::Member> &list, std::size_t start, std::size_t count,
              const KeyOf &key_of)
      : list_(list), start_(start), count_(count), key_of_(key_of) {}

  // The position (from `start`) of the member of key `key` (as key_of names it), or no_index.
  [[nodiscard]] std::size_t find(std::string_view key, std::size_t hint) {
    if (hint < count_ && key_of_(at(hint)) == key) return hint;
    if (count_ <= small_object) {
      for (std::size_t i = 0; i < count_; ++i) {
        if (key_of_(at(i)) == key) return i;
      }
      return no_index;
    }
    if (by_key_.empty()) {
      by_key_.reserve(count_);
      for (std::size_t i = 0; i < count_; ++i) by_key_.emplace(key_of_(at(i)), i);
    }
    const auto it = by_key_.find(key);
    return it == by_key_.end() ? no_index : it->second;
  }

private:
  const std::vector<typename T::Member> &list_;
  std::size_t start_, count_;
  const KeyOf &key_of_;
  std::unordered_map<std::string_view, std::size_t> by_key_;

  // The key of the i-th member, as key_of names it.
  [[nodiscard]] std::string_view at(std::size_t i) const {
    return key_of_(key_text(T::key(list_[start_ + i])));
  }
};

// An array index as a pointer token ("0", "12").
struct IndexText {
  char bytes[24];
  std::size_t size;
  explicit IndexText(std::size_t index) {
    size = static_cast<std::size_t>(std::to_chars(bytes, bytes + sizeof bytes, index).ptr - bytes);
  }
  [[nodiscard]] std::string_view view() const { return {bytes, size}; }
};

// True when `pattern` names exactly `path`: a member step by its key (the first one canonical, as
// the pattern's is), an item step by its index; `*` matches either. An item step with no index on
// either side (an item being aligned) matches only `*`.
template <typename Key>
bool matches(const PointerPattern &pattern, std::span<const BasicStep<Key>> path) {
  if (pattern.tokens.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string &want = pattern.tokens[i];
    if (want == "*") continue;
    const BasicStep<Key> &step = path[i];
    if (!step.is_item()) {
      const std::string_view key =
          i == 0 ? canonical_field_key(key_text(step.key())) : key_text(step.key());
      if (want != key) return false;
      continue;
    }
    const std::size_t index = step.in_new ? step.new_index : step.old_index;
    if (index == no_index || want != IndexText(index).view()) return false;
  }
  return true;
}

template <typename T>
void append_identity(std::string &out, const typename T::Node &value, bool exact_numbers);

// Walks two documents side by side and reports their differences as events. `shallow`: only the
// top-level members are paired (for the renamed fields), no value is compared.
template <typename T> class Walker {
public:
  using Node = typename T::Node;
  using Member = typename T::Member;
  using TreeStep = BasicStep<typename T::Key>;

  Walker(const Options &options, Reading reading, EventSink &sink, bool shallow = false)
      : options_(options), data_(reading == Reading::Data), exact_(options.exact_numbers || data_),
        shallow_(shallow), sink_(sink), budget_(options.comparison_budget) {}

  void run(const Node &a, const Node &b) {
    if (ignored()) return;
    if (T::kind(a) == json::Kind::Object && T::kind(b) == json::Kind::Object) {
      if (data_) find_moved_fields(a, b);
      compare_members(a, b, true);
    } else if (!shallow_) {
      compare_values(a, b);
    }
  }

private:
  const Options &options_;
  bool data_;
  bool exact_;
  bool shallow_;
  EventSink &sink_;
  std::size_t budget_;                   // item comparisons left for this diff's alignments
  std::vector<TreeStep> path_;           // where the walk is, in both documents
  std::vector<const FieldSpec *> moved_; // Data: fields renamed from one spelling to the other
  std::vector<Member> members_;          // a stack of the members that count, per object
  std::vector<bool> taken_;              // a stack: old members paired with a new one
  // CompactTree: the event's path with its keys as std::string (Step), and its values copied.
  std::vector<Step> shown_path_;
  std::vector<std::string> shown_keys_;

  // One step down, undone when it goes out of scope.
  class Enter {
  public:
    Enter(Walker &w, const TreeStep &step) : w_(w) { w.path_.push_back(step); }
    ~Enter() { w_.path_.pop_back(); }
    Enter(const Enter &) = delete;
    Enter &operator=(const Enter &) = delete;

  private:
    Walker &w_;
  };

  // Scratch space taken from a stack for the time of one object, given back when it ends.
  template <typename Item> class Scratch {
  public:
    explicit Scratch(std::vector<Item> &stack) : stack_(stack), start_(stack.size()) {}
    ~Scratch() { stack_.resize(start_); }
    Scratch(const Scratch &) = delete;
    Scratch &operator=(const Scratch &) = delete;

  private:
    std::vector<Item> &stack_;
    std::size_t start_;
  };

  static TreeStep member(Member old_member, Member new_member) {
    return TreeStep{old_member != nullptr ? &T::key(old_member) : nullptr,
                    new_member != nullptr ? &T::key(new_member) : nullptr,
                    no_index,
                    no_index,
                    old_member != nullptr,
                    new_member != nullptr};
  }
  static TreeStep item(std::size_t old_index, std::size_t new_index, bool in_old, bool in_new) {
    return TreeStep{nullptr, nullptr, old_index, new_index, in_old, in_new};
  }

  [[nodiscard]] bool matches_path(const PointerPattern &pattern) const {
    return matches(pattern, std::span<const TreeStep>(path_));
  }

  [[nodiscard]] bool ignored() const {
    return std::any_of(options_.ignore.begin(), options_.ignore.end(),
                       [&](const PointerPattern &p) { return matches_path(p); });
  }

  [[nodiscard]] const ArrayKey *array_key() const {
    if (data_) return nullptr; // a patch moves items by position
    for (const auto &key : options_.array_keys) {
      if (matches_path(key.array)) return &key;
    }
    return nullptr;
  }

  // Any key on the path is a secret one: worked out only for a difference.
  [[nodiscard]] bool secret_path() const {
    return std::any_of(path_.begin(), path_.end(), [](const TreeStep &s) {
      return !s.is_item() && Redactor::is_secret(key_text(s.key()));
    });
  }

  void emit(EventKind kind, const Node *a = nullptr, const Node *b = nullptr) {
    const bool with_value =
        kind != EventKind::ArrayStart && kind != EventKind::ArrayEnd && kind != EventKind::Ignored;
    const bool secret = with_value && secret_path();
    if constexpr (std::is_same_v<T, ValueTree>) {
      sink_.on(Event{kind, path_, a, b, secret});
    } else {
      // The keys as strings, then the values as trees, for the time of the call; only the
      // differences' values (a move's or an ignored item's are for nobody to show).
      shown_keys_.resize(2 * path_.size());
      shown_path_.clear();
      for (std::size_t i = 0; i < path_.size(); ++i) {
        const TreeStep &s = path_[i];
        Step shown{nullptr, nullptr, s.old_index, s.new_index, s.in_old, s.in_new};
        if (s.old_key != nullptr) shown.old_key = &shown_keys_[2 * i].assign(s.old_key->text());
        if (s.new_key != nullptr) shown.new_key = &shown_keys_[2 * i + 1].assign(s.new_key->text());
        shown_path_.push_back(shown);
      }
      const bool copied =
          kind == EventKind::Added || kind == EventKind::Removed || kind == EventKind::Changed;
      std::optional<json::Value> old_value, new_value;
      if (copied && a != nullptr) old_value = to_value(*a);
      if (copied && b != nullptr) new_value = to_value(*b);
      sink_.on(Event{kind, shown_path_, old_value ? &*old_value : nullptr,
                     new_value ? &*new_value : nullptr, secret});
    }
  }

  [[nodiscard]] bool same_number(std::string_view a, std::string_view b) const {
    if (exact_ || a == b) return a == b;
    // Two integers written without leading zeros are equal only as the same text, or as zeros.
    if (is_integer(a) && is_integer(b)) return is_zero(a) && is_zero(b);
    return numbers_equal(a, b);
  }

  void compare_values(const Node &a, const Node &b) {
    if (T::kind(a) != T::kind(b)) return emit(EventKind::Changed, &a, &b);
    switch (T::kind(a)) {
    case json::Kind::Object:
      return compare_members(a, b, false);
    case json::Kind::Array:
      return compare_arrays(a, b);
    case json::Kind::Number:
      if (!same_number(T::text(a), T::text(b))) emit(EventKind::Changed, &a, &b);
      return;
    case json::Kind::String:
      if (T::text(a) != T::text(b)) emit(EventKind::Changed, &a, &b);
      return;
    default:
      return;
    }
  }

  // --- objects ---

  // Data: a field is one member under two spellings only when each document uses one spelling
  // of it, not the same one.
  void find_moved_fields(const Node &a, const Node &b) {
    const auto spellings = [](const Node &object, const FieldSpec &field) {
      bool wire = false, sdk = false;
      for (std::size_t m = 0; m < T::members(object); ++m) {
        const std::string_view key = key_text(T::key(T::member(object, m)));
        wire = wire || key == field.wire;
        sdk = sdk || key == field.sdk;
      }
      return std::pair{wire, sdk};
    };
    for (const auto &field : fields()) {
      if (!field.has_two_spellings()) continue;
      const auto [old_wire, old_sdk] = spellings(a, field);
      const auto [new_wire, new_sdk] = spellings(b, field);
      if (old_wire != old_sdk && new_wire != new_sdk && old_wire != new_wire) {
        moved_.push_back(&field);
      }
    }
  }

  // The key two top-level members are matched by.
  [[nodiscard]] std::string_view top_key(std::string_view key) const {
    if (!data_) return canonical_field_key(key);
    const FieldSpec *field = find_field(key).field;
    const bool moved = std::find(moved_.begin(), moved_.end(), field) != moved_.end();
    return moved ? field->wire : key;
  }

  // --null-equals-missing: this member, absent on the other side, counts as no change.
  [[nodiscard]] bool absent_counts_as_null(Member member, bool top) const {
    if (data_ || !top || !options_.null_equals_missing) return false;
    const FieldSpec *field = find_field(key_text(T::key(member))).field;
    return field != nullptr && field->nullable && T::kind(T::value(member)) == json::Kind::Null;
  }

  void compare_members(const Node &a, const Node &b, bool top) {
    if (top) {
      const auto key_of = [this](std::string_view key) { return top_key(key); };
      return pair_members(a, b, key_of, true);
    }
    pair_members(a, b, same_key, false);
  }

  template <typename KeyOf>
  void pair_members(const Node &a, const Node &b, const KeyOf &key_of, bool top) {
    const Scratch<Member> members(members_);
    const Scratch<bool> taken(taken_);
    const std::size_t olds = members_.size();
    first_of_each_key<T>(a, key_of, members_);
    const std::size_t news = members_.size();
    first_of_each_key<T>(b, key_of, members_);
    const std::size_t end = members_.size();
    const std::size_t taken_at = taken_.size();
    taken_.resize(taken_at + (news - olds), false);
    MemberIndex<T, KeyOf> index(members_, olds, news - olds, key_of);
    for (std::size_t k = news; k < end; ++k) {
      const Member nm = members_[k];
      const std::size_t i = index.find(key_of(key_text(T::key(nm))), k - news);
      const Member om = i == no_index ? nullptr : members_[olds + i];
      if (om != nullptr) taken_[taken_at + i] = true;
      const Enter step(*this, member(om, nm));
      if (ignored()) continue;
      if (om == nullptr) {
        if (!shallow_ && !absent_counts_as_null(nm, top)) {
          emit(EventKind::Added, nullptr, &T::value(nm));
        }
        continue;
      }
      if (key_text(T::key(om)) != key_text(T::key(nm))) {
        emit(EventKind::Moved, &T::value(om), &T::value(nm));
      }
      if (!shallow_) compare_values(T::value(om), T::value(nm));
    }
    if (shallow_) return;
    for (std::size_t k = olds; k < news; ++k) {
      if (taken_[taken_at + (k - olds)]) continue;
      const Member om = members_[k];
      const Enter step(*this, member(om, nullptr));
      if (ignored() || absent_counts_as_null(om, top)) continue;
      emit(EventKind::Removed, &T::value(om), nullptr);
    }
  }

  // --- arrays ---

  void compare_arrays(const Node &a, const Node &b) {
    emit(EventKind::ArrayStart);
    if (const ArrayKey *key = array_key()) {
      compare_keyed(a, b, key->key);
    } else {
      const auto matched = align_items(a, b);
      Cursor at;
      for (const auto &[i, j] : matched) {
        fill_gap(a, b, at, i, j);
        ++at.old_index, ++at.new_index; // an equal item: no difference
      }
      fill_gap(a, b, at, T::items(a), T::items(b));
    }
    emit(EventKind::ArrayEnd);
  }

  struct Cursor {
    std::size_t old_index = 0, new_index = 0;
  };

  // The items between two aligned ones: paired by position (and compared in depth), then the
  // old ones left over are removed, or the new ones left over are added.
  void fill_gap(const Node &a, const Node &b, Cursor &at, std::size_t old_end,
                std::size_t new_end) {
    for (; at.old_index < old_end && at.new_index < new_end; ++at.old_index, ++at.new_index) {
      const Enter step(*this, item(at.old_index, at.new_index, true, true));
      if (!ignored()) compare_values(T::item(a, at.old_index), T::item(b, at.new_index));
    }
    for (; at.old_index < old_end; ++at.old_index) {
      const Enter step(*this, item(at.old_index, at.new_index, true, false));
      emit(ignored() ? EventKind::Ignored : EventKind::Removed, &T::item(a, at.old_index), nullptr);
    }
    for (; at.new_index < new_end; ++at.new_index) {
      const Enter step(*this, item(at.old_index, at.new_index, false, true));
      emit(ignored() ? EventKind::Ignored : EventKind::Added, nullptr, &T::item(b, at.new_index));
    }
  }

  // The longest common subsequence of the items; hashes first so that most comparisons are cheap.
  std::vector<std::pair<std::size_t, std::size_t>> align_items(const Node &a, const Node &b) {
    const Enter any_item(*this, item(no_index, no_index, true, true));
    const std::size_t olds = T::items(a), news = T::items(b);
    std::vector<std::uint64_t> old_hashes, new_hashes;
    old_hashes.reserve(olds);
    new_hashes.reserve(news);
    for (std::size_t i = 0; i < olds; ++i) old_hashes.push_back(digest(T::item(a, i)));
    for (std::size_t j = 0; j < news; ++j) new_hashes.push_back(digest(T::item(b, j)));
    // Equal items have equal hashes: when no hash is on both sides nothing can align (two
    // unrelated arrays), and the budget is left to arrays that share items.
    std::vector<std::uint64_t> sorted = old_hashes;
    std::sort(sorted.begin(), sorted.end());
    const bool shared = std::any_of(new_hashes.begin(), new_hashes.end(), [&](std::uint64_t h) {
      return std::binary_search(sorted.begin(), sorted.end(), h);
    });
    if (!shared) return {};
    sorted = {};
    return align_within(
        olds, news,
        [&](std::size_t i, std::size_t j) {
          return old_hashes[i] == new_hashes[j] && same(T::item(a, i), T::item(b, j));
        },
        budget_);
  }

  // --array-key: items matched by the value of their member `key`, whatever their order. Items
  // without it (or not objects) are matched with each other in order, as are duplicate keys.
  void compare_keyed(const Node &a, const Node &b, std::string_view key) {
    const auto id = [&](const Node &item) {
      const Node *value = T::kind(item) == json::Kind::Object ? T::find(item, key) : nullptr;
      std::string shown; // "=" marks a present key: items without one never pair
      if (value != nullptr) shown.append("="), append_identity<T>(shown, *value, exact_);
      return shown;
    };
    const std::size_t olds = T::items(a), news = T::items(b);
    std::unordered_map<std::string, std::deque<std::size_t>> waiting;
    for (std::size_t i = 0; i < olds; ++i) waiting[id(T::item(a, i))].push_back(i);
    std::vector<bool> matched(olds, false);
    for (std::size_t j = 0; j < news; ++j) {
      auto it = waiting.find(id(T::item(b, j)));
      if (it == waiting.end() || it->second.empty()) {
        const Enter step(*this, item(no_index, j, false, true));
        emit(ignored() ? EventKind::Ignored : EventKind::Added, nullptr, &T::item(b, j));
        continue;
      }
      const std::size_t i = it->second.front();
      it->second.pop_front();
      matched[i] = true;
      const Enter step(*this, item(i, j, true, true));
      if (!ignored()) compare_values(T::item(a, i), T::item(b, j));
    }
    for (std::size_t i = 0; i < olds; ++i) {
      if (matched[i]) continue;
      const Enter step(*this, item(i, no_index, true, false));
      emit(ignored() ? EventKind::Ignored : EventKind::Removed, &T::item(a, i), nullptr);
    }
  }

  // --- equality, for aligning array items: consistent with digest() ---

  [[nodiscard]] std::uint64_t digest(const Node &value) {
    Hash h;
    h.add_word(static_cast<std::uint64_t>(T::kind(value)));
    switch (T::kind(value)) {
    case json::Kind::Number:
      if (exact_) {
        h.add(T::text(value));
      } else if (!add_integer(h, T::text(value))) {
        const Decimal d = Decimal::of(T::text(value));
        h.add_word(d.negative), h.add(d.digits), h.add_word(static_cast<std::uint64_t>(d.exponent));
        h.add_word(d.by_literal);
      }
      break;
    case json::Kind::String:
      h.add(T::text(value));
      break;
    case json::Kind::Array: {
      const Enter any_item(*this, item(no_index, no_index, true, true));
      if (ignored()) break;
      for (std::size_t i = 0; i < T::items(value); ++i) h.add_word(digest(T::item(value, i)));
      break;
    }
    case json::Kind::Object: {
      const Scratch<Member> scratch(members_);
      const std::size_t start = members_.size();
      first_of_each_key<T>(value, same_key, members_);
      std::uint64_t sum = 0; // order-insensitive
      for (std::size_t k = start; k < members_.size(); ++k) {
        const Member m = members_[k];
        const Enter key(*this, member(m, m));
        if (ignored()) continue;
        Hash one;
        one.add(key_text(T::key(m)));
        one.add_word(digest(T::value(m)));
        sum += one.value;
      }
      h.add_word(sum);
      break;
    }
    default:
      break;
    }
    return h.value;
  }

  [[nodiscard]] bool same(const Node &a, const Node &b) {
    if (T::kind(a) != T::kind(b)) return false;
    switch (T::kind(a)) {
    case json::Kind::Number:
      return same_number(T::text(a), T::text(b));
    case json::Kind::String:
      return T::text(a) == T::text(b);
    case json::Kind::Array: {
      const Enter any_item(*this, item(no_index, no_index, true, true));
      if (ignored()) return true;
      if (T::items(a) != T::items(b)) return false;
      for (std::size_t i = 0; i < T::items(a); ++i) {
        if (!same(T::item(a, i), T::item(b, i))) return false;
      }
      return true;
    }
    case json::Kind::Object:
      return same_members(a, b);
    default:
      return true;
    }
  }

  [[nodiscard]] bool same_members(const Node &a, const Node &b) {
    const Scratch<Member> scratch(members_);
    const std::size_t olds = members_.size();
    first_of_each_key<T>(a, same_key, members_);
    const std::size_t news = members_.size();
    first_of_each_key<T>(b, same_key, members_);
    const std::size_t end = members_.size();
    const bool patterns = !options_.ignore.empty();
    // Keys are unique on each side: without patterns, as many members and each old one found
    // means the same keys.
    if (!patterns && news - olds != end - news) return false;
    MemberIndex<T, decltype(same_key)> in_new(members_, news, end - news, same_key);
    for (std::size_t k = olds; k < news; ++k) {
      const Member om = members_[k];
      const Enter key(*this, member(om, om));
      if (patterns && ignored()) continue;
      const std::size_t j = in_new.find(key_text(T::key(om)), k - olds);
      if (j == no_index || !same(T::value(om), T::value(members_[news + j]))) return false;
    }
    if (!patterns) return true;
    MemberIndex<T, decltype(same_key)> in_old(members_, olds, news - olds, same_key);
    for (std::size_t k = news; k < end; ++k) {
      const Member nm = members_[k];
      const Enter key(*this, member(nm, nm));
      if (!ignored() && in_old.find(key_text(T::key(nm)), k - news) == no_index) return false;
    }
    return true;
  }
};

// --- pointers of a path ---

enum class Side : std::uint8_t { Shown, Old };

// The pointer of `path` in the new document (Shown: the new key or index when there is one) or
// in the old one.
std::string pointer(std::span<const Step> path, Side side) {
  std::string out;
  for (const Step &step : path) {
    if (!step.is_item()) {
      const std::string *key = side == Side::Old && step.old_key != nullptr ? step.old_key
                               : step.new_key != nullptr                    ? step.new_key
                                                                            : step.old_key;
      append_pointer_token(out, *key);
      continue;
    }
    const bool old_index = side == Side::Old ? step.in_old : !step.in_new;
    out += '/';
    out += IndexText(old_index ? step.old_index : step.new_index).view();
  }
  return out;
}

template <typename T>
void append_identity(std::string &out, const typename T::Node &value, bool exact_numbers) {
  switch (T::kind(value)) {
  case json::Kind::Null:
  case json::Kind::True:
  case json::Kind::False:
    out += T::kind(value) == json::Kind::Null   ? "null"
           : T::kind(value) == json::Kind::True ? "true"
                                                : "false";
    return;
  case json::Kind::Number: {
    if (exact_numbers) {
      out += T::text(value);
      return;
    }
    const Decimal d = Decimal::of(T::text(value));
    if (d.by_literal) {
      out += "~" + d.digits;
    } else {
      out += (d.negative ? "-" : "") + (d.digits.empty() ? "0" : d.digits) + "e" +
             std::to_string(d.exponent);
    }
    return;
  }
  case json::Kind::String:
    json::append_quoted(out, T::text(value));
    return;
  case json::Kind::Array:
    out += '[';
    for (std::size_t i = 0; i < T::items(value); ++i) {
      append_identity<T>(out, T::item(value, i), exact_numbers), out += ',';
    }
    out += ']';
    return;
  case json::Kind::Object: {
    std::vector<typename T::Member> members;
    first_of_each_key<T>(value, same_key, members);
    std::sort(members.begin(), members.end(), [](typename T::Member x, typename T::Member y) {
      return key_text(T::key(x)) < key_text(T::key(y));
    });
    out += '{';
    for (const typename T::Member m : members) {
      json::append_quoted(out, key_text(T::key(m)));
      out += ':';
      append_identity<T>(out, T::value(m), exact_numbers);
      out += ',';
    }
    out += '}';
    return;
  }
  }
}

} // namespace

std::string_view op_name(Op op) {
  switch (op) {
  case Op::Add:
    return "add";
  case Op::Remove:
    return "remove";
  case Op::Replace:
    return "replace";
  case Op::Move:
    return "move";
  }
  return "";
}

void walk(const json::Value *old_doc, const json::Value *new_doc, const Options &options,
          Reading reading, EventSink &sink) {
  if (old_doc == nullptr || new_doc == nullptr) {
    if (old_doc != new_doc) {
      sink.on(Event{
          old_doc != nullptr ? EventKind::Removed : EventKind::Added, {}, old_doc, new_doc, false});
    }
    return;
  }
  Walker<ValueTree>(options, reading, sink).run(*old_doc, *new_doc);
}

void walk(const CompactNode *old_doc, const CompactNode *new_doc, const Options &options,
          Reading reading, EventSink &sink) {
  if (old_doc == nullptr || new_doc == nullptr) {
    if (old_doc != new_doc) {
      const json::Value whole = to_value(old_doc != nullptr ? *old_doc : *new_doc);
      sink.on(Event{old_doc != nullptr ? EventKind::Removed : EventKind::Added,
                    {},
                    old_doc != nullptr ? &whole : nullptr,
                    new_doc != nullptr ? &whole : nullptr,
                    false});
    }
    return;
  }
  Walker<CompactTree>(options, reading, sink).run(*old_doc, *new_doc);
}

namespace {

template <typename T>
std::vector<Rename> renames_of(const typename T::Node *old_doc, const typename T::Node *new_doc,
                               const Options &options) {
  std::vector<Rename> out;
  if (old_doc == nullptr || new_doc == nullptr) return out;
  ChangeStream stream([](const Change &) {}, [&](const Rename &r) { out.push_back(r); });
  Walker<T>(options, Reading::Meaning, stream, true).run(*old_doc, *new_doc);
  return out;
}

} // namespace

std::vector<Rename> renames(const json::Value *old_doc, const json::Value *new_doc,
                            const Options &options) {
  return renames_of<ValueTree>(old_doc, new_doc, options);
}

std::vector<Rename> renames(const CompactNode *old_doc, const CompactNode *new_doc,
                            const Options &options) {
  return renames_of<CompactTree>(old_doc, new_doc, options);
}

void ChangeStream::on(const Event &e) {
  const auto change = [&](Op op) {
    on_change_(Change{op, pointer(e.path, Side::Shown), pointer(e.path, Side::Old), e.old_value,
                      e.new_value, e.secret});
  };
  switch (e.kind) {
  case EventKind::Added:
    return change(Op::Add);
  case EventKind::Removed:
    return change(Op::Remove);
  case EventKind::Changed:
    return change(Op::Replace);
  case EventKind::Moved:
    return on_rename_(Rename{*e.path.back().old_key, *e.path.back().new_key});
  default:
    return;
  }
}

Diff compare(const json::Value *old_doc, const json::Value *new_doc, const Options &options) {
  Diff out;
  ChangeStream list([&](const Change &c) { out.changes.push_back(c); },
                    [&](const Rename &r) { out.renames.push_back(r); });
  walk(old_doc, new_doc, options, Reading::Meaning, list);
  return out;
}

void PatchStream::on(const Event &e) {
  switch (e.kind) {
  case EventKind::ArrayStart:
    arrays_.push_back(Shift{});
    return;
  case EventKind::ArrayEnd:
    arrays_.pop_back();
    return;
  case EventKind::Ignored:
    if (!e.path.empty() && e.path.back().is_item()) {
      if (e.path.back().in_old) {
        ++arrays_.back().kept;
      } else {
        ++arrays_.back().skipped;
      }
    }
    return;
  case EventKind::Added:
    return on_op_(PatchOp{Op::Add, patched_path(e.path), "", e.new_value, e.secret});
  case EventKind::Removed:
    return on_op_(PatchOp{Op::Remove, patched_path(e.path), "", nullptr, e.secret});
  case EventKind::Changed:
    return on_op_(PatchOp{Op::Replace, patched_path(e.path), "", e.new_value, e.secret});
  case EventKind::Moved:
    return on_op_(
        PatchOp{Op::Move, patched_path(e.path), pointer(e.path, Side::Old), nullptr, e.secret});
  }
}

std::string PatchStream::patched_path(std::span<const Step> path) const {
  std::string out;
  std::size_t array = 0;
  for (const Step &step : path) {
    if (!step.is_item()) {
      append_pointer_token(out, step.key());
      continue;
    }
    const Shift &shift = arrays_[array++];
    out += '/';
    // new_index: the item's place in the new array, or where a removed one would be.
    out += IndexText(step.new_index + shift.kept - shift.skipped).view();
  }
  return out;
}

Patch patch_changes(const json::Value *old_doc, const json::Value *new_doc,
                    std::span<const PointerPattern> ignore) {
  Options options;
  options.exact_numbers = true;
  options.ignore.assign(ignore.begin(), ignore.end());
  Patch out;
  PatchStream builder([&](const PatchOp &op) { out.changes.push_back(op); });
  walk(old_doc, new_doc, options, Reading::Data, builder);
  return out;
}

void write_value(json::JsonWriter &writer, const json::Value &value, bool mask, bool secret) {
  // A secret container keeps its shape, each scalar in it hidden (as fmt --redact writes it): a
  // lone "***" would hide that a value became an object, or an array.
  const bool container = value.kind == json::Kind::Array || value.kind == json::Kind::Object;
  if (mask && secret && !container) return writer.string(Redactor::secret_mask);
  switch (value.kind) {
  case json::Kind::Null:
    return writer.null();
  case json::Kind::True:
    return writer.boolean(true);
  case json::Kind::False:
    return writer.boolean(false);
  case json::Kind::Number:
    if (mask) return Redactor::write_number(writer, value.text);
    return writer.number(value.text);
  case json::Kind::String:
    return writer.string(mask ? Redactor::mask(value.text) : value.text);
  case json::Kind::Array:
    writer.begin_array();
    for (const auto &item : value.items) write_value(writer, item, mask, secret);
    return writer.end_array();
  case json::Kind::Object: {
    std::vector<const json::Member *> members;
    first_of_each_key<ValueTree>(value, same_key, members);
    writer.begin_object();
    for (const json::Member *m : members) {
      writer.key(mask ? Redactor::mask(m->key) : m->key);
      write_value(writer, m->value, mask, mask && (secret || Redactor::is_secret(m->key)));
    }
    return writer.end_object();
  }
  }
}

void append_value(std::string &out, const json::Value &value, bool mask, bool secret) {
  json::JsonWriter writer(out);
  write_value(writer, value, mask, secret);
}

void write_patch_op(json::JsonWriter &writer, const PatchOp &op, bool redact) {
  const auto pointer = [&](const std::string &path) {
    writer.string(redact ? Redactor::mask(path) : path);
  };
  writer.begin_object();
  writer.key("op");
  writer.string(op_name(op.op));
  if (op.op == Op::Move) {
    writer.key("from");
    pointer(op.from);
  }
  writer.key("path");
  pointer(op.path);
  if (op.op == Op::Add || op.op == Op::Replace) {
    writer.key("value");
    write_value(writer, *op.value, redact, op.secret);
  }
  writer.end_object();
}

void write_patch(json::JsonWriter &writer, std::span<const PatchOp> changes, bool redact) {
  writer.begin_array();
  for (const PatchOp &op : changes) write_patch_op(writer, op, redact);
  writer.end_array();
}

std::string patch_text(std::span<const PatchOp> changes, bool redact, bool pretty) {
  std::string out;
  if (!pretty) {
    json::JsonWriter writer(out);
    write_patch(writer, changes, redact);
    return out;
  }
  // One op a line, each compact: a layout of its own, between compact and the writer's pretty.
  out += '[';
  for (std::size_t i = 0; i < changes.size(); ++i) {
    out += i > 0 ? ",\n  " : "\n  ";
    json::JsonWriter writer(out);
    write_patch_op(writer, changes[i], redact);
  }
  out += changes.empty() ? "]" : "\n]";
  return out;
}

std::string identity(const json::Value &value, bool exact_numbers) {
  std::string out;
  append_identity<ValueTree>(out, value, exact_numbers);
  return out;
}

} // namespace pss::diff
