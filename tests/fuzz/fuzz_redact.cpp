// libFuzzer target: redaction. The source excerpts of `check`'s text report
// (src/cli/report_text.cpp) show no secret value (a value under a key such as `token`, `password`
// or `cvv`) and no card number, whether the document is valid JSON or not; no line of the report
// holds a card number.
//
// The secrets of a valid document are found in its tree; those of an invalid one by reading its
// tokens (a secret key after `{` or `,`, a colon, then the value up to the next `,`, `}`, `]` or
// line end). A value is only looked for when it is distinctive: at least 4 bytes, on one line,
// written only once in the document, and not the mask "***" itself.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "card_oracle.hpp"
#include "cli/report.hpp"
#include "core/json/text.hpp"
#include "core/privacy/card.hpp"
#include "core/session/check.hpp"

namespace {

using pss::json::Kind;
using pss::json::Value;

struct Hidden {
  std::string_view source; // the value's bytes in the document
  const char *why;
};

// Values of a parsed document that must not be shown: scalars under secret keys, and strings or
// numbers that hold a card number.
void collect(const Value &value, std::string_view text, bool secret, std::vector<Hidden> &out) {
  for (const auto &member : value.members) {
    collect(member.value, text, secret || pss::is_secret_key(member.key), out);
  }
  for (const auto &item : value.items) collect(item, text, secret, out);
  if (!value.is_scalar()) return;
  const std::string_view source = text.substr(value.offset, value.end - value.offset);
  if (secret) {
    out.push_back(Hidden{source, "a secret value"});
  } else if ((value.kind == Kind::String || value.kind == Kind::Number) &&
             !pss::fuzz::first_card_number(value.text).empty()) {
    out.push_back(Hidden{source, "a card number"});
  }
}

// The end of a string token starting at `at` (one past its closing quote, or the text's end).
std::size_t string_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

std::size_t skip_blanks(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

// Whether a string starting at `at` sits where a key does: after `{` or `,` (and blanks).
bool in_key_place(std::string_view text, std::size_t at) {
  while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\r' ||
                    text[at - 1] == '\n')) {
    --at;
  }
  return at > 0 && (text[at - 1] == '{' || text[at - 1] == ',');
}

// Secret values of a document that is not JSON, by its tokens.
void collect_lexically(std::string_view text, std::vector<Hidden> &out) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '"') {
      ++i;
      continue;
    }
    const std::size_t key_end = string_end(text, i);
    const std::string_view key = text.substr(i + 1, key_end - i - 1);
    std::size_t at = skip_blanks(text, key_end);
    if (pss::is_secret_key(key) && in_key_place(text, i) && at < text.size() && text[at] == ':') {
      const std::size_t begin = skip_blanks(text, at + 1);
      std::size_t end = begin;
      if (begin < text.size() && text[begin] == '"') {
        end = string_end(text, begin);
      } else if (begin < text.size() && text[begin] != '{' && text[begin] != '[') {
        end = text.find_first_of(",}]\n", begin);
        if (end == std::string_view::npos) end = text.size();
        while (end > begin &&
               (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) {
          --end;
        }
      }
      if (end > begin) out.push_back(Hidden{text.substr(begin, end - begin), "a secret value"});
    }
    i = key_end;
  }
}

bool distinctive(std::string_view source, std::string_view text) {
  // As the report shows the text: a secret written as a masked card number
  // ("424242******4242") is not told apart from a card number elsewhere that masking shows so.
  const std::string shown = pss::mask_card_numbers(text);
  const std::size_t first = shown.find(source);
  // A secret written as the mask itself ("***") is shown as what hides it.
  return source.size() >= 4 && source != "\"***\"" && source.find('\n') == std::string_view::npos &&
         shown.find(source, first + 1) == std::string::npos;
}

[[noreturn]] void fail(const std::string &what, std::string_view output) {
  std::fprintf(stderr, "redact: %s; report:\n%.*s\n", what.c_str(), static_cast<int>(output.size()),
               output.data());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  static pss::Checker checker;
  const pss::Report report = checker.check(text, {});
  const pss::cli::Source source{"fuzz.json", "fuzz.json", false};
  const std::string output =
      pss::cli::format_text(pss::cli::Checked{source, {}, text, report}, pss::cli::Palette{});

  std::vector<Hidden> hidden;
  const auto parsed = pss::json::parse(text);
  if (parsed.value) {
    collect(*parsed.value, text, false, hidden);
  } else {
    collect_lexically(text, hidden);
    // The rest of a secret that the error cuts is as secret as the whole.
    const std::size_t error = parsed.error->offset;
    for (std::size_t i = 0, n = hidden.size(); i < n; ++i) {
      const auto begin = static_cast<std::size_t>(hidden[i].source.data() - text.data());
      if (begin < error && error < begin + hidden[i].source.size()) {
        hidden.push_back(Hidden{text.substr(error, begin + hidden[i].source.size() - error),
                                "the rest of a secret value"});
      }
    }
  }
  // Each finding's excerpt: the source line the text format prints under it.
  for (const auto &finding : report.findings) {
    // As wide as the document: every narrower window the text format prints is part of it.
    const std::size_t at = finding.position.offset;
    const std::string line = pss::cli::excerpt(text, report, at, at + 1, text.size() + 1).line;
    for (const Hidden &h : hidden) {
      if (!distinctive(h.source, text)) continue;
      if (line.find(h.source) != std::string::npos ||
          line.find(pss::escape_for_display(h.source)) != std::string::npos) {
        fail(std::string(h.why) + " is shown: " + pss::escape_for_display(h.source), output);
      }
    }
  }
  // No card number in any line of the report. A run that the excerpt's window cuts (next to its
  // "...") is part of a longer run, not a card number: a letter on each side of "..." says so.
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(start, end - start);
    for (std::size_t at = line.find("..."); at != std::string::npos;
         at = line.find("...", at + 5)) {
      line.replace(at, 3, "x...x");
    }
    const std::string card = pss::fuzz::first_card_number(line);
    if (!card.empty()) fail("a card number is shown: " + card, output);
    start = end + 1;
  }
  return 0;
}
