// Totals over many documents: reading the session fields quickly, counting, merging in order.
#include "core/session/stats.hpp"

#include <algorithm>
#include <numeric>

#include <simdjson.h>

#include "core/session/fields.hpp"
#include "core/session/summary.hpp"

namespace pss {
namespace {

namespace od = simdjson::ondemand;

void set_from_tree(FieldValue &field, const json::Value *value) {
  field.present = value != nullptr;
  field.kind = value != nullptr ? value->kind : json::Kind::Null;
  field.text.clear();
  if (value != nullptr && (value->kind == json::Kind::String || value->kind == json::Kind::Number))
    field.text = value->text;
}

json::Kind kind_of(od::json_type type, bool is_true) {
  switch (type) {
  case od::json_type::array:
    return json::Kind::Array;
  case od::json_type::object:
    return json::Kind::Object;
  case od::json_type::number:
    return json::Kind::Number;
  case od::json_type::string:
    return json::Kind::String;
  case od::json_type::boolean:
    return is_true ? json::Kind::True : json::Kind::False;
  case od::json_type::null:
    break;
  }
  return json::Kind::Null;
}

// Reads a scalar field's value; containers are only named. False on a simdjson error.
bool read_field(od::value value, FieldValue &field) {
  od::json_type type{};
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  field.present = true;
  field.text.clear();
  bool is_true = false;
  if (type == od::json_type::string) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) return false;
    field.text.assign(text);
  } else if (type == od::json_type::number) {
    std::string_view token = value.raw_json_token();
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                              token.back() == '\r'))
      token.remove_suffix(1);
    field.text.assign(token);
  } else if (type == od::json_type::boolean) {
    if (value.get_bool().get(is_true) != simdjson::SUCCESS) return false;
  } else if (type == od::json_type::null) {
    bool null = false;
    if (value.is_null().get(null) != simdjson::SUCCESS || !null) return false;
  }
  field.kind = kind_of(type, is_true);
  return true;
}

// Reads response_body's keys and byte size; `text` is the whole document. False on an error.
bool read_body(od::value value, std::string_view text, od::document &doc, SessionFacts &facts) {
  const char *start = nullptr;
  if (value.current_location().get(start) != simdjson::SUCCESS) return false;
  od::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) return false;
  facts.body_object = true;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return false;
    if (!facts.body_keys.empty()) facts.body_keys += ',';
    json::append_quoted(facts.body_keys, key);
  }
  // The iterator now stands on the token after the body's closing brace (inside the top-level
  // object there always is one): step back over whitespace to that brace.
  const char *after = nullptr;
  if (doc.current_location().get(after) != simdjson::SUCCESS) return false;
  const char *end = after;
  while (end > start && *(end - 1) != '}') --end;
  if (end <= start || end > text.data() + text.size()) return false;
  facts.body_bytes = static_cast<std::size_t>(end - start);
  return true;
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

struct SessionReader::Impl {
  od::parser parser;
};

SessionReader::SessionReader() : impl_(std::make_unique<Impl>()) {}
SessionReader::~SessionReader() = default;

void SessionReader::read(std::string_view text, SessionFacts &facts) {
  clear(facts);
  const auto fallback = [&] {
    clear(facts);
    const auto parsed = json::parse(text);
    if (parsed.value) facts = session_facts(*parsed.value);
  };
  od::document doc;
  if (impl_->parser
          .iterate(simdjson::padded_string_view(text.data(), text.size(), text.size() + padding))
          .get(doc) != simdjson::SUCCESS) {
    return fallback();
  }
  od::json_type type{};
  if (doc.type().get(type) != simdjson::SUCCESS) return fallback();
  if (type != od::json_type::object) {
    if (type == od::json_type::array || type == od::json_type::string ||
        type == od::json_type::number || type == od::json_type::boolean ||
        type == od::json_type::null)
      return; // JSON, not an object (a malformed scalar is the checker's business)
    return fallback();
  }
  od::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return fallback();
  facts.object = true;
  FieldMap<bool> seen{};
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return fallback();
    const FieldMatch match = find_field(key);
    if (match.field == nullptr) continue;
    const Field id = match.field->id;
    if (seen[id]) continue; // the first value counts, as in inspect's summary
    seen[id] = true;
    od::value value = field.value();
    bool ok = true;
    switch (id) {
    case Field::Status:
      ok = read_field(value, facts.status);
      break;
    case Field::Code:
      ok = read_field(value, facts.code);
      break;
    case Field::StatusCode:
      ok = read_field(value, facts.status_code);
      break;
    case Field::ResponseBody: {
      od::json_type body_type{};
      if (value.type().get(body_type) != simdjson::SUCCESS) return fallback();
      if (body_type == od::json_type::object) ok = read_body(value, text, doc, facts);
      break;
    }
    default:
      break;
    }
    if (!ok) return fallback();
  }
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
  if (facts == nullptr || !facts->object) return;
  std::string id;
  append_id(id, facts->status);
  append_id(id, facts->status_code);
  append_id(id, facts->code);
  outcomes.add(Outcome{facts->status, facts->status_code, facts->code}, std::move(id));
  if (facts->code.present && facts->code.kind != json::Kind::Null) {
    std::string code_id;
    append_id(code_id, facts->code);
    codes.add(facts->code, std::move(code_id));
  }
  if (facts->body_object) {
    shapes.add(facts->body_keys, std::string(facts->body_keys));
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
