// Every rule of the catalogue over one document, written once for the views of it that the core
// has: the tree json::parse builds (TreeView, here), simdjson's tape (TapeView, tape.hpp) and the
// compact tape of large documents (CompactView, compact_view.hpp). Internal to the core: callers
// use check.hpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/location.hpp"
#include "core/json/number.hpp"
#include "core/json/text.hpp"
#include "core/json/value.hpp"
#include "core/privacy/redactor.hpp"
#include "core/session/check.hpp"
#include "core/session/session_rules.hpp"

namespace pss::detail {

// A finding before its offset is turned into a line and column.
struct Draft {
  Rule rule;
  std::size_t offset;
  std::string pointer;
  std::string message;
  std::optional<std::size_t> related_offset = {}; // a second place, with related_message
  std::string related_message = {};
};

inline std::string code_name(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '`';
  out += name;
  out += '`';
  return out;
}

// The digits of the integer a number literal denotes ("200" for "2e2"), read exactly; nothing
// for a fraction or an integer of more than 40 digits.
inline std::optional<std::string> integer_digits(std::string_view literal) {
  const auto value = Decimal::parse(literal);
  return value ? value->integer_digits() : std::nullopt;
}

// A tree json::parse built, as the Analyzer reads a document (TapeView, tape.hpp, is the other).
class TreeView {
public:
  using Value = json::Value;
  using Member = json::Member;

  explicit TreeView(const json::Value &root) : root_(root) {}

