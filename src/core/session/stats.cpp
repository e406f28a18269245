// Totals over many documents: reading the session fields quickly, counting, merging in order.
#include "core/session/stats.hpp"

#include <algorithm>
#include <numeric>

#include <simdjson.h>

#include "core/session/fields.hpp"
#include "core/session/summary.hpp"

namespace pss {
namespace {

void set_from_tree(FieldValue &field, const json::Value *value) {
  field.present = value != nullptr;
  field.kind = value != nullptr ? value->kind : json::Kind::Null;
  field.text.clear();
  if (value != nullptr && (value->kind == json::Kind::String || value->kind == json::Kind::Number))
    field.text = value->text;
}

void clear(SessionFacts &facts) {
  facts.object = false;
  facts.status.present = facts.code.present = facts.status_code.present = false;
  facts.status.text.clear();
  facts.code.text.clear();
  facts.status_code.text.clear();
  facts.body_object = false;
  facts.body_keys.clear();
  facts.body_bytes = 0;
}

// Where the top-level members' values are in the source, found through simdjson's structural
// index: a member is its key's opening quote, ':', its value (one structural for a scalar, from
// its opening to its closing bracket for a container) and ',' (or the closing '}'). Walked only
// as far as asked, members in order.
class MemberSpans {
public:
  MemberSpans(std::string_view text, std::span<const std::uint32_t> at, std::size_t members)
      : text_(text), at_(at), members_(members) {}

  // The byte range of member `index`'s value (index >= that of the previous call); false when
  // the index does not have the expected shape (then the caller reads the tree instead).
  bool value(std::size_t index, std::size_t &begin, std::size_t &end) {
    while (member_ < index) {
      std::size_t close = 0;
      if (!is_at(key_, '"') || !close_of(member_, close)) return false;
      key_ = close + 2; // past the value's last structural and the ',' after it
      ++member_;
    }
    if (!is_at(key_, '"') || !is_at(key_ + 1, ':') || key_ + 3 >= at_.size()) return false;
    std::size_t close = 0;
    if (!close_of(member_, close)) return false;
    begin = at_[key_ + 2];
    if (close > key_ + 2) { // a container: up to its closing bracket
      end = at_[close] + std::size_t{1};
      return true;
    }
    // A scalar: up to the next structural, less the whitespace before it.
    end = at_[key_ + 3];
    while (end > begin && is_space(text_[end - 1])) --end;
    return end > begin;
  }

private:
  std::string_view text_;
  std::span<const std::uint32_t> at_;
  std::size_t members_;
  std::size_t member_ = 0;
  std::size_t key_ = 1; // the structural of member_'s key (0 is the top-level '{')

