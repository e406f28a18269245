// The Redactor: the one place that decides what an output shows of a document's values, keys,
// JSON Pointers and source lines.
//
// The rules it applies (CONTRACT "Card data never leaks through the tool"):
// - a card number (a PAN, as find_card_numbers in card.hpp detects one) is shown with at most its
//   first six and last four digits, the rest as '*' (PCI DSS v4.0.1, requirement 3.4.1);
// - a scalar under a key that names a secret (is_secret_key: cvv, token, password, ...), or
//   under any ancestor such key, is shown as "***" whatever it holds;
// - text meant for a terminal has its invisible code points and invalid UTF-8 escaped
//   (escape_for_display), so a hostile document cannot drive the terminal.
// Outputs for people (text reports, messages, diffs) always redact; outputs that are data (fmt,
// a JSON Patch) reproduce values faithfully and call the Redactor only under --redact.
// All offsets are 0-based byte offsets; lengths are bytes.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/json/value.hpp"
#include "core/json/writer.hpp"
#include "core/privacy/card.hpp"

namespace pss {

// A byte range of the source and what a person is shown instead: "***" for a secret, the masked
// value for a card number (also when the source spells it with escapes).
struct Redaction {
  ByteRange range;
  std::string shown;
};

class Redactor {
public:
  // What a secret value is shown as, in place of any scalar under a secret key.
  static constexpr std::string_view secret_mask = "***";

  // A Redactor with no source redactions: values, keys and pointers only.
  Redactor() = default;
  // A Redactor for one document's source: `redactions` (Report::redactions: byte ranges of the
  // document, in document order, not overlapping) say what replaces each hidden range. The span
  // must outlive the Redactor.
  explicit Redactor(std::span<const Redaction> redactions) : redactions_(redactions) {}

  // --- Decisions ---

  // Whether the value of a member named `key` (its decoded text) is secret: `inside_secret` (an
  // ancestor member's key named a secret), or `key` names one (is_secret_key). Everything under
  // a secret member is secret too: pass the result down as `inside_secret`.
  [[nodiscard]] static bool is_secret(std::string_view key, bool inside_secret = false) {
    return inside_secret || is_secret_key(key);
  }

  // Whether `text` holds a card number, so that an output must show mask(text) instead.
  [[nodiscard]] static bool holds_card_number(std::string_view text) {
    return has_card_number(text);
  }

  // --- Data: JSON outputs (the writer escapes) ---

  // `text` (a string's decoded text, a key, a number literal, a JSON Pointer) with every card
  // number masked to its first six and last four digits; the same length, only digits changed.
  [[nodiscard]] static std::string mask(std::string_view text);
  // The same, taking `text` over: returned as is (no copy) when it holds no card number.
  [[nodiscard]] static std::string mask(std::string &&text);

  // Whether the number `literal` (RFC 8259 grammar) holds a card number: in its digits as
  // written, or as the integer it denotes (4.242424242424242e15 is 4242424242424242), as pci.pan
  // reads numbers.
  [[nodiscard]] static bool number_holds_card_number(std::string_view literal);
  // The number `literal` as outputs show it: as written, or, when it holds a card number, its
  // digits masked (4242424242424242.0 -> 424242******4242.0); a literal with an exponent whose
  // integer holds one is shown as that integer's masked digits (4.242424242424242e15 and
  // 42424242424242.42e2 -> 424242******4242).
  [[nodiscard]] static std::string mask_number(std::string_view literal);

  // Writes the number `literal` to a JSON output: as written, or, when it holds a card number,
  // mask_number(literal) as a JSON string (a masked card number is no longer a number).
  static void write_number(json::JsonWriter &writer, std::string_view literal);

  // --- Display: text for people (terminal-safe) ---

  // A string value or a key as a person sees it: JSON-quoted ("\"424242******4242\""), card
  // numbers masked, invisible code points and invalid UTF-8 escaped. `secret`: "***", unquoted.
  [[nodiscard]] static std::string show_string(std::string_view text, bool secret = false);

  // Source text shown as written, unquoted (keys as JSON literals, a line): card numbers
  // masked, invisible code points and invalid UTF-8 escaped. `secret`: "***".
  [[nodiscard]] static std::string show_raw(std::string_view text, bool secret = false);
  // A number literal as a person sees it: mask_number(literal), escaped as show_raw; `secret`:
  // "***".
  [[nodiscard]] static std::string show_number(std::string_view literal, bool secret = false);

  // A JSON Pointer (RFC 6901) or a path as a person sees it: card numbers in its keys masked,
  // escaped as show_raw. "" (the whole document) stays "".
  [[nodiscard]] static std::string show_pointer(std::string_view pointer) {
    return show_raw(pointer);
  }

  // What a source excerpt shows in place of a scalar's source bytes: `secret`: "\"***\"" for a
  // string (quotes kept, so the line still reads as JSON), "***" for any other scalar; a string
  // (`text` decoded) or number (`text` its literal) holding a card number: show_string(text) or
  // mask_number(text). `kind` is the scalar's kind; `text` is not read when `secret`. False when
  // the bytes are shown as written (`shown` untouched).
  [[nodiscard]] static bool replace_in_source(json::Kind kind, std::string_view text, bool secret,
                                              std::string &shown);

  // --- Source: the document's own lines ---

  // One line of a document (or a window of it) prepared for display in pieces: card numbers are
  // masked over the whole line before any piece is cut, so that a card number the pieces split
  // is still masked (tests/fuzz/fuzz_redact.cpp holds the regression).
  class Line {
  public:
    // The piece [begin, end) of the line (document byte offsets, within the line) as shown: each
    // redaction replaced by its `shown`, the rest with card numbers masked and escaped
    // (escape_for_display). A redaction that starts before `begin` is shown whole when
    // `straddling` (the first piece of a line), else left out (an earlier piece showed it).
    [[nodiscard]] std::string show(std::size_t begin, std::size_t end, bool straddling) const;

  private:
    friend class Redactor;
    Line(std::string masked, std::size_t base, std::span<const Redaction> redactions)
        : masked_(std::move(masked)), base_(base), redactions_(redactions) {}
    std::string masked_; // the line, card numbers masked (masking keeps lengths)
    std::size_t base_;   // its first byte's offset in the document
    std::span<const Redaction> redactions_;
  };

  // The bytes [begin, end) of the document `text` (begin <= end <= text.size()) as a Line.
  [[nodiscard]] Line line(std::string_view text, std::size_t begin, std::size_t end) const;

  // `text` (a document that could not be parsed whole, written as data, not for a terminal) with
  // each redaction that lies within it replaced by its `shown` and card numbers masked in the
  // bytes between them: what `fmt --redact` passes through for a line it cannot format.
  [[nodiscard]] std::string redact_source(std::string_view text) const;

private:
  std::span<const Redaction> redactions_;
};

// A string value as a person should see it: Redactor::show_string(text), under the short name
// the messages of the core use.
[[nodiscard]] inline std::string quote_for_display(std::string_view text) {
  return Redactor::show_string(text);
}

} // namespace pss