  [[nodiscard]] const Value &root() const { return root_; }
  [[nodiscard]] json::Kind kind(const Value &value) const { return value.kind; }
  [[nodiscard]] std::string_view text(const Value &value) const { return value.text; }
  [[nodiscard]] std::optional<std::int64_t> integer(const Value &number) const {
    const auto decimal = Decimal::parse(number.text);
    return decimal ? decimal->to_int64() : std::nullopt;
  }
  // The digits a card number would be read from: those of the integer the number denotes.
  [[nodiscard]] std::optional<std::string> card_digits(const Value &number) const {
    return detail::integer_digits(number.text);
  }
  [[nodiscard]] std::size_t offset(const Value &value) const { return value.offset; }
  [[nodiscard]] std::size_t end(const Value &value) const { return value.end; }
  [[nodiscard]] const std::vector<Member> &members(const Value &object) const {
    return object.members;
  }
  [[nodiscard]] const std::vector<Value> &items(const Value &array) const { return array.items; }
  [[nodiscard]] std::string_view key(const Member &member) const { return member.key; }
  [[nodiscard]] std::size_t key_offset(const Member &member) const { return member.key_offset; }
  [[nodiscard]] const Value &value(const Member &member) const { return member.value; }
  // No screen on the tree: every string is looked at.
  [[nodiscard]] bool strings_may_hold_card_number(const Value &, const Value &) const {
    return true;
  }
  [[nodiscard]] bool string_may_hold_card_number(const Value &) const { return true; }

private:
  const json::Value &root_;
};

inline bool is_scalar(json::Kind kind) {
  return kind != json::Kind::Array && kind != json::Kind::Object;
}

// Which values of a part of the document are looked at for card numbers. response_body is walked
// for numbers first, noting its first and last strings; a screen of the strings between them
// (the view's strings_may_hold_card_number) decides whether it is walked again for strings.
enum class CardScan : std::uint8_t {
  None,    // outside response_body
  Numbers, // numbers (and the walk of duplicate keys): the first walk of response_body
  Strings, // strings only, each screened by the view first: the second walk
};

// A card number held by a value, under `scan`: in a string's text, or in the digits of the
// integer a number denotes (a number with a fraction is a measurement, not a card number).
template <typename View>
bool holds_card_number(View &view, const typename View::Value &value, CardScan scan) {
  if (scan == CardScan::None) return false;
  const json::Kind kind = view.kind(value);
  if (kind == json::Kind::String) {
    return scan == CardScan::Strings && view.string_may_hold_card_number(value) &&
           has_card_number(view.text(value));
  }
  if (kind != json::Kind::Number || scan == CardScan::Strings) return false;
  const auto digits = view.card_digits(value);
  return digits && integer_is_card_number(*digits);
}

// Whether [begin, end) meets one of `ranges` (sorted, not overlapping).
inline bool meets(const std::vector<ByteRange> &ranges, std::size_t begin, std::size_t end) {
  const auto it = std::partition_point(ranges.begin(), ranges.end(),
                                       [&](const ByteRange &r) { return r.end <= begin; });
  return it != ranges.end() && it->begin < end;
}

// Every part of the source a person must not see: scalars under secret keys as "***", and any
// string or number that holds a card number, masked. With `within` (sorted byte ranges of the
// source lines an output shows), only values that reach into them: the rest is never printed.
template <typename View>
void collect_redactions(View &view, const typename View::Value &value, bool secret,
                        std::vector<Redaction> &out,
                        const std::vector<ByteRange> *within = nullptr) {
  if (within != nullptr && !meets(*within, view.offset(value), view.end(value))) return;
  const json::Kind kind = view.kind(value);
  if (kind == json::Kind::Object) {
    for (const auto &member : view.members(value)) {
      const auto &inner = view.value(member);
      if (within != nullptr && !meets(*within, view.offset(inner), view.end(inner))) continue;
      collect_redactions(view, inner, Redactor::is_secret(view.key(member), secret), out, within);
    }
    return;
  }
  if (kind == json::Kind::Array) {
    for (const auto &item : view.items(value)) collect_redactions(view, item, secret, out, within);
    return;
  }
  std::string shown;
  if (!Redactor::replace_in_source(kind, secret ? std::string_view() : view.text(value), secret,
                                   shown)) {
    return;
  }
  const ByteRange range{view.offset(value), view.end(value)};
  if (range.end <= range.begin) return; // cut short before its first byte (a partial parse)
  out.push_back(Redaction{range, std::move(shown)});
}

// The value of a member as the session rules see it.
template <typename View> session::ValueView view_of(View &view, const typename View::Value &value) {
  session::ValueView out{view.kind(value), {}, std::nullopt};
  if (out.kind == json::Kind::String) out.text = view.text(value);
  if (out.kind == json::Kind::Number) out.integer = view.integer(value);
  return out;
}

// One step of the path from the root to the value being walked, on the walk's stack (no
// allocation per value); a pointer is built from the path only for a finding.
struct Step {
  const Step *parent; // nullptr: a member of the root
  std::string_view key;
  std::size_t index;
  bool is_key; // false: an array index
};

// Every rule of the catalogue over one document, written once for both views of it: the tree
// (TreeView) and simdjson's tape (TapeView). A finding's offset is asked for only when it is
// found, so the tape's source offsets are mapped only for documents that have findings.
template <typename View> class Analyzer {
public:
  using Value = typename View::Value;
  using Member = typename View::Member;

  // `redact_clean`: redactions for a document without findings too (`check` shows only the lines
  // of findings, `fmt --redact` every line).
  // `drafts`: storage for the findings being found, cleared first; a caller checking many
  // documents keeps it, so that a document with findings allocates none (nullptr: the Analyzer's
  // own).
  Analyzer(View &view, std::string_view text, const CheckOptions &options, bool redact_clean,
           std::vector<Draft> *drafts = nullptr)
      : view_(view), text_(text), options_(options), redact_clean_(redact_clean),
        default_rules_(options.rules.is_default()), keys_(needed(Rule::JsonDuplicateKey)),
        cards_(needed(Rule::PciPan)), drafts_(drafts != nullptr ? *drafts : own_drafts_) {
    drafts_.clear();
  }

  Report run() {
    const Value &root = view_.root();
    if (keys_ || cards_) walk(root, CardScan::None, nullptr); // the walk looks for nothing else
    if (view_.kind(root) != json::Kind::Object) {
      if (wants(Rule::SessionNotObject) && !counted(Rule::SessionNotObject)) {
        add(Rule::SessionNotObject, view_.offset(root), "",
            "a session must be a JSON object, but the document is " +
                std::string(json::kind_name(view_.kind(root))));
      }
    } else {
      check_fields(root);
    }
    report_.naming = naming_;
    finish();
    if (options_.redact && redact_clean_) {
      collect_redactions(view_, root, false, report_.redactions);
    } else if (options_.redact && !report_.findings.empty()) {
      // Only the lines of the findings are shown: a large document is not searched for secrets
      // on the lines nobody prints.
      const std::vector<ByteRange> lines = shown_lines();
      collect_redactions(view_, root, false, report_.redactions, &lines);
    }
    return std::move(report_);
  }

  // The located sink of the session rules: each breach becomes a finding with its message.
  bool wants(Rule rule) const { return default_rules_ || options_.rules.enabled(rule); }
  // Whether the findings of `rule` count for the output: not a warning when only errors are
  // counted (CheckOptions::count_warnings).
  bool needed(Rule rule) const {
    return wants(rule) &&
           (options_.describe || options_.count_warnings || severity_of(rule) == Severity::Error);
  }
  void report(const session::Breach<Member> &breach) {
    if (counted(breach.rule)) return;
    const Member *member = breach.at;
    switch (breach.rule) {
    case Rule::FieldUnknown:
      return breach.wrong_spelling ? report_wrong_spelling(*member, *breach.field)
                                   : report_unknown(*member);
    case Rule::NamingConflict:
      return add(Rule::NamingConflict, view_.key_offset(*member), pointer_to(*member),
                 "both " + code_name(breach.field->wire) + " and " + code_name(breach.field->sdk) +
                     " are present (the wire and SDK spelling of the same field): keep one");
    case Rule::FieldType:
      return report_type(*member, *breach.field);
    case Rule::FieldEnum:
      return report_enum(*member, *breach.field);
    case Rule::NamingMixed:
      return add(Rule::NamingMixed, view_.key_offset(*member), pointer_to(*member),
                 "this document mixes spellings: " + code_name(view_.key(*breach.earlier)) +
                     " is " + (breach.earlier_wire ? "wire" : "SDK") + " naming and " +
                     code_name(view_.key(*member)) + " is " +
                     (breach.earlier_wire ? "SDK" : "wire") +
                     " naming; use one (the SDK drops keys it does not know)");
    default:
      return describe_session(breach.rule, member);
    }
  }

private:
  View &view_;
  std::string_view text_;
  const CheckOptions &options_;
  bool redact_clean_;
  bool default_rules_; // every rule enabled, at its catalogue severity
  bool keys_;          // json.duplicate-key is enabled
  bool cards_;         // pci.pan is enabled
  Report report_;
  std::vector<Draft> own_drafts_;
  std::vector<Draft> &drafts_;
  DetectedNaming naming_ = DetectedNaming::Either;
  const Value *root_ = nullptr;
  const session::SessionView *session_ = nullptr;
  // Once the cap is full, the offset from which a finding can no longer be kept: such a finding
  // is only counted (past_cap), its message never built (10 million unknown keys took minutes).
  std::size_t cutoff_ = static_cast<std::size_t>(-1);
  // The first and last strings of response_body, in document order, noted by its first walk.
  const Value *first_string_ = nullptr;
  const Value *last_string_ = nullptr;

  // The source lines the findings and their related locations are on, as sorted byte ranges
  // (a line without its newline), merged where they repeat.
  [[nodiscard]] std::vector<ByteRange> shown_lines() const {
    std::vector<std::size_t> offsets;
    for (const auto &finding : report_.findings) {
      offsets.push_back(finding.position.offset);
      for (const auto &related : finding.related) offsets.push_back(related.position.offset);
    }
    std::sort(offsets.begin(), offsets.end());
    std::vector<ByteRange> lines;
    for (const std::size_t offset : offsets) {
      if (!lines.empty() && offset < lines.back().end + 1) continue; // on the line before
      const std::size_t at = std::min(offset, text_.size());
      const std::size_t newline = at == 0 ? std::string_view::npos : text_.rfind('\n', at - 1);
      const std::size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
      std::size_t end = text_.find('\n', at);
      if (end == std::string_view::npos) end = text_.size();
      lines.push_back(ByteRange{begin, std::max(end, begin + 1)});
    }
    return lines;
  }

  void add(Rule rule, std::size_t offset, std::string pointer, std::string message) {
    // Drafts come in walk order, not offset order: at twice the cap, those past the first `cap`
    // by offset can never be shown, so they are only counted and memory stays bounded. (Before
    // the new one: callers complete it through drafts_.back().)
    const std::size_t cap = options_.max_findings;
    if (cap != 0 && drafts_.size() >= 2 * cap) keep_first(cap);
    drafts_.push_back(Draft{rule, offset, std::move(pointer), std::move(message)});
  }

  // Without descriptions (CheckOptions::describe false) a finding is only counted: true then.
  bool counted(Rule rule) {
    if (options_.describe) return false;
    ++(severity_of(rule) == Severity::Error ? report_.omitted_errors : report_.omitted_warnings);
    return true;
  }

  [[nodiscard]] Severity severity_of(Rule rule) const {
    return default_rules_ ? rule_spec(rule).severity : options_.rules.severity(rule);
  }

  // Sorts the drafts by offset (stable: equal offsets keep their walk order), drops those of
  // disabled rules and counts all but the first `keep` as omitted.
  void keep_first(std::size_t keep) {
    const auto by_offset = [](const Draft &a, const Draft &b) { return a.offset < b.offset; };
    // Most documents have one finding or a few in order: stable_sort would still allocate.
    if (!std::is_sorted(drafts_.begin(), drafts_.end(), by_offset)) {
      std::stable_sort(drafts_.begin(), drafts_.end(), by_offset);
    }
    if (!default_rules_) {
      std::erase_if(drafts_,
                    [&](const Draft &draft) { return !options_.rules.enabled(draft.rule); });
    }
    if (drafts_.size() <= keep) return;
    for (auto it = drafts_.begin() + static_cast<std::ptrdiff_t>(keep); it != drafts_.end(); ++it) {
      report_.omit(it->rule, severity_of(it->rule));
    }
    drafts_.erase(drafts_.begin() + static_cast<std::ptrdiff_t>(keep), drafts_.end());
    // A later draft at this offset or past it would sort after all those kept (the sort is
    // stable): it could only be counted.
    if (keep != 0) cutoff_ = drafts_.back().offset;
  }

  // True (and the finding counted as omitted, when its rule is enabled) when a finding at
  // `offset` is certain to fall past the cap.
  bool past_cap(Rule rule, std::size_t offset) {
    if (offset < cutoff_) return false;
    if (default_rules_ || options_.rules.enabled(rule)) {
      ++(severity_of(rule) == Severity::Error ? report_.omitted_errors : report_.omitted_warnings);
    }
    return true;
  }

  void finish() {
    // Rule settings and the cap are applied here, once, so
    // that a finding past the cap is only counted: no pointer masked, no position located.
    keep_first(options_.max_findings != 0 ? options_.max_findings : drafts_.size());
    if (drafts_.empty()) return;
    report_.findings.reserve(drafts_.size());
    const std::optional<LineIndex> index =
        options_.locate ? std::optional<LineIndex>(text_) : std::nullopt;
    for (auto &draft : drafts_) {
      const Severity severity = severity_of(draft.rule);
      // A key may hold a card number too: pointers are shown to people.
      const auto locate = [&](std::size_t offset) {
        return index ? index->locate(offset) : Position{offset, 0, 0};
      };
      std::string pointer = Redactor::mask(std::move(draft.pointer));
      report_.findings.push_back(Finding{draft.rule, severity, std::move(pointer),
                                         locate(draft.offset), std::move(draft.message)});
      if (draft.related_offset) {
        report_.findings.back().related.push_back(
            Related{locate(*draft.related_offset), std::move(draft.related_message)});
      }
    }
  }

  // The pointer to the value `path` leads to.
  [[nodiscard]] static std::string pointer_of(const Step *path) {
    std::vector<const Step *> steps;
    for (; path != nullptr; path = path->parent) steps.push_back(path);
    std::string pointer;
    for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
      if ((*step)->is_key) {
        append_pointer_token(pointer, (*step)->key);
      } else {
        pointer += '/';
        pointer += std::to_string((*step)->index);
      }
    }
    return pointer;
  }

