// The session rules, each written once and run by the one Analyzer (analyzer.hpp) over whichever
// view of a document it has: simdjson's tape (the Checker, and quick_clean's screen), the compact
// tape (documents over 8 MiB) or the located tree (text simdjson refuses). Internal to the core:
// callers use check.hpp.
//
// The Analyzer feeds the top-level members to a SessionScan in document order, each with a
// handle it can locate later (a tape word, a tree member) and a ValueView of its value; the scan
// applies the key and value rules, finds the five fields once (a SessionView), then runs the
// catalogue of session rules over it. Every rule broken is told to the Sink, which builds a
// located finding, or on the screen just notes that the document is not clean.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/json/value.hpp"
#include "core/session/check.hpp"
#include "core/session/fields.hpp"
#include "core/session/rules.hpp"

namespace pss::session {

// What a rule sees of a value, however it was parsed.
struct ValueView {
  json::Kind kind = json::Kind::Null;
  std::string_view text;               // a string's decoded text; empty for other kinds
  std::optional<std::int64_t> integer; // a number's value, when an integer of at most 18 digits
};

// The first accepted occurrence of each field (nullopt: absent).
using SessionView = FieldMap<std::optional<ValueView>>;

// ---- Value rules: run on every accepted occurrence of a field ----

// field.type: the value's JSON type is one the field accepts.
[[nodiscard]] inline bool field_type_broken(const FieldSpec &field, const ValueView &value) {
  return !field.accepts(value.kind);
}

// field.enum: a string of a closed enum is one of its values (the type rule comes first).
[[nodiscard]] inline bool field_enum_broken(const FieldSpec &field, const ValueView &value) {
  if (value.kind != json::Kind::String || field.allowed.empty()) return false;
  for (const auto allowed : field.allowed) {
    if (allowed == value.text) return false;
  }
  return true;
}

// ---- Session rules: run once per document over the SessionView ----

// What a session rule is about: a field's value, or the document itself (nullopt).
using Subject = std::optional<Field>;

// A session rule's check: nullopt when the session keeps the rule, else what breaks it.
using SessionCheck = std::optional<Subject> (*)(const SessionView &);

namespace detail {

// The HTTP status when status_code is an integer from 100 to 599, else 0.
inline std::int64_t http_status(const SessionView &s) {
  const auto &code = s[Field::StatusCode];
  if (!code || code->kind != json::Kind::Number || !code->integer) return 0;
  return *code->integer >= 100 && *code->integer <= 599 ? *code->integer : 0;
}

inline bool status_is(const SessionView &s, std::string_view value) {
  const auto &status = s[Field::Status];
  return status && status->kind == json::Kind::String && status->text == value;
}

inline bool is_2xx(std::int64_t http) {
  return http >= 200 && http <= 299;
}

} // namespace detail

// status-code.range: a number status_code is an integer HTTP status code.
inline std::optional<Subject> status_code_range(const SessionView &s) {
  const auto &code = s[Field::StatusCode];
  if (code && code->kind == json::Kind::Number && detail::http_status(s) == 0) {
    return Field::StatusCode;
  }
  return std::nullopt;
}

// session.missing-status: the current API always sends status.
inline std::optional<Subject> missing_status(const SessionView &s) {
  if (!s[Field::Status]) return Subject{};
  return std::nullopt;
}

// session.failed-without-code: a failed session says why.
inline std::optional<Subject> failed_without_code(const SessionView &s) {
  const auto &code = s[Field::Code];
  if (detail::status_is(s, "failed") && (!code || code->kind == json::Kind::Null)) {
    return Field::Status;
  }
  return std::nullopt;
}

// session.succeeded-with-code: code is the reason a session could not be generated.
inline std::optional<Subject> succeeded_with_code(const SessionView &s) {
  const auto &code = s[Field::Code];
  if (detail::status_is(s, "succeeded") && code && code->kind == json::Kind::String) {
    return Field::Code;
  }
  return std::nullopt;
}

// session.status-mismatch: status and the HTTP status agree on success.
inline std::optional<Subject> status_mismatch(const SessionView &s) {
  const std::int64_t http = detail::http_status(s);
  if (http == 0) return std::nullopt;
  if ((detail::status_is(s, "failed") && detail::is_2xx(http)) ||
      (detail::status_is(s, "succeeded") && !detail::is_2xx(http))) {
    return Field::StatusCode;
  }
  return std::nullopt;
}

struct SessionRule {
  Rule rule;
  SessionCheck check;
};

// The catalogue's session rules with their checks. A new session rule: its id in rules.hpp and
// rules.cpp, its function above, one row here, its message in analyzer.hpp's describe_session().
inline constexpr SessionRule session_rules[] = {
    {Rule::StatusCodeRange, status_code_range},     {Rule::MissingStatus, missing_status},
    {Rule::FailedWithoutCode, failed_without_code}, {Rule::SucceededWithCode, succeeded_with_code},
    {Rule::StatusMismatch, status_mismatch},
};

// ---- The scan of the top-level members ----

// What a Sink is told about a broken rule; which parts are set depends on the rule.
template <typename Handle> struct Breach {
  Rule rule;
  const Handle *at = nullptr;       // the member (key rules) or field value it is about
  const FieldSpec *field = nullptr; // the field concerned, if any
  const Handle *earlier = nullptr;  // naming.mixed: the first key of the other spelling
  bool earlier_wire = false;        // naming.mixed: `earlier` is spelled the wire way
  bool wrong_spelling = false;      // field.unknown: a field's other spelling under --naming
};

// Sink: `void report(const Breach<Handle> &)`, and `bool wants(Rule) const` (false: the rule is
// disabled and its check can be skipped).
template <typename Handle, typename Sink> class SessionScan {
public:
  SessionScan(const CheckOptions &options, Sink &sink) : options_(options), sink_(sink) {}

  // One top-level member, in document order; `handle` must outlive the scan.
  void member(std::string_view key, const Handle &handle, const ValueView &value) {
    const FieldMatch match = find_field(key);
    ++members_;
    if (match.field == nullptr) {
      report({Rule::FieldUnknown, &handle});
      return;
    }
    const FieldSpec &field = *match.field;
    const bool two = field.has_two_spellings();
    if (two) {
      if (match.wire && first_wire_ == nullptr) first_wire_ = &handle, wire_rank_ = members_;
      if (match.sdk && first_sdk_ == nullptr) first_sdk_ = &handle, sdk_rank_ = members_;
    }
    if (!accepted(match)) {
      report({.rule = Rule::FieldUnknown, .at = &handle, .field = &field, .wrong_spelling = true});
      return;
    }
    if (two) {
      auto &mine = match.wire ? spelled_wire_[field.id] : spelled_sdk_[field.id];
      const bool theirs = match.wire ? spelled_sdk_[field.id] : spelled_wire_[field.id];
      if (theirs && !mine) report({.rule = Rule::NamingConflict, .at = &handle, .field = &field});
      mine = true;
    }
    if (field_type_broken(field, value)) {
      report({.rule = Rule::FieldType, .at = &handle, .field = &field});
    } else if (field_enum_broken(field, value)) {
      report({.rule = Rule::FieldEnum, .at = &handle, .field = &field});
    }
    if (!view_[field.id]) {
      view_[field.id] = value;
      at_[field.id] = &handle;
    }
  }

  // After the last member: the naming rules and the session rules. Returns the naming used.
  DetectedNaming finish() {
    DetectedNaming naming = DetectedNaming::Either;
    if (first_wire_ != nullptr && first_sdk_ != nullptr) {
      naming = DetectedNaming::Mixed;
      if (options_.naming == NamingMode::Auto) {
        const bool wire_first = wire_rank_ < sdk_rank_;
        report({.rule = Rule::NamingMixed,
                .at = wire_first ? first_sdk_ : first_wire_,
                .earlier = wire_first ? first_wire_ : first_sdk_,
                .earlier_wire = wire_first});
      }
    } else if (first_wire_ != nullptr) {
      naming = DetectedNaming::Wire;
    } else if (first_sdk_ != nullptr) {
      naming = DetectedNaming::Sdk;
    }
    for (const auto &row : session_rules) {
      if (!sink_.wants(row.rule)) continue;
      if (const auto subject = row.check(view_)) {
        report({.rule = row.rule,
                .at = *subject ? at_[**subject] : nullptr,
                .field = *subject ? &field_spec(**subject) : nullptr});
      }
    }
    return naming;
  }

  [[nodiscard]] const SessionView &view() const { return view_; }

private:
  const CheckOptions &options_;
  Sink &sink_;
  SessionView view_;
  FieldMap<const Handle *> at_{};
  FieldMap<bool> spelled_wire_{};
  FieldMap<bool> spelled_sdk_{};
  const Handle *first_wire_ = nullptr;
  const Handle *first_sdk_ = nullptr;
  std::size_t members_ = 0;   // members seen so far
  std::size_t wire_rank_ = 0; // members_ when first_wire_ was seen
  std::size_t sdk_rank_ = 0;

  void report(const Breach<Handle> &breach) {
    if (sink_.wants(breach.rule)) sink_.report(breach);
  }

  // Is `match` accepted under the requested naming? (Auto accepts both spellings.)
  bool accepted(const FieldMatch &match) const {
    if (!match.field->has_two_spellings() || options_.naming == NamingMode::Auto) return true;
    return options_.naming == NamingMode::Wire ? match.wire : match.sdk;
  }
};

} // namespace pss::session
