// The rules of the catalogue over a located tree, and the simdjson fast path in front of them.
#include "core/check.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>

#include <simdjson.h>

#include "core/fast_path.hpp"
#include "core/text.hpp"

namespace pss {

static_assert(padding == simdjson::SIMDJSON_PADDING);

std::string_view detected_naming_name(DetectedNaming naming) {
  switch (naming) {
  case DetectedNaming::Either:
    return "either";
  case DetectedNaming::Wire:
    return "wire";
  case DetectedNaming::Sdk:
    return "sdk";
  case DetectedNaming::Mixed:
    return "mixed";
  }
  return "either";
}

std::size_t Report::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [&](const Finding &f) { return f.severity == severity; }));
}

bool Report::valid(bool strict) const {
  for (const auto &finding : findings) {
    if (finding.severity == Severity::Error || strict) return false;
  }
  return true;
}

Position shift(Position position, Origin origin) {
  position.offset += origin.offset;
  position.line += origin.line - 1;
  return position;
}

namespace {

// A finding before its offset is turned into a line and column.
struct Draft {
  Rule rule;
  std::size_t offset;
  std::string pointer;
  std::string message;
  std::optional<std::size_t> related_offset = {}; // a second place, with related_message
  std::string related_message = {};
};

std::string code_name(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '`';
  out += name;
  out += '`';
  return out;
}

// The digits (with a leading '-' when negative) of the integer a number literal denotes, read
// from the literal itself, never through a double: "2e2" and "200.0" give "200",
// "400.0000000000000006" gives nothing. Integers longer than 40 digits give nothing either.
std::optional<std::string> integer_digits(std::string_view literal) {
  std::size_t i = 0;
  const bool negative = !literal.empty() && literal[0] == '-';
  if (negative) ++i;
  std::string digits; // all significant digits, integer and fraction parts
  long long exponent = 0;
  for (; i < literal.size() && literal[i] >= '0' && literal[i] <= '9'; ++i) digits += literal[i];
  if (i < literal.size() && literal[i] == '.') {
    for (++i; i < literal.size() && literal[i] >= '0' && literal[i] <= '9'; ++i) {
      digits += literal[i];
      --exponent;
    }
  }
  if (i < literal.size() && (literal[i] == 'e' || literal[i] == 'E')) {
    ++i;
    const bool minus = i < literal.size() && literal[i] == '-';
    if (i < literal.size() && (literal[i] == '+' || literal[i] == '-')) ++i;
    long long e = 0;
    for (; i < literal.size(); ++i) e = std::min(e * 10 + (literal[i] - '0'), 1'000'000LL);
    exponent += minus ? -e : e;
  }
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  for (; exponent < 0; ++exponent) {
    if (digits.empty()) return "0";
    if (digits.back() != '0') return std::nullopt; // a non-zero fraction
    digits.pop_back();
  }
  if (digits.empty()) return "0";
  if (digits.size() + static_cast<std::size_t>(exponent) > 40) return std::nullopt;
  digits.append(static_cast<std::size_t>(exponent), '0');
  return negative ? "-" + digits : digits;
}

// The value of a number literal that denotes an integer of at most 18 digits.
std::optional<long long> exact_integer(std::string_view literal) {
  const auto digits = integer_digits(literal);
  // 18 digits (and a sign) always fit a long long; longer integers are never HTTP status codes.
  if (!digits || digits->size() > (digits->front() == '-' ? 19U : 18U)) return std::nullopt;
  return std::stoll(*digits);
}

// A card number held by a value: in a string's text, or in the digits of the integer a number
// denotes (a number with a fraction is a measurement, not a card number).
bool holds_card_number(const json::Value &value) {
  if (value.kind == json::Kind::String) return has_card_number(value.text);
  if (value.kind != json::Kind::Number) return false;
  const auto digits = integer_digits(value.text);
  return digits && has_card_number(*digits);
}

// Every part of the source a person must not see: scalars under secret keys as "***", and any
// string or number that holds a card number, masked.
void collect_redactions(const json::Value &value, bool secret, std::vector<Redaction> &out) {
  if (value.kind == json::Kind::Object) {
    for (const auto &member : value.members) {
      collect_redactions(member.value, secret || is_secret_key(member.key), out);
    }
    return;
  }
  if (value.kind == json::Kind::Array) {
    for (const auto &item : value.items) collect_redactions(item, secret, out);
    return;
  }
  const ByteRange range{value.offset, value.end};
  const bool text = value.kind == json::Kind::String;
  if (secret) {
    out.push_back(Redaction{range, text ? "\"***\"" : std::string(secret_mask)});
  } else if ((text || value.kind == json::Kind::Number) && has_card_number(value.text)) {
    out.push_back(
        Redaction{range, text ? quote_for_display(value.text) : mask_card_numbers(value.text)});
  }
}

struct FieldUse {
  const json::Member *member = nullptr; // the first accepted occurrence
  bool wire = false;                    // spelled the wire way (for two-spelling fields)
};

class Analyzer {
public:
  Analyzer(std::string_view text, const CheckOptions &options) : text_(text), options_(options) {}