  // True when a key on `path` names a secret: asked only for a finding, so that keys are not
  // searched for secrets on every walk.
  [[nodiscard]] static bool under_secret(const Step *path) {
    for (; path != nullptr; path = path->parent) {
      if (path->is_key && Redactor::is_secret(path->key)) return true;
    }
    return false;
  }

  // Duplicate keys at every depth, card numbers in response_body.
  void walk(const Value &value, CardScan cards, const Step *path) {
    visit(value, view_.kind(value), cards, path);
  }

  // A value of `kind`. Scalars are looked at here, in the loop of their container: a call per
  // value was most of the walk's own time.
  [[gnu::always_inline]] void visit(const Value &value, json::Kind kind, CardScan cards,
                                    const Step *path) {
    if (kind == json::Kind::Object || kind == json::Kind::Array) {
      walk_container(value, kind, cards, path);
    } else if (cards != CardScan::None) {
      visit_scalar(value, kind, cards, path);
    }
  }

  [[gnu::always_inline]] void visit_scalar(const Value &value, json::Kind kind, CardScan cards,
                                           const Step *path) {
    if (cards == CardScan::Numbers && kind == json::Kind::String) {
      if (first_string_ == nullptr) first_string_ = &value;
      last_string_ = &value;
      return;
    }
    if (holds_card_number(view_, value, cards)) report_card_number(value, path);
  }

