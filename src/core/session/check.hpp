// Checking one session document: the rules of the catalogue, as findings with locations.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/location.hpp"
#include "core/json/padded.hpp"
#include "core/json/value.hpp"
#include "core/privacy/redactor.hpp"
#include "core/session/fields.hpp"
#include "core/session/rules.hpp"

namespace simdjson::dom {
class document;
} // namespace simdjson::dom

namespace pss {

// What the user asked for: detect the spelling per document, or insist on one.
enum class NamingMode : std::uint8_t { Auto, Wire, Sdk };

// What a document turned out to use. Either: no field whose two spellings differ.
enum class DetectedNaming : std::uint8_t { Either, Wire, Sdk, Mixed };

[[nodiscard]] std::string_view detected_naming_name(DetectedNaming naming);

// Another place a finding is about (the first of two duplicate keys), and what it is.
struct Related {
  Position position;
  std::string message; // for a person, e.g. `the first "code" is here`
};

struct Finding {
  Rule rule = Rule::JsonSyntax;
  Severity severity = Severity::Error;
  std::string pointer; // RFC 6901, "" for the whole document
  Position position;   // of the value (or key) the finding is about
  std::string message; // for a person; data in it is escaped and masked
  // Secondary locations, in document order.
  std::vector<Related> related = {};
};

// Findings kept per document unless the caller says otherwise (CheckOptions::max_findings).
inline constexpr std::size_t default_max_findings = 1000;

struct CheckOptions {
  NamingMode naming = NamingMode::Auto;
  RuleSettings rules; // disabled rules report nothing; severities as the user set them
  // At most this many findings per document, the first in document order; Report::omitted()
  // counts the others. 0: no limit.
  std::size_t max_findings = default_max_findings;
  // Work only what the output needs. `locate` false: findings carry their offset, with line and
  // column 0 (nobody prints them: `check -q`). `redact` false: Report::redactions stays empty
  // (no source line is printed). Neither changes which findings a document has.
  bool locate = true;
  bool redact = true;
  // false: findings are only counted, by severity, in Report::omitted_errors and
  // omitted_warnings (no message, pointer or position is built): the verdict alone (`check -qq`).
  bool describe = true;
  // With `describe` false, false: only errors need counting (the verdict without --fail-on
  // warning, `check -qq`), so the rules whose findings would be warnings may be skipped where
  // they cost a walk of their own (card numbers, duplicate keys); omitted_warnings may then
  // count fewer.
  bool count_warnings = true;
};

struct Report {
  bool is_json = true; // false: json.syntax or json.depth, nothing else was checked
  DetectedNaming naming = DetectedNaming::Either;
  std::vector<Finding> findings; // in document order, at most CheckOptions::max_findings
  // Findings beyond max_findings, left out of `findings`, by severity and by rule (indexed by
  // Rule), so that totals count every finding.
  std::size_t omitted_errors = 0;
  std::size_t omitted_warnings = 0;
  std::array<std::size_t, rule_count> omitted_by_rule{};
  // What to show instead of parts of the source (values under secret keys, card numbers), for
  // anyone who prints source lines.
  std::vector<Redaction> redactions;

  // Findings of `severity`, the omitted ones included.
  [[nodiscard]] std::size_t count(Severity severity) const;
  [[nodiscard]] std::size_t omitted() const { return omitted_errors + omitted_warnings; }
  // Counts one more finding of `rule`, at `severity`, left out of `findings`.
  void omit(Rule rule, Severity severity) {
    ++(severity == Severity::Error ? omitted_errors : omitted_warnings);
    ++omitted_by_rule[static_cast<std::size_t>(rule)];
  }
  // Errors always fail a document; warnings only when `strict` (omitted findings count too).
  [[nodiscard]] bool valid(bool strict) const;
};

// Where a document starts in its file, so that findings can name the file's line.
struct Origin {
  std::size_t offset = 0; // bytes before the document
  std::size_t line = 1;   // the file's line of the document's first byte (a line start)
};

// Moves a document-relative position to the file's coordinates.
[[nodiscard]] Position shift(Position position, Origin origin);

// Applies every rule to a parsed document; `text` is what it was parsed from.
[[nodiscard]] Report analyze(const json::Value &root, std::string_view text,
                             const CheckOptions &options);

// The finding for text that is not JSON (`parsed` holds an error); what was read before the
// error tells which parts of the source must be hidden when it is shown. With json.syntax (or
// json.depth) disabled in `options`, the report has no finding and is_json stays false.
[[nodiscard]] Report report_parse_error(const json::ParseResult &parsed, std::string_view text,
                                        const CheckOptions &options = {});

// Drops the findings of disabled rules and gives the others the severity `settings` assigns.
void apply_rule_settings(const RuleSettings &settings, Report &report);

// Keeps the first `max_findings` findings (0: all) and counts the others as omitted.
void cap_findings(std::size_t max_findings, Report &report);

// Checks documents one after the other, reusing its parsers (not thread-safe: one per thread).
// The rules run on simdjson's tape, and findings are located in the source from it; documents
// over 8 MiB (too large for simdjson's DOM) run them on a compact tape of a word or two a value
// (compact_tape.hpp); only text neither accepts (not JSON, or numbers simdjson cannot hold) is
// read by the hand parser into a tree. Redactions are collected only for documents with findings
// (only their lines are shown).
class Checker {
public:
  Checker();
  ~Checker();
  Checker(const Checker &) = delete;
  Checker &operator=(const Checker &) = delete;

  // Checks one document (any bytes: not JSON is a finding). Text with simdjson's padding is
  // parsed in place; other text is first copied into a padded buffer kept for the next one.
  [[nodiscard]] Report check(json::PaddedView text, const CheckOptions &options);
  [[nodiscard]] Report check(std::string_view text, const CheckOptions &options);

  // What simdjson made of the text of the last check(), valid until the next one: its DOM
  // document and the byte offset (from 0, in the text) of each structural character, in source
  // order (simdjson's stage 1 index: brackets, ':', ',', a string's opening quote, the first
  // byte of any other scalar). `document` is null when simdjson did not parse the text (not
  // JSON, numbers it cannot hold, a document over 8 MiB): read it with json::parse (for a large
  // document that costs a tree of ~100 bytes a value).
  struct Parsed {
    const simdjson::dom::document *document = nullptr;
    std::span<const std::uint32_t> structurals;
  };
  [[nodiscard]] Parsed parsed() const;

private:
  // `data`: the bytes of `text`, followed by json::padding readable bytes.
  [[nodiscard]] Report check(std::string_view text, const char *data, const CheckOptions &options);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Bytes of padding a caller keeps after a document to check it in place (json::PaddedView).
inline constexpr std::size_t padding = json::padding;

} // namespace pss
