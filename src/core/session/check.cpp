// Reports and the Checker: simdjson first, the rules (analyzer.hpp) on its tape; a compact tape
// (compact_view.hpp) for documents too large for it; the hand parser for text either refuses.
#include "core/session/check.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <simdjson.h>

#include "core/json/text.hpp"
#include "core/session/analyzer.hpp"
#include "core/session/compact_view.hpp"
#include "core/session/tape.hpp"

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
  return static_cast<std::size_t>(
             std::count_if(findings.begin(), findings.end(),
                           [&](const Finding &f) { return f.severity == severity; })) +
         (severity == Severity::Error ? omitted_errors : omitted_warnings);
}

bool Report::valid(bool strict) const {
  if (omitted_errors > 0 || (strict && omitted_warnings > 0)) return false;
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

// Whether text the parser never reached holds a quoted secret key name (`"cvv": "9876"` after an
// error): no value range covers what follows it, so the rest of the line cannot be proved safe.
bool names_secret_key(std::string_view rest) {
  for (std::size_t open = rest.find('"'); open != std::string_view::npos;) {
    const std::size_t close = rest.find('"', open + 1);
    if (close == std::string_view::npos) return false;
    if (Redactor::is_secret(rest.substr(open + 1, close - open - 1))) return true;
    open = close; // the error may sit inside a string: any quote may open a key
  }
  return false;
}

// When the value being read as the parse failed sits under a secret key, a secret key was read
// as a value (its colon is the error), or a secret key follows the error on its line, the rest of
// that line:
// what follows the error is not JSON (`{"token": 'tok_live_abc'}`), so no value range covers it.
std::optional<Redaction> secret_after_error(const json::Value *partial, std::size_t error,
                                            std::string_view text) {
  const json::Value *value = partial;
  bool secret = false;
  // The value being read is at the end of every container that was open.
  while (value != nullptr) {
    if (value->kind == json::Kind::Object && !value->members.empty()) {
      secret = Redactor::is_secret(value->members.back().key, secret);
      value = &value->members.back().value;
    } else if (value->kind == json::Kind::Array && !value->items.empty()) {
      value = &value->items.back();
    } else {
      break;
    }
  }
  // A value cut short by the error ends there, or has no end yet (end <= offset); a scalar that
  // the error follows with only blanks between (`"pin": 12 34`) reads as cut short too: the rest
  // may be more of it.
  const bool being_read =
      value != nullptr && (value->end <= value->offset || value->end >= error ||
                           (value->kind != json::Kind::Object && value->kind != json::Kind::Array &&
                            text.find_first_not_of(" \t\r", value->end) == error));
  if (error >= text.size()) return std::nullopt;
  // `["token": "tok_1"]` (an object's `{` left out): the key was read whole as a string, and the
  // secret follows its colon.
  const bool key_read_as_value = value != nullptr && value->kind == json::Kind::String &&
                                 text[error] == ':' && Redactor::is_secret(value->text);
  std::size_t end = text.find('\n', error);
  if (end == std::string_view::npos) end = text.size();
  if (end == error) return std::nullopt;
  // From the quote before the error on its line: the error may sit inside a key (`"\xc5cvv"`).
  const std::size_t line_start = error == 0 ? 0 : text.rfind('\n', error - 1) + 1;
  const std::size_t quote = text.rfind('"', error);
  const std::size_t from = quote != std::string_view::npos && quote >= line_start ? quote : error;
  if (!(secret && being_read) && !key_read_as_value &&
      !names_secret_key(text.substr(from, end - from))) {
    return std::nullopt;
  }
  return Redaction{ByteRange{error, end}, std::string(Redactor::secret_mask)};
}

} // namespace

void apply_rule_settings(const RuleSettings &settings, Report &report) {
  if (settings.is_default()) return;
  std::erase_if(report.findings, [&](const Finding &f) { return !settings.enabled(f.rule); });
  for (auto &finding : report.findings) finding.severity = settings.severity(finding.rule);
}

void cap_findings(std::size_t max_findings, Report &report) {
  if (max_findings == 0 || report.findings.size() <= max_findings) return;
  for (auto it = report.findings.begin() + static_cast<std::ptrdiff_t>(max_findings);
       it != report.findings.end(); ++it) {
    report.omit(it->rule, it->severity);
  }
  report.findings.resize(max_findings);
}

Report analyze(const json::Value &root, std::string_view text, const CheckOptions &options) {
  detail::TreeView view(root);
  return detail::analyze_view(view, text, options);
}