  [[nodiscard]] bool is_at(std::size_t i, char c) const {
    return i < at_.size() && at_[i] < text_.size() && text_[at_[i]] == c;
  }
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  // The structural that ends member `member`'s value (the value's own for a scalar).
  bool close_of(std::size_t member, std::size_t &close) const {
    const std::size_t open = key_ + 2;
    if (open >= at_.size() || at_[open] >= text_.size()) return false;
    const char first = text_[at_[open]];
    if (first != '{' && first != '[') {
      close = open;
      return true;
    }
    // The last member's value closes just before the top-level '}': no need to walk through it.
    // (simdjson counts members up to 2^24 - 1, more than a document of 8 MiB can hold.)
    if (member + 1 == members_ && at_.size() >= 2 && is_at(at_.size() - 1, '}')) {
      close = at_.size() - 2;
      return close > open && is_at(close, first == '{' ? '}' : ']');
    }
    std::size_t depth = 0;
    for (std::size_t i = open; i < at_.size(); ++i) {
      const std::uint32_t offset = at_[i];
      if (offset >= text_.size()) return false;
      const char c = text_[offset];
      if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        close = i;
        return true;
      }
    }
    return false;
  }
};

// A scalar or container named by its kind; a number's literal is read by the caller.
bool set_from_element(FieldValue &field, simdjson::dom::element value) {
  field.present = true;
  field.text.clear();
  switch (value.type()) {
  case simdjson::dom::element_type::STRING: {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return false;
    field.kind = json::Kind::String;
    field.text.assign(text);
    break;
  }
  case simdjson::dom::element_type::INT64:
  case simdjson::dom::element_type::UINT64:
  case simdjson::dom::element_type::DOUBLE:
    field.kind = json::Kind::Number;
    break;
  case simdjson::dom::element_type::BOOL: {
    bool is_true = false;
    if (value.get_bool().get(is_true) != simdjson::SUCCESS) return false;
    field.kind = is_true ? json::Kind::True : json::Kind::False;
    break;
  }
  case simdjson::dom::element_type::NULL_VALUE:
    field.kind = json::Kind::Null;
    break;
  case simdjson::dom::element_type::ARRAY:
    field.kind = json::Kind::Array;
    break;
  case simdjson::dom::element_type::OBJECT:
    field.kind = json::Kind::Object;
    break;
  }
  return true;
}

// SessionFacts from simdjson's DOM; false when the source does not line up with it.
bool read_from_dom(const Checker::Parsed &parsed, std::string_view text, SessionFacts &facts) {
  simdjson::dom::object object;
  if (parsed.document->root().get_object().get(object) != simdjson::SUCCESS)
    return true; // JSON, not an object
  facts.object = true;
  MemberSpans spans(text, parsed.structurals, object.size());
  FieldMap<bool> seen{};
  std::size_t index = 0;
  for (const auto [key, value] : object) {
    const std::size_t member = index++;
    const FieldMatch match = find_field(key);
    if (match.field == nullptr) continue;
    const Field id = match.field->id;
    if (seen[id]) continue; // the first value counts, as in inspect's summary
    seen[id] = true;
    FieldValue *field = id == Field::Status       ? &facts.status
                        : id == Field::Code       ? &facts.code
                        : id == Field::StatusCode ? &facts.status_code
                                                  : nullptr;
    std::size_t begin = 0;
    std::size_t end = 0;
    if (field != nullptr) {
      if (!set_from_element(*field, value)) return false;
      // A number as written ("504.0", "5.04e2"): the DOM keeps only its value.
      if (field->kind == json::Kind::Number) {
        if (!spans.value(member, begin, end)) return false;
        field->text.assign(text.substr(begin, end - begin));
      }
    } else if (id == Field::ResponseBody && value.type() == simdjson::dom::element_type::OBJECT) {
      if (!spans.value(member, begin, end)) return false;
      facts.body_object = true;
      facts.body_bytes = end - begin;
      simdjson::dom::object body;
      if (value.get_object().get(body) != simdjson::SUCCESS) return false;
      for (const auto body_field : body) {
        if (!facts.body_keys.empty()) facts.body_keys += ',';
        json::append_quoted(facts.body_keys, body_field.key);
      }
    }
  }
  return true;
}

} // namespace

SessionFacts session_facts(const json::Value &root) {
  SessionFacts facts;
  if (root.kind != json::Kind::Object) return facts;
  facts.object = true;
  const Summary summary = summarize(root);
  set_from_tree(facts.status, summary.values[Field::Status]);
  set_from_tree(facts.code, summary.values[Field::Code]);
  set_from_tree(facts.status_code, summary.values[Field::StatusCode]);
  if (const json::Value *body = summary.values[Field::ResponseBody];
      body != nullptr && body->kind == json::Kind::Object) {
    facts.body_object = true;
    for (const auto &member : body->members) {
      if (!facts.body_keys.empty()) facts.body_keys += ',';
      json::append_quoted(facts.body_keys, member.key);
    }
    facts.body_bytes = summary.body.bytes;
  }
  return facts;
}

void read_session_facts(const Checker::Parsed &parsed, std::string_view text, SessionFacts &facts) {
  clear(facts);
  if (parsed.document != nullptr && read_from_dom(parsed, text, facts)) return;
  clear(facts);
  const auto tree = json::parse(text);
  if (tree.value) facts = session_facts(*tree.value);
}

void SizeHistogram::add(std::uint64_t size, std::uint64_t count) {
  if (count == 0) return;
  count_ += count;
  if (size >= dense_limit) {
    sparse_[size] += count;
    return;
  }
  if (dense_.size() <= size) dense_.resize(size + 1);
  dense_[size] += count;
}