  Report run(const json::Value &root) {
    walk(root, false, false);
    if (root.kind != json::Kind::Object) {
      add(Rule::SessionNotObject, root.offset, "",
          "a session must be a JSON object, but the document is " +
              std::string(json::kind_name(root.kind)));
    } else {
      check_fields(root);
    }
    report_.naming = naming_;
    collect_redactions(root, false, report_.redactions);
    finish();
    return std::move(report_);
  }

private:
  std::string_view text_;
  const CheckOptions &options_;
  Report report_;
  std::vector<Draft> drafts_;
  DetectedNaming naming_ = DetectedNaming::Either;

  void add(Rule rule, std::size_t offset, std::string pointer, std::string message) {
    drafts_.push_back(Draft{rule, offset, std::move(pointer), std::move(message)});
  }

  void finish() {
    std::stable_sort(drafts_.begin(), drafts_.end(),
                     [](const Draft &a, const Draft &b) { return a.offset < b.offset; });
    if (drafts_.empty()) return;
    const LineIndex index(text_);
    for (auto &draft : drafts_) {
      // A key may hold a card number too: pointers are shown to people.
      report_.findings.push_back(Finding{draft.rule, rule_spec(draft.rule).severity,
                                         mask_card_numbers(draft.pointer),
                                         index.locate(draft.offset), std::move(draft.message)});
      if (draft.related_offset) {
        report_.findings.back().related.push_back(
            Related{index.locate(*draft.related_offset), std::move(draft.related_message)});
      }
    }
  }

  // The path from the root to the value being walked; a pointer is built only for a finding.
  struct Step {
    const std::string *key; // nullptr for an array index
    std::size_t index;
  };
  std::vector<Step> path_;

  [[nodiscard]] std::string current_pointer() const {
    std::string pointer;
    for (const auto &step : path_) {
      if (step.key != nullptr) {
        append_pointer_token(pointer, *step.key);
      } else {
        pointer += '/';
        pointer += std::to_string(step.index);
      }
    }
    return pointer;
  }

  // Duplicate keys at every depth, card numbers in response_body.
  void walk(const json::Value &value, bool in_body, bool secret) {
    if (value.kind == json::Kind::Object) {
      find_duplicates(value);
      const bool top = path_.empty();
      for (const auto &member : value.members) {
        const auto *field = top ? find_field(member.key).field : nullptr;
        const bool body = in_body || (field != nullptr && field->type == JsonType::Object);
        path_.push_back(Step{&member.key, 0});
        walk(member.value, body, secret || is_secret_key(member.key));
        path_.pop_back();
      }
      return;
    }
    if (value.kind == json::Kind::Array) {
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        path_.push_back(Step{nullptr, i});
        walk(value.items[i], in_body, secret);
        path_.pop_back();
      }
      return;
    }
    if (in_body && holds_card_number(value)) {
      add(Rule::PciPan, value.offset, current_pointer(),
          "this value looks like a card number (" +
              (secret ? std::string(secret_mask) : quote_for_display(value.text)) +
              "): card data must not be kept in logs or fixtures; mask or remove it");
    }
  }