Report report_parse_error(const json::ParseResult &parsed, std::string_view text,
                          const CheckOptions &options) {
  const json::ParseError &error = *parsed.error;
  Report report;
  report.is_json = false;
  const Rule rule = error.too_deep ? Rule::JsonDepth : Rule::JsonSyntax;
  report.findings.push_back(
      Finding{rule, rule_spec(rule).severity, "",
              options.locate ? LineIndex(text).locate(error.offset) : Position{error.offset, 0, 0},
              escape_for_display((error.too_deep ? "" : "invalid JSON: ") + error.message)});
  if (options.redact) {
    if (parsed.partial) {
      detail::TreeView view(*parsed.partial);
      detail::collect_redactions(view, *parsed.partial, false, report.redactions);
      // A string cut short by the error has no closing quote in the source: its replacement
      // shows none either (`"token":"***`, not `"token":"***"`).
      for (Redaction &r : report.redactions) {
        const bool quoted = r.shown.size() >= 2 && r.shown.front() == '"' && r.shown.back() == '"';
        if (quoted && r.range.end <= text.size() && text[r.range.end - 1] != '"')
          r.shown.pop_back();
      }
    }
    if (auto rest =
            secret_after_error(parsed.partial ? &*parsed.partial : nullptr, error.offset, text)) {
      // What the partial tree already hides is not hidden twice.
      if (!report.redactions.empty())
        rest->range.begin = std::max(rest->range.begin, report.redactions.back().range.end);
      if (rest->range.begin < rest->range.end) report.redactions.push_back(std::move(*rest));
    }
  }
  apply_rule_settings(options.rules, report);
  return report;
}

struct Checker::Impl {
  simdjson::dom::parser parser;
  simdjson::dom::document doc;
  std::string scratch;                // a padded copy when the caller cannot promise padding
  bool parsed = false;                // doc holds the last text checked
  std::vector<std::uint32_t> offsets; // TapeView's map of tape indexes to source offsets
  json::CompactTape compact;          // documents over largest_fast_document
  std::vector<detail::Draft> drafts;  // the Analyzer's, kept: cleared per document, not freed

  // A document with many findings (without a cap: millions) leaves its drafts' room to the next
  // only when it is small.
  void keep_drafts_small() {
    constexpr std::size_t kept_drafts = 4096;
    if (drafts.capacity() > kept_drafts) std::vector<detail::Draft>().swap(drafts);
  }
};

Checker::Checker() : impl_(std::make_unique<Impl>()) {}
Checker::~Checker() = default;

Report Checker::check(std::string_view text, const CheckOptions &options) {
  impl_->scratch.assign(text);
  impl_->scratch.append(padding, ' ');
  return check(text, impl_->scratch.data(), options);
}

Report Checker::check(json::PaddedView text, const CheckOptions &options) {
  return check(text.view(), text.data(), options);
}

Report Checker::check(std::string_view text, const char *data, const CheckOptions &options) {
  simdjson::dom::element root;
  // simdjson's DOM parser reserves about 14 bytes of address space per byte of input (3.0.1:
  // structural indexes 4 bytes, tape 8, strings 5/3), kept for the next document: 875 MiB for a
  // 64 MiB document. Past this size a compact tape (compact_tape.hpp) holds it, at a few bytes
  // per byte.
  constexpr std::size_t largest_fast_document = std::size_t{8} << 20;
  impl_->parsed = false;
  if (text.size() <= largest_fast_document &&
      impl_->parser
              .parse_into_document(impl_->doc, reinterpret_cast<const std::uint8_t *>(data),
                                   text.size(), false)
              .get(root) == simdjson::SUCCESS) {
    impl_->parsed = true;
    // The rules on the tape; only a document with findings has its offsets mapped and its
    // redactions collected (nobody shows the lines of the others).
    TapeView view(impl_->doc, impl_->parser, text, impl_->offsets);
    Report report = detail::analyze_view(view, text, options, false, &impl_->drafts);
    impl_->keep_drafts_small();
    return report;
  }
  // Too large for simdjson's DOM: the rules on a compact tape of the text, a word or two a value.
  if (text.size() > largest_fast_document) {
    if (impl_->compact.read(text)) {
      CompactView view(impl_->compact);
      Report report = detail::analyze_view(view, text, options, false, &impl_->drafts);
      impl_->compact.clear(); // a large document's words are not kept for the next one
      impl_->keep_drafts_small();
      return report;
    }
  }
  // Not JSON (json::parse says where), or simdjson refused it (maybe only a number it cannot
  // hold).
  const auto parsed = json::parse(text);
  if (parsed.error) return report_parse_error(parsed, text, options);
  return analyze(*parsed.value, text, options);
}

Checker::Parsed Checker::parsed() const {
  if (!impl_->parsed) return {};
  const auto &stage1 = *impl_->parser.implementation;
  return {&impl_->doc, {stage1.structural_indexes.get(), stage1.n_structural_indexes}};
}

} // namespace pss