void SizeHistogram::merge(const SizeHistogram &other) {
  for (std::size_t size = 0; size < other.dense_.size(); ++size) add(size, other.dense_[size]);
  for (const auto &[size, count] : other.sparse_) add(size, count);
}

std::uint64_t SizeHistogram::nth(std::uint64_t n) const {
  std::uint64_t seen = 0;
  for (std::size_t size = 0; size < dense_.size(); ++size) {
    seen += dense_[size];
    if (seen >= n) return size;
  }
  for (const auto &[size, count] : sparse_) {
    seen += count;
    if (seen >= n) return size;
  }
  return 0;
}

std::uint64_t SizeHistogram::min() const {
  return count_ == 0 ? 0 : nth(1);
}

std::uint64_t SizeHistogram::max() const {
  return count_ == 0 ? 0 : nth(count_);
}

std::uint64_t SizeHistogram::median() const {
  return count_ == 0 ? 0 : nth((count_ + 1) / 2);
}

namespace {

// A unique encoding of a FieldValue, for hashing: presence, kind, length, text.
void append_id(std::string &id, const FieldValue &value) {
  id += value.present ? static_cast<char>('a' + static_cast<int>(value.kind)) : '-';
  id += std::to_string(value.text.size());
  id += ':';
  id += value.text;
}

} // namespace

Totals::Totals(std::size_t limit) : outcomes(limit), codes(limit), shapes(limit) {}

void Totals::add(const Report &report, const SessionFacts *facts, bool strict, std::size_t input,
                 Origin origin) {
  ++documents;
  if (report.valid(strict)) ++valid;
  if (!report.is_json) {
    ++not_json;
  } else if (facts != nullptr && !facts->object) {
    ++not_object;
  } else {
    ++naming[static_cast<std::size_t>(report.naming)];
  }
  std::array<bool, rule_count> counted{};
  for (const auto &finding : report.findings) {
    const auto index = static_cast<std::size_t>(finding.rule);
    RuleTotal &total = rules[index];
    ++total.findings;
    if (!counted[index]) ++total.documents;
    counted[index] = true;
    if (!total.first) {
      const Position at = shift(finding.position, origin);
      total.first = FirstSeen{input, at.line, at.column};
    }
  }
  // Findings past --max-findings are not shown, but they are counted.
  for (std::size_t index = 0; index < rule_count; ++index) {
    const std::size_t omitted = report.omitted_by_rule[index];
    if (omitted == 0) continue;
    rules[index].findings += omitted;
    if (!counted[index]) ++rules[index].documents;
  }
  if (facts == nullptr || !facts->object) return;
  id_.clear();
  append_id(id_, facts->status);
  append_id(id_, facts->status_code);
  const std::size_t code_at = id_.size();
  append_id(id_, facts->code);
  outcomes.add(id_, [&] { return Outcome{facts->status, facts->status_code, facts->code}; });
  if (facts->code.present && facts->code.kind != json::Kind::Null)
    codes.add(std::string_view(id_).substr(code_at), [&] { return facts->code; });
  if (facts->body_object) {
    shapes.add(facts->body_keys, [&] { return facts->body_keys; });
    body_sizes.add(facts->body_bytes);
  } else {
    ++body_absent;
  }
}

void Totals::merge(const Totals &later) {
  documents += later.documents;
  valid += later.valid;
  not_json += later.not_json;
  not_object += later.not_object;
  for (std::size_t i = 0; i < naming.size(); ++i) naming[i] += later.naming[i];
  for (std::size_t i = 0; i < rules.size(); ++i) {
    rules[i].findings += later.rules[i].findings;
    rules[i].documents += later.rules[i].documents;
    if (!rules[i].first) rules[i].first = later.rules[i].first;
  }
  outcomes.merge(later.outcomes);
  codes.merge(later.codes);
  shapes.merge(later.shapes);
  body_sizes.merge(later.body_sizes);
  body_absent += later.body_absent;
}

std::vector<std::pair<FieldValue, std::uint64_t>> Totals::top_codes(std::size_t n) const {
  auto sorted = codes.entries();
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto &a, const auto &b) { return a.second > b.second; });
  if (sorted.size() > n) sorted.resize(n);
  return sorted;
}

} // namespace pss