  [[gnu::noinline]] void report_card_number(const Value &value, const Step *path) {
    if (counted(Rule::PciPan)) return;
    add(Rule::PciPan, view_.offset(value), pointer_of(path),
        "this value looks like a card number (" +
            Redactor::show_string(view_.kind(value) == json::Kind::Number
                                      ? Redactor::mask_number(view_.text(value))
                                      : std::string(view_.text(value)),
                                  under_secret(path)) +
            "): card data must not be kept in logs or fixtures; mask or remove it");
  }

  // The keys of one object, gathered as the walk goes through its members, for the duplicate
  // test once it has seen them all. Most objects are small: their keys are compared pairwise, in
  // storage left uninitialised on purpose (clearing it per object was a measurable share of the
  // walk). Each key is first compared by a word holding its length and first four bytes: equal
  // keys have equal words, and most different keys differ there, so the bytes are compared only
  // for those.
  struct ObjectKeys {
    static constexpr std::size_t few = 16;
    const Member *members[few];
    const char *data[few];
    std::uint64_t head[few];
    std::size_t count = 0; // members seen; more than `few`: find_duplicates_in_large

    [[gnu::always_inline]] void add(const Member &member, std::string_view key) {
      if (count >= few || key.size() > UINT32_MAX) {
        count = few + 1;
        return;
      }
      std::uint32_t first = 0;
      if (key.size() >= sizeof first) {
        std::memcpy(&first, key.data(), sizeof first);
      } else {
        for (std::size_t k = 0; k < key.size(); ++k) {
          first |= std::uint32_t{static_cast<unsigned char>(key[k])} << (8 * k);
        }
      }
      members[count] = &member;
      data[count] = key.data();
      head[count] = std::uint64_t{first} << 32 | static_cast<std::uint32_t>(key.size());
      ++count;
    }
  };