  void find_duplicates(const json::Value &object) {
    const auto &members = object.members;
    if (members.size() < 2) return;
    auto report = [&](const json::Member &member, const json::Member &first) {
      std::string at = current_pointer();
      append_pointer_token(at, member.key);
      add(Rule::JsonDuplicateKey, member.key_offset, std::move(at),
          "duplicate key " + quote_for_display(member.key) +
              " in this object: parsers disagree on which value wins; keep one");
      drafts_.back().related_offset = first.key_offset;
      drafts_.back().related_message = "the first " + quote_for_display(member.key) + " is here";
    };
    if (members.size() <= 16) {
      for (std::size_t i = 1; i < members.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (members[i].key == members[j].key) {
            report(members[i], members[j]);
            break;
          }
        }
      }
      return;
    }
    std::unordered_map<std::string_view, const json::Member *> seen;
    for (const auto &member : members) {
      const auto [first, fresh] = seen.emplace(member.key, &member);
      if (!fresh) report(member, *first->second);
    }
  }

  // Is `match` accepted under the requested naming? Reports the spelling hazard when not.
  bool accepted(const json::Member &member, const FieldMatch &match) {
    if (!match.field->has_two_spellings() || options_.naming == NamingMode::Auto) return true;
    const bool want_wire = options_.naming == NamingMode::Wire;
    if (want_wire ? match.wire : match.sdk) return true;
    const auto other = match.field->name(want_wire ? Naming::Wire : Naming::Sdk);
    std::string pointer;
    append_pointer_token(pointer, member.key);
    add(Rule::FieldUnknown, member.key_offset, std::move(pointer),
        "unknown field " + quote_for_display(member.key) + ": it is the " +
            (want_wire ? "SDK" : "wire") + " spelling of " + code_name(other) +
            ", and this document is checked with " + (want_wire ? "wire" : "SDK") +
            " names (--naming " + (want_wire ? "wire" : "sdk") +
            "), where it is an unknown key that " +
            (want_wire ? "the API ignores" : "the SDK drops silently"));
    return false;
  }

  void check_fields(const json::Value &root) {
    const auto specs = fields();
    std::array<FieldUse, 5> uses{};
    std::array<bool, 5> spelled_wire{};
    std::array<bool, 5> spelled_sdk{};
    const json::Member *first_wire = nullptr;
    const json::Member *first_sdk = nullptr;

    for (const auto &member : root.members) {
      const FieldMatch match = find_field(member.key);
      if (match.field == nullptr) {
        report_unknown(member);
        continue;
      }
      const auto index = static_cast<std::size_t>(match.field - specs.data());
      if (match.field->has_two_spellings()) {
        if (match.wire && first_wire == nullptr) first_wire = &member;
        if (match.sdk && first_sdk == nullptr) first_sdk = &member;
      }
      if (!accepted(member, match)) continue;
      if (match.field->has_two_spellings()) {
        auto &mine = match.wire ? spelled_wire[index] : spelled_sdk[index];
        auto &theirs = match.wire ? spelled_sdk[index] : spelled_wire[index];
        if (theirs && !mine) {
          std::string pointer;
          append_pointer_token(pointer, member.key);
          add(Rule::NamingConflict, member.key_offset, std::move(pointer),
              "both " + code_name(match.field->wire) + " and " + code_name(match.field->sdk) +
                  " are present (the wire and SDK spelling of the same field): keep one");
        }
        mine = true;
      }
      check_type(member, *match.field);
      if (uses[index].member == nullptr) uses[index] = FieldUse{&member, match.wire};
    }

    if (first_wire != nullptr && first_sdk != nullptr) {
      naming_ = DetectedNaming::Mixed;
      if (options_.naming == NamingMode::Auto) {
        const json::Member &later =
            first_wire->key_offset > first_sdk->key_offset ? *first_wire : *first_sdk;
        const json::Member &earlier = &later == first_wire ? *first_sdk : *first_wire;
        std::string pointer;
        append_pointer_token(pointer, later.key);
        add(Rule::NamingMixed, later.key_offset, std::move(pointer),
            "this document mixes spellings: " + code_name(earlier.key) + " is " +
                (&earlier == first_wire ? "wire" : "SDK") + " naming and " + code_name(later.key) +
                " is " + (&later == first_wire ? "wire" : "SDK") +
                " naming; use one (the SDK drops keys it does not know)");
      }
    } else if (first_wire != nullptr) {
      naming_ = DetectedNaming::Wire;
    } else if (first_sdk != nullptr) {
      naming_ = DetectedNaming::Sdk;
    }

    check_session(root, uses);
  }

  void report_unknown(const json::Member &member) {
    std::vector<std::string_view> names;
    for (const auto &field : fields()) {
      if (options_.naming != NamingMode::Sdk) names.push_back(field.wire);
      if (options_.naming != NamingMode::Wire && field.has_two_spellings()) {
        names.push_back(field.sdk);
      }
    }
    std::string message = "unknown field " + quote_for_display(member.key);
    if (const auto best = closest_match(member.key, names)) {
      message += "; did you mean " + code_name(*best) + "?";
    } else {
      message += " (a session has: ";
      for (std::size_t i = 0; i < 5; ++i) {
        message += (i == 0 ? "" : ", ") +
                   code_name(fields()[i].name(options_.naming == NamingMode::Sdk ? Naming::Sdk
                                                                                 : Naming::Wire));
      }
      message += ")";
    }
    std::string pointer;
    append_pointer_token(pointer, member.key);
    add(Rule::FieldUnknown, member.key_offset, std::move(pointer), std::move(message));
  }

  void check_type(const json::Member &member, const FieldSpec &field) {
    std::string pointer;
    append_pointer_token(pointer, member.key);
    const json::Value &value = member.value;
    if (!field.accepts(value.kind)) {
      std::string message = code_name(member.key) + " must be " + std::string(field.type_label()) +
                            ", but it is " + std::string(json::kind_name(value.kind));
      if (value.kind == json::Kind::Null) {
        message += " (it is not nullable: leave the field out instead)";
      } else if (value.is_scalar()) {
        message += " (" +
                   (value.kind == json::Kind::String
                        ? quote_for_display(value.text)
                        : escape_for_display(mask_card_numbers(
                              text_.substr(value.offset, value.end - value.offset)))) +
                   ")";
      }
      add(Rule::FieldType, value.offset, std::move(pointer), std::move(message));
      return;
    }
    if (value.kind != json::Kind::String || field.allowed.empty()) return;
    if (std::find(field.allowed.begin(), field.allowed.end(), value.text) != field.allowed.end()) {
      return;
    }
    std::string allowed;
    for (const auto candidate : field.allowed) {
      allowed += (allowed.empty() ? "" : ", ") + quote_for_display(candidate);
    }
    std::string message = code_name(member.key) + " is " + quote_for_display(value.text) +
                          ", which is not allowed (allowed: " + allowed + ")";
    if (const auto best = closest_match(value.text, field.allowed)) {
      message += "; did you mean " + quote_for_display(*best) + "?";
    }
    add(Rule::FieldEnum, value.offset, std::move(pointer), std::move(message));
  }

  static const json::Value *value_of(const FieldUse &use) {
    return use.member == nullptr ? nullptr : &use.member->value;
  }

  static std::string pointer_to(const FieldUse &use) {
    std::string pointer;
    append_pointer_token(pointer, use.member->key);
    return pointer;
  }

  void check_session(const json::Value &root, const std::array<FieldUse, 5> &uses) {
    const FieldUse &status_use = uses[1];
    const FieldUse &code_use = uses[2];
    const FieldUse &status_code_use = uses[3];
    const json::Value *status = value_of(status_use);
    const json::Value *code = value_of(code_use);
    const json::Value *status_code = value_of(status_code_use);

    // The HTTP status when status_code is a plausible one, else 0.
    long long http = 0;
    if (status_code != nullptr && status_code->kind == json::Kind::Number) {
      http = exact_integer(status_code->text).value_or(0);
      if (http < 100 || http > 599) {
        add(Rule::StatusCodeRange, status_code->offset, pointer_to(status_code_use),
            code_name(status_code_use.member->key) + " is " +
                escape_for_display(mask_card_numbers(status_code->text)) +
                ", which is not an HTTP status code (an integer from 100 to 599)");
        http = 0;
      }
    }

    if (status == nullptr) {
      add(Rule::MissingStatus, root.offset, "",
          "the session has no `status`: the current API always sends \"succeeded\" or "
          "\"failed\"");
      return;
    }
    if (status->kind != json::Kind::String) return;
    const bool has_code = code != nullptr && code->kind != json::Kind::Null;
    if (status->text == "failed") {
      if (!has_code) {
        add(Rule::FailedWithoutCode, status->offset, pointer_to(status_use),
            "the session failed but gives no `code` saying why (it is " +
                std::string(code == nullptr ? "absent" : "null") + ")");
      }
      if (http >= 200 && http <= 299) {
        add(Rule::StatusMismatch, status_code->offset, pointer_to(status_code_use),
            "the session failed, but the payment service answered " +
                escape_for_display(mask_card_numbers(status_code->text)) + " (a success)");
      }
    } else if (status->text == "succeeded") {
      if (has_code && code->kind == json::Kind::String) {
        add(Rule::SucceededWithCode, code->offset, pointer_to(code_use),
            "the session succeeded but has `code` " + quote_for_display(code->text) +
                ", which is documented as the reason a session could not be generated");
      }
      if (http != 0 && (http < 200 || http > 299)) {
        add(Rule::StatusMismatch, status_code->offset, pointer_to(status_code_use),
            "the session succeeded, but the payment service answered " +
                escape_for_display(mask_card_numbers(status_code->text)) + " (not a 2xx success)");
      }
    }
  }
};

} // namespace

