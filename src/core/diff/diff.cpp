// The diff: numbers by value, objects by key, arrays aligned by Myers' algorithm, and JSON Patch
// ops whose indices are computed as the patch will be applied.
#include "core/diff/diff.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "core/diff/align.hpp"
#include "core/json/number.hpp"
#include "core/json/text.hpp"
#include "core/privacy/card.hpp"
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

// The members that count in an object, the first of each key (like obj["k"]), in document order,
// and a lookup by key. `key_of` says which keys are one (session fields in either spelling).
template <typename KeyOf> struct Members {
  std::vector<const json::Member *> order;
  std::unordered_map<std::string_view, const json::Member *> by_key;

  Members(const json::Value &object, const KeyOf &key_of) {
    order.reserve(object.members.size());
    by_key.reserve(object.members.size());
    for (const auto &member : object.members) {
      if (by_key.emplace(key_of(member.key), &member).second) order.push_back(&member);
    }
  }
  [[nodiscard]] const json::Member *find(std::string_view key) const {
    const auto it = by_key.find(key);
    return it == by_key.end() ? nullptr : it->second;
  }
};

constexpr auto same_key = [](std::string_view key) { return key; };

std::string index_token(std::size_t index) {
  return std::to_string(index);
}

// Walks two documents side by side and records their changes.
class Walker {
public:
  Walker(const Options &options, bool for_patch, Diff &out)
      : options_(options), exact_(options.exact_numbers || for_patch), patch_(for_patch), out_(out),
        budget_(options.comparison_budget) {}

  void run(const json::Value &a, const json::Value &b) {
    if (ignored()) return;
    if (a.kind == json::Kind::Object && b.kind == json::Kind::Object) {
      if (patch_) find_moved_fields(a, b);
      compare_members(a, b, false, true);
    } else {
      compare_values(a, b, false);
    }
  }

private:
  const Options &options_;
  bool exact_;
  bool patch_;
  Diff &out_;
  std::size_t budget_;                   // item comparisons left for this diff's alignments
  std::vector<PathToken> path_;          // for patterns: top-level session fields canonical
  std::string shown_, old_, at_;         // Change::path, Change::old_path, Change::patch_path
  std::vector<const FieldSpec *> moved_; // patch: fields renamed from one spelling to the other

  // One step down both documents: the token in each pointer, undone when it goes out of scope.
  class Step {
  public:
    Step(Walker &w, std::string_view shown, std::string_view old, std::string_view at,
         std::string_view pattern)
        : w_(w), shown_(w.shown_.size()), old_(w.old_.size()), at_(w.at_.size()) {
      append_pointer_token(w.shown_, shown);
      append_pointer_token(w.old_, old);
      append_pointer_token(w.at_, at);
      w.path_.push_back(PathToken{std::string(pattern), false});
    }
    ~Step() {
      w_.shown_.resize(shown_);
      w_.old_.resize(old_);
      w_.at_.resize(at_);
      w_.path_.pop_back();
    }
    Step(const Step &) = delete;
    Step &operator=(const Step &) = delete;

  private:
    Walker &w_;
    std::size_t shown_, old_, at_;
  };

  // A step for pattern matching only, while comparing values for equality.
  class Probe {
  public:
    Probe(Walker &w, std::string_view token, bool any_index) : w_(w) {
      w.path_.push_back(PathToken{std::string(token), any_index});
    }
    ~Probe() { w_.path_.pop_back(); }
    Probe(const Probe &) = delete;
    Probe &operator=(const Probe &) = delete;

  private:
    Walker &w_;
  };

  [[nodiscard]] bool ignored() const {
    return std::any_of(options_.ignore.begin(), options_.ignore.end(),
                       [&](const PointerPattern &p) { return matches(p, path_); });
  }

  [[nodiscard]] const ArrayKey *array_key() const {
    if (patch_) return nullptr; // a patch moves items by position
    for (const auto &key : options_.array_keys) {
      if (matches(key.array, path_)) return &key;
    }
    return nullptr;
  }

  void emit(Op op, const json::Value *a, const json::Value *b, bool secret) {
    out_.changes.push_back(Change{op, shown_, old_, at_, a, b, secret});
  }

  [[nodiscard]] bool same_number(std::string_view a, std::string_view b) const {
    return exact_ ? a == b : numbers_equal(a, b);
  }

  void compare_values(const json::Value &a, const json::Value &b, bool secret) {
    if (a.kind != b.kind) return emit(Op::Replace, &a, &b, secret);
    switch (a.kind) {
    case json::Kind::Object:
      return compare_members(a, b, secret, false);
    case json::Kind::Array:
      return compare_arrays(a, b, secret);
    case json::Kind::Number:
      if (!same_number(a.text, b.text)) emit(Op::Replace, &a, &b, secret);
      return;
    case json::Kind::String:
      if (a.text != b.text) emit(Op::Replace, &a, &b, secret);
      return;
    default:
      return;
    }
  }