  void walk_container(const Value &value, json::Kind kind, CardScan cards, const Step *path) {
    if (kind == json::Kind::Array) {
      std::size_t i = 0;
      for (const auto &item : view_.items(value)) {
        const Step step{path, {}, i++, false};
        visit(item, view_.kind(item), cards, &step);
      }
      return;
    }
    // The second walk of response_body looks at strings only.
    const bool keys = keys_ && cards != CardScan::Strings;
    ObjectKeys seen;
    const bool top = path == nullptr;
    for (const auto &member : view_.members(value)) {
      const std::string_view key = view_.key(member);
      if (keys) seen.add(member, key);
      const Step step{path, key, 0, true};
      const Value &inner = view_.value(member);
      const auto *field = top && cards_ ? find_field(key).field : nullptr;
      if (field != nullptr && field->type == JsonType::Object) {
        first_string_ = last_string_ = nullptr;
        walk(inner, CardScan::Numbers, &step);
        if (first_string_ != nullptr &&
            view_.strings_may_hold_card_number(*first_string_, *last_string_)) {
          walk(inner, CardScan::Strings, &step);
        }
      } else {
        visit(inner, view_.kind(inner), cards, &step);
      }
    }
    // After its members: drafts are sorted by offset before they are kept.
    if (keys) find_duplicates(seen, value, path);
  }

  void find_duplicates(const ObjectKeys &keys, const Value &object, const Step *path) {
    if (keys.count > ObjectKeys::few) return find_duplicates_in_large(object, path);
    for (std::size_t i = 1; i < keys.count; ++i) {
      const auto size = static_cast<std::uint32_t>(keys.head[i]);
      for (std::size_t j = 0; j < i; ++j) {
        if (keys.head[j] == keys.head[i] &&
            (size <= 4 || std::memcmp(keys.data[j] + 4, keys.data[i] + 4, size - 4) == 0)) {
          report_duplicate(*keys.members[i], *keys.members[j], path);
          break;
        }
      }
    }
  }