void apply_rule_settings(const RuleSettings &settings, Report &report) {
  if (settings.is_default()) return;
  std::erase_if(report.findings, [&](const Finding &f) { return !settings.enabled(f.rule); });
  for (auto &finding : report.findings) finding.severity = settings.severity(finding.rule);
}

Report analyze(const json::Value &root, std::string_view text, const CheckOptions &options) {
  Report report = Analyzer(text, options).run(root);
  apply_rule_settings(options.rules, report);
  return report;
}

Report report_parse_error(const json::ParseResult &parsed, std::string_view text,
                          const CheckOptions &options) {
  const json::ParseError &error = *parsed.error;
  Report report;
  report.is_json = false;
  const Rule rule = error.too_deep ? Rule::JsonDepth : Rule::JsonSyntax;
  report.findings.push_back(
      Finding{rule, rule_spec(rule).severity, "", LineIndex(text).locate(error.offset),
              escape_for_display((error.too_deep ? "" : "invalid JSON: ") + error.message)});
  if (parsed.partial) collect_redactions(*parsed.partial, false, report.redactions);
  apply_rule_settings(options.rules, report);
  return report;
}

struct Checker::Impl {
  simdjson::dom::parser parser;
  simdjson::dom::document doc;
  std::string scratch; // a padded copy when the caller cannot promise padding
};

Checker::Checker() : impl_(std::make_unique<Impl>()) {}
Checker::~Checker() = default;

Report Checker::check(std::string_view text, const CheckOptions &options, bool padded) {
  const char *data = text.data();
  if (!padded) {
    impl_->scratch.assign(text);
    impl_->scratch.append(padding, ' ');
    data = impl_->scratch.data();
  }
  simdjson::dom::element root;
  if (impl_->parser
          .parse_into_document(impl_->doc, reinterpret_cast<const std::uint8_t *>(data),
                               text.size(), false)
          .get(root) == simdjson::SUCCESS) {
    Report report;
    if (quick_clean(impl_->doc, options, report.naming)) return report;
  }
  // simdjson refused it (maybe only a number it cannot hold) or it may have findings.
  const auto parsed = json::parse(text);
  if (parsed.error) return report_parse_error(parsed, text, options);
  return analyze(*parsed.value, text, options);
}

} // namespace pss