  // --- objects ---

  // A patch renames a field only when each document uses one spelling of it, not the same one.
  void find_moved_fields(const json::Value &a, const json::Value &b) {
    const auto spellings = [](const json::Value &object, const FieldSpec &field) {
      bool wire = false, sdk = false;
      for (const auto &member : object.members) {
        wire = wire || member.key == field.wire;
        sdk = sdk || member.key == field.sdk;
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
    if (!patch_) return canonical_field_key(key);
    const FieldSpec *field = find_field(key).field;
    const bool moved = std::find(moved_.begin(), moved_.end(), field) != moved_.end();
    return moved ? field->wire : key;
  }

  // --null-equals-missing: this member, absent on the other side, counts as no change.
  [[nodiscard]] bool absent_counts_as_null(const json::Member &member, bool top) const {
    if (patch_ || !top || !options_.null_equals_missing) return false;
    const FieldSpec *field = find_field(member.key).field;
    return field != nullptr && field->nullable && member.value.kind == json::Kind::Null;
  }

  void compare_members(const json::Value &a, const json::Value &b, bool secret, bool top) {
    const auto key_of = [&](std::string_view key) { return top ? top_key(key) : key; };
    const auto pattern = [&](std::string_view key) { return top ? canonical_field_key(key) : key; };
    const Members olds(a, key_of);
    const Members news(b, key_of);
    for (const json::Member *nm : news.order) {
      const json::Member *om = olds.find(key_of(nm->key));
      Step step(*this, nm->key, om != nullptr ? om->key : nm->key, nm->key, pattern(nm->key));
      if (ignored()) continue;
      const bool hidden = secret || is_secret_key(nm->key);
      if (om == nullptr) {
        if (!absent_counts_as_null(*nm, top)) emit(Op::Add, nullptr, &nm->value, hidden);
        continue;
      }
      if (om->key != nm->key) note_rename(*om, *nm, hidden);
      compare_values(om->value, nm->value, hidden);
    }
    for (const json::Member *om : olds.order) {
      if (news.find(key_of(om->key)) != nullptr) continue;
      Step step(*this, om->key, om->key, om->key, pattern(om->key));
      if (ignored() || absent_counts_as_null(*om, top)) continue;
      emit(Op::Remove, &om->value, nullptr, secret || is_secret_key(om->key));
    }
  }

  void note_rename(const json::Member &from, const json::Member &to, bool secret) {
    if (patch_) {
      emit(Op::Move, &from.value, &to.value, secret);
    } else {
      out_.renames.push_back(Rename{from.key, to.key});
    }
  }

  // --- arrays ---

  void compare_arrays(const json::Value &a, const json::Value &b, bool secret) {
    if (const ArrayKey *key = array_key()) return compare_keyed(a, b, key->key, secret);
    const auto matched = align_items(a, b);
    Cursor at;
    for (const auto &[i, j] : matched) {
      fill_gap(a, b, at, i, j, secret);
      ++at.old_index, ++at.new_index, ++at.patched; // an equal item stays as it is
    }
    fill_gap(a, b, at, a.items.size(), b.items.size(), secret);
  }

  // Where the walk is in the old array, the new one, and the array as patched so far (its items
  // before `patched` are the new array's, the rest are the old one's still to visit).
  struct Cursor {
    std::size_t old_index = 0, new_index = 0, patched = 0;
  };

  // The items between two aligned ones: paired by position (and compared in depth), then the
  // old ones left over are removed, or the new ones left over are added.
  void fill_gap(const json::Value &a, const json::Value &b, Cursor &at, std::size_t old_end,
                std::size_t new_end, bool secret) {
    for (; at.old_index < old_end && at.new_index < new_end; ++at.old_index, ++at.new_index) {
      const std::string j = index_token(at.new_index);
      Step step(*this, j, index_token(at.old_index), index_token(at.patched++), j);
      if (!ignored()) compare_values(a.items[at.old_index], b.items[at.new_index], secret);
    }
    for (; at.old_index < old_end; ++at.old_index) {
      const std::string i = index_token(at.old_index);
      Step step(*this, i, i, index_token(at.patched), i);
      if (ignored()) {
        ++at.patched; // left in place
      } else {
        emit(Op::Remove, &a.items[at.old_index], nullptr, secret);
      }
    }
    for (; at.new_index < new_end; ++at.new_index) {
      const std::string j = index_token(at.new_index);
      Step step(*this, j, j, index_token(at.patched), j);
      if (ignored()) continue; // not inserted
      emit(Op::Add, nullptr, &b.items[at.new_index], secret);
      ++at.patched;
    }
  }

  // The longest common subsequence of the items; hashes first so that most comparisons are cheap.
  std::vector<std::pair<std::size_t, std::size_t>> align_items(const json::Value &a,
                                                               const json::Value &b) {
    Probe item(*this, "", true);
    std::vector<std::uint64_t> old_hashes, new_hashes;
    old_hashes.reserve(a.items.size());
    new_hashes.reserve(b.items.size());
    for (const auto &value : a.items) old_hashes.push_back(digest(value));
    for (const auto &value : b.items) new_hashes.push_back(digest(value));
    return align_within(
        a.items.size(), b.items.size(),
        [&](std::size_t i, std::size_t j) {
          return old_hashes[i] == new_hashes[j] && same(a.items[i], b.items[j]);
        },
        budget_);
  }

  // --array-key: items matched by the value of their member `key`, whatever their order. Items
  // without it (or not objects) are matched with each other in order, as are duplicate keys.
  void compare_keyed(const json::Value &a, const json::Value &b, std::string_view key,
                     bool secret) {
    const auto id = [&](const json::Value &item) {
      const json::Value *value = item.kind == json::Kind::Object ? item.find(key) : nullptr;
      std::string shown; // "=" marks a present key: items without one never pair
      if (value != nullptr) shown.append("=").append(identity(*value, exact_));
      return shown;
    };
    std::unordered_map<std::string, std::deque<std::size_t>> waiting;
    for (std::size_t i = 0; i < a.items.size(); ++i) waiting[id(a.items[i])].push_back(i);
    std::vector<bool> matched(a.items.size(), false);
    for (std::size_t j = 0; j < b.items.size(); ++j) {
      const std::string jt = index_token(j);
      auto it = waiting.find(id(b.items[j]));
      if (it == waiting.end() || it->second.empty()) {
        Step step(*this, jt, jt, jt, jt);
        if (!ignored()) emit(Op::Add, nullptr, &b.items[j], secret);
        continue;
      }
      const std::size_t i = it->second.front();
      it->second.pop_front();
      matched[i] = true;
      Step step(*this, jt, index_token(i), jt, jt);
      if (!ignored()) compare_values(a.items[i], b.items[j], secret);
    }
    for (std::size_t i = 0; i < a.items.size(); ++i) {
      if (matched[i]) continue;
      const std::string it = index_token(i);
      Step step(*this, it, it, it, it);
      if (!ignored()) emit(Op::Remove, &a.items[i], nullptr, secret);
    }
  }

  // --- equality, for aligning array items: consistent with digest() ---

  [[nodiscard]] std::uint64_t digest(const json::Value &value) {
    Hash h;
    h.add_word(static_cast<std::uint64_t>(value.kind));
    switch (value.kind) {
    case json::Kind::Number:
      if (exact_) {
        h.add(value.text);
      } else {
        const Decimal d = Decimal::of(value.text);
        h.add_word(d.negative), h.add(d.digits), h.add_word(static_cast<std::uint64_t>(d.exponent));
        h.add_word(d.by_literal);
      }
      break;
    case json::Kind::String:
      h.add(value.text);
      break;
    case json::Kind::Array: {
      Probe item(*this, "", true);
      if (ignored()) break;
      for (const auto &v : value.items) h.add_word(digest(v));
      break;
    }
    case json::Kind::Object: {
      std::uint64_t sum = 0; // order-insensitive
      for (const json::Member *m : Members(value, same_key).order) {
        Probe key(*this, m->key, false);
        if (ignored()) continue;
        Hash member;
        member.add(m->key);
        member.add_word(digest(m->value));
        sum += member.value;
      }
      h.add_word(sum);
      break;
    }
    default:
      break;
    }
    return h.value;
  }

  [[nodiscard]] bool same(const json::Value &a, const json::Value &b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case json::Kind::Number:
      return same_number(a.text, b.text);
    case json::Kind::String:
      return a.text == b.text;
    case json::Kind::Array: {
      Probe item(*this, "", true);
      if (ignored()) return true;
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!same(a.items[i], b.items[i])) return false;
      }
      return true;
    }
    case json::Kind::Object:
      return same_members(a, b);
    default:
      return true;
    }
  }

  [[nodiscard]] bool same_members(const json::Value &a, const json::Value &b) {
    const Members olds(a, same_key);
    const Members news(b, same_key);
    for (const json::Member *om : olds.order) {
      Probe key(*this, om->key, false);
      if (ignored()) continue;
      const json::Member *nm = news.find(om->key);
      if (nm == nullptr || !same(om->value, nm->value)) return false;
    }
    for (const json::Member *nm : news.order) {
      Probe key(*this, nm->key, false);
      if (!ignored() && olds.find(nm->key) == nullptr) return false;
    }
    return true;
  }
};