  // In bounded memory (a map of 10 million keys took 500 MB): members sorted by the hash of their
  // key, in passes of at most `batch` members (16 bytes each) that split the hashes between
  // them; equal keys have equal hashes, so one pass holds every member of a key. Each member is
  // compared, in document order, with the first member of each key of its hash. Passes report
  // out of document order, which the sort of the drafts by offset (distinct for keys) undoes.
  void find_duplicates_in_large(const Value &object, const Step *path) {
    struct Entry {
      std::uint64_t order; // the key's hash (32 bits), then the member's index in the object
      const Member *member;
    };
    constexpr std::size_t batch = std::size_t{1} << 21;
    std::size_t count = 0;
    for ([[maybe_unused]] const auto &member : view_.members(object)) ++count;
    const std::size_t passes = (count + batch - 1) / batch;
    const std::hash<std::string_view> hash;
    std::vector<Entry> entries;
    // A pass holds about count / passes entries: room for a few more, so that it never doubles.
    entries.reserve(count / passes + count / passes / 8 + 64);
    std::vector<const Member *> firsts; // of each key of one hash
    for (std::size_t pass = 0; pass < passes; ++pass) {
      entries.clear();
      std::uint64_t index = 0;
      for (const auto &member : view_.members(object)) {
        const std::uint64_t h = hash(view_.key(member));
        if (((h >> 32) * passes) >> 32 == pass)
          entries.push_back(Entry{(h ^ (h >> 32)) << 32 | index, &member});
        ++index; // members past 2^32 would need a document of 16 GiB
      }
      std::sort(entries.begin(), entries.end(),
                [](const Entry &a, const Entry &b) { return a.order < b.order; });
      for (std::size_t run = 0, next = 0; run < entries.size(); run = next) {
        firsts.clear();
        for (next = run;
             next < entries.size() && entries[next].order >> 32 == entries[run].order >> 32;
             ++next) {
          const Member &member = *entries[next].member;
          const std::string_view key = view_.key(member);
          const auto first = std::find_if(firsts.begin(), firsts.end(), [&](const Member *other) {
            return view_.key(*other) == key;
          });
          if (first == firsts.end()) {
            firsts.push_back(&member);
          } else {
            report_duplicate(member, **first, path);
          }
        }
      }
    }
  }

  void report_duplicate(const Member &member, const Member &first, const Step *path) {
    if (counted(Rule::JsonDuplicateKey)) return;
    const std::string_view key = view_.key(member);
    std::string at = pointer_of(path);
    append_pointer_token(at, key);
    add(Rule::JsonDuplicateKey, view_.key_offset(member), std::move(at),
        "duplicate key " + quote_for_display(key) +
            " in this object: parsers disagree on which value wins; keep one");
    drafts_.back().related_offset = view_.key_offset(first);
    drafts_.back().related_message = "the first " + quote_for_display(key) + " is here";
  }

  void report_wrong_spelling(const Member &member, const FieldSpec &field) {
    const bool want_wire = options_.naming == NamingMode::Wire;
    const auto other = field.name(want_wire ? Naming::Wire : Naming::Sdk);
    add(Rule::FieldUnknown, view_.key_offset(member), pointer_to(member),
        "unknown field " + quote_for_display(view_.key(member)) + ": it is the " +
            (want_wire ? "SDK" : "wire") + " spelling of " + code_name(other) +
            ", and this document is checked with " + (want_wire ? "wire" : "SDK") +
            " names (--naming " + (want_wire ? "wire" : "sdk") +
            "), where it is an unknown key that " +
            (want_wire ? "the API ignores" : "the SDK drops silently"));
  }

  void check_fields(const Value &root) {
    root_ = &root;
    session::SessionScan<Member, Analyzer> scan(options_, *this);
    session_ = &scan.view();
    for (const auto &member : view_.members(root)) {
      scan.member(view_.key(member), member, view_of(view_, view_.value(member)));
    }
    naming_ = scan.finish();
  }

  void report_unknown(const Member &member) {
    if (past_cap(Rule::FieldUnknown, view_.key_offset(member))) return;
    const std::string_view key = view_.key(member);
    std::vector<std::string_view> names;
    for (const auto &field : fields()) {
      if (options_.naming != NamingMode::Sdk) names.push_back(field.wire);
      if (options_.naming != NamingMode::Wire && field.has_two_spellings()) {
        names.push_back(field.sdk);
      }
    }
    std::string message = "unknown field " + quote_for_display(key);
    if (const auto best = closest_match(key, names)) {
      message += "; did you mean " + code_name(*best) + "?";
    } else {
      message += " (a session has: ";
      const Naming naming = options_.naming == NamingMode::Sdk ? Naming::Sdk : Naming::Wire;
      for (const auto &field : fields()) {
        message += (field.id == Field::Type ? "" : ", ") + code_name(field.name(naming));
      }
      message += ")";
    }
    add(Rule::FieldUnknown, view_.key_offset(member), pointer_to(member), std::move(message));
  }