void append_identity(std::string &out, const json::Value &value, bool exact_numbers) {
  switch (value.kind) {
  case json::Kind::Null:
  case json::Kind::True:
  case json::Kind::False:
    out += value.kind == json::Kind::Null   ? "null"
           : value.kind == json::Kind::True ? "true"
                                            : "false";
    return;
  case json::Kind::Number: {
    if (exact_numbers) {
      out += value.text;
      return;
    }
    const Decimal d = Decimal::of(value.text);
    if (d.by_literal) {
      out += "~" + d.digits;
    } else {
      out += (d.negative ? "-" : "") + (d.digits.empty() ? "0" : d.digits) + "e" +
             std::to_string(d.exponent);
    }
    return;
  }
  case json::Kind::String:
    json::append_quoted(out, value.text);
    return;
  case json::Kind::Array:
    out += '[';
    for (const auto &item : value.items) append_identity(out, item, exact_numbers), out += ',';
    out += ']';
    return;
  case json::Kind::Object: {
    auto members = Members(value, same_key).order;
    std::sort(members.begin(), members.end(),
              [](const json::Member *x, const json::Member *y) { return x->key < y->key; });
    out += '{';
    for (const json::Member *m : members) {
      json::append_quoted(out, m->key);
      out += ':';
      append_identity(out, m->value, exact_numbers);
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

Diff compare(const json::Value *old_doc, const json::Value *new_doc, const Options &options) {
  Diff out;
  if (old_doc == nullptr || new_doc == nullptr) {
    if (old_doc != new_doc) {
      out.changes.push_back(
          Change{old_doc != nullptr ? Op::Remove : Op::Add, "", "", "", old_doc, new_doc, false});
    }
    return out;
  }
  Walker(options, false, out).run(*old_doc, *new_doc);
  return out;
}

Diff patch_changes(const json::Value *old_doc, const json::Value *new_doc,
                   std::span<const PointerPattern> ignore) {
  Options options;
  options.exact_numbers = true;
  options.ignore.assign(ignore.begin(), ignore.end());
  if (old_doc == nullptr || new_doc == nullptr) return compare(old_doc, new_doc, options);
  Diff out;
  Walker(options, true, out).run(*old_doc, *new_doc);
  return out;
}

void append_value(std::string &out, const json::Value &value, bool mask, bool secret) {
  if (mask && secret) {
    json::append_quoted(out, secret_mask);
    return;
  }
  switch (value.kind) {
  case json::Kind::Null:
    out += "null";
    return;
  case json::Kind::True:
    out += "true";
    return;
  case json::Kind::False:
    out += "false";
    return;
  case json::Kind::Number:
    // A masked card number is no longer a number: it is shown as a string.
    if (mask && has_card_number(value.text)) {
      json::append_quoted(out, mask_card_numbers(value.text));
    } else {
      out += value.text;
    }
    return;
  case json::Kind::String:
    json::append_quoted(out, mask ? mask_card_numbers(value.text) : value.text);
    return;
  case json::Kind::Array:
    out += '[';
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      if (i > 0) out += ',';
      append_value(out, value.items[i], mask);
    }
    out += ']';
    return;
  case json::Kind::Object: {
    out += '{';
    bool first = true;
    for (const json::Member *m : Members(value, same_key).order) {
      if (!first) out += ',';
      first = false;
      json::append_quoted(out, mask ? mask_card_numbers(m->key) : m->key);
      out += ':';
      append_value(out, m->value, mask, mask && is_secret_key(m->key));
    }
    out += '}';
    return;
  }
  }
}

std::string patch_text(std::span<const Change> changes, bool redact, bool pretty) {
  const auto pointer = [&](std::string &out, const std::string &path) {
    json::append_quoted(out, redact ? mask_card_numbers(path) : path);
  };
  std::string out = "[";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const Change &c = changes[i];
    out += i > 0 ? "," : "";
    out += pretty ? "\n  " : "";
    out += "{\"op\":\"" + std::string(op_name(c.op)) + "\",";
    if (c.op == Op::Move) {
      out += "\"from\":";
      pointer(out, c.old_path);
      out += ',';
    }
    out += "\"path\":";
    pointer(out, c.patch_path);
    if (c.op == Op::Add || c.op == Op::Replace) {
      out += ",\"value\":";
      append_value(out, *c.new_value, redact, c.secret);
    }
    out += '}';
  }
  out += pretty && !changes.empty() ? "\n]" : "]";
  return out;
}

std::string identity(const json::Value &value, bool exact_numbers) {
  std::string out;
  append_identity(out, value, exact_numbers);
  return out;
}

} // namespace pss::diff