  void report_type(const Member &member, const FieldSpec &field) {
    const Value &value = view_.value(member);
    const json::Kind kind = view_.kind(value);
    std::string message = code_name(view_.key(member)) + " must be " +
                          std::string(field.type_label()) + ", but it is " +
                          std::string(json::kind_name(kind));
    if (kind == json::Kind::Null) {
      message += " (it is not nullable: leave the field out instead)";
    } else if (is_scalar(kind)) {
      const std::size_t offset = view_.offset(value);
      message += " (" +
                 (kind == json::Kind::String ? Redactor::show_string(view_.text(value))
                  : kind == json::Kind::Number
                      ? Redactor::show_number(view_.text(value))
                      : Redactor::show_raw(text_.substr(offset, view_.end(value) - offset))) +
                 ")";
    }
    add(Rule::FieldType, view_.offset(value), pointer_to(member), std::move(message));
  }

  void report_enum(const Member &member, const FieldSpec &field) {
    const Value &value = view_.value(member);
    const std::string_view text = view_.text(value);
    std::string allowed;
    for (const auto candidate : field.allowed) {
      allowed += (allowed.empty() ? "" : ", ") + quote_for_display(candidate);
    }
    std::string message = code_name(view_.key(member)) + " is " + quote_for_display(text) +
                          ", which is not allowed (allowed: " + allowed + ")";
    if (const auto best = closest_match(text, field.allowed)) {
      message += "; did you mean " + quote_for_display(*best) + "?";
    }
    add(Rule::FieldEnum, view_.offset(value), pointer_to(member), std::move(message));
  }

  std::string pointer_to(const Member &member) const {
    std::string pointer;
    append_pointer_token(pointer, view_.key(member));
    return pointer;
  }

  // The messages of the session rules (session_rules.hpp); `member` holds the value the finding
  // is about, nullptr for the document.
  void describe_session(Rule rule, const Member *member) {
    const session::SessionView &session = *session_;
    if (member == nullptr) {
      if (rule == Rule::MissingStatus) {
        add(rule, view_.offset(*root_), "",
            "the session has no `status`: the current API always sends \"succeeded\" or "
            "\"failed\"");
      }
      return;
    }
    const Value &value = view_.value(*member);
    const std::size_t offset = view_.offset(value);
    const auto literal = [&] { return Redactor::show_number(view_.text(value)); };
    switch (rule) {
    case Rule::StatusCodeRange:
      return add(rule, offset, pointer_to(*member),
                 code_name(view_.key(*member)) + " is " + literal() +
                     ", which is not an HTTP status code (an integer from 100 to 599)");
    case Rule::FailedWithoutCode:
      // One of two fixed messages, built in one allocation (most findings of a log are these).
      return add(rule, offset, pointer_to(*member),
                 std::string(session[Field::Code]
                                 ? "the session failed but gives no `code` saying why (it is null)"
                                 : "the session failed but gives no `code` saying why (it is "
                                   "absent)"));
    case Rule::SucceededWithCode:
      return add(rule, offset, pointer_to(*member),
                 "the session succeeded but has `code` " + quote_for_display(view_.text(value)) +
                     ", which is documented as the reason a session could not be generated");
    case Rule::StatusMismatch:
      return add(rule, offset, pointer_to(*member),
                 session[Field::Status]->text == "failed"
                     ? "the session failed, but the payment service answered " + literal() +
                           " (a success)"
                     : "the session succeeded, but the payment service answered " + literal() +
                           " (not a 2xx success)");
    default:
      return;
    }
  }
};

// Applies every rule to the document `view` holds, parsed from `text`.
// (The Analyzer applies the rule settings and the cap itself.)
// `drafts`: the Analyzer's storage, kept by a caller across documents (nullptr: its own).
template <typename View>
Report analyze_view(View &view, std::string_view text, const CheckOptions &options,
                    bool redact_clean = true, std::vector<Draft> *drafts = nullptr) {
  return Analyzer<View>(view, text, options, redact_clean, drafts).run();
}

} // namespace pss::detail
