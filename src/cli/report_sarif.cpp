// The sarif format: SARIF 2.1.0 (OASIS, errata 01) results, as GitHub code scanning reads them.
#include <cstdint>

#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"
#include "core/json/value.hpp"
#include "core/session/rules.hpp"

#ifndef PSS_VERSION
#define PSS_VERSION "0"
#endif
#ifndef PSS_DOCS_URL
#define PSS_DOCS_URL "file:///usr/local/share/doc/pss-inspect"
#endif

namespace pss::cli {
namespace {

// RFC 3986 percent-encoding of a path: unreserved characters and '/' stay, every other byte
// (a space, '%', ':', '#', each byte of a non-ASCII character's UTF-8) becomes %XX.
std::string percent_encode(std::string_view path) {
  std::string out;
  for (const char c : path) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
                            (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' ||
                            b == '~' || b == '/';
    if (unreserved) {
      out += c;
    } else {
      fmt::format_to(std::back_inserter(out), "%{:02X}", b);
    }
  }
  return out;
}

// The anchor GitHub gives a "## json.syntax" heading of docs/rules.md: lower case, letters,
// digits, '-' and '_' kept, other punctuation dropped ("#jsonsyntax").
std::string heading_anchor(std::string_view heading) {
  std::string anchor;
  for (const char c : heading) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      anchor += c;
    } else if (c >= 'A' && c <= 'Z') {
      anchor += static_cast<char>(c - 'A' + 'a');
    } else if (c == ' ') {
      anchor += '-';
    }
  }
  return anchor;
}

std::string_view level(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

// A stable identity for a finding that survives lines moving: FNV-1a 64 of the document's
// bytes, then of the rule and the pointer (GitHub matches alerts across commits with it).
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// SARIF counts columns in UTF-16 code units unless told otherwise (3.14.2, columnKind): a
// character outside the Basic Multilingual Plane (4 UTF-8 bytes) counts two.
std::size_t utf16_column(std::string_view text, std::size_t offset, std::size_t column) {
  if (offset > text.size()) offset = text.size();
  const std::size_t newline = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  std::size_t begin = newline == std::string_view::npos || newline >= offset ? 0 : newline + 1;
  for (; begin < offset; ++begin) {
    if ((static_cast<unsigned char>(text[begin]) & 0xF8) == 0xF0) ++column;
  }
  return column;
}

void append_location(std::string &out, const Source &source, const Repository &repository) {
  if (auto inside = repository.inside(source)) {
    out += "{\"uri\":";
    json::append_quoted(out, percent_encode(*inside));
    out += ",\"uriBaseId\":\"%SRCROOT%\"}";
  } else {
    out += "{\"uri\":";
    json::append_quoted(out, "file://" + percent_encode(repository.absolute(source)));
    out += '}';
  }
}

} // namespace

std::string format_sarif_results(const Checked &doc, const Repository &repository) {
  std::string out;
  if (doc.report.findings.empty()) return out;
  const bool located = !repository.absolute(doc.source).empty();
  std::string artifact;
  if (located) append_location(artifact, doc.source, repository);
  const std::uint64_t document_hash = fnv1a(doc.text);
  const auto catalogue = rules();
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    const RuleSpec &spec = rule_spec(finding.rule);
    const auto index = static_cast<std::size_t>(&spec - catalogue.data());
    fmt::format_to(
        std::back_inserter(out),
        ",\n        {{\"ruleId\":\"{}\",\"ruleIndex\":{},\"level\":\"{}\",\"message\":{{\"text\":",
        spec.id, index, level(finding.severity));
    json::append_quoted(out, finding.message);
    out += '}';
    if (located) {
      fmt::format_to(std::back_inserter(out),
                     ",\"locations\":[{{\"physicalLocation\":{{\"artifactLocation\":{},"
                     "\"region\":{{\"startLine\":{},\"startColumn\":{}}}}}}}]",
                     artifact, at.line, utf16_column(doc.text, finding.position.offset, at.column));
    }
    std::uint64_t hash = fnv1a(spec.id, document_hash);
    hash = fnv1a(finding.pointer, fnv1a(std::string_view("\0", 1), hash));
    fmt::format_to(std::back_inserter(out),
                   ",\"partialFingerprints\":{{\"pssInspect/v1\":\"{:016x}\"}}", hash);
    out += ",\"properties\":{\"jsonPointer\":";
    json::append_quoted(out, finding.pointer);
    out += "}}";
  }
  return out;
}

std::string sarif_head(const Repository &repository) {
  std::string out = R"({
  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "pss-inspect",
          "version": ")" PSS_VERSION R"(",
          "semanticVersion": ")" PSS_VERSION R"(",
          "informationUri": ")" PSS_DOCS_URL R"(/README.md",
          "rules": [)";
  bool first = true;
  for (const RuleSpec &spec : rules()) {
    out += first ? "\n            " : ",\n            ";
    first = false;
    fmt::format_to(std::back_inserter(out),
                   "{{\"id\":\"{}\",\"shortDescription\":{{\"text\":", spec.id);
    json::append_quoted(out, spec.summary);
    out += "},\"fullDescription\":{\"text\":";
    json::append_quoted(
        out, fmt::format("{} Breaks it: {} Fixed: {}", spec.summary, spec.bad, spec.good));
    out += "},\"help\":{\"text\":";
    json::append_quoted(out, fmt::format("{}\n\nBreaks the rule:\n  {}\nFixed:\n  {}", spec.summary,
                                         spec.bad, spec.good));
    out += ",\"markdown\":";
    json::append_quoted(out, fmt::format("{}\n\nBreaks the rule:\n\n```json\n{}\n```\n\nFixed:\n\n"
                                         "```json\n{}\n```",
                                         spec.summary, spec.bad, spec.good));
    fmt::format_to(
        std::back_inserter(out),
        "}},\"helpUri\":\"{}/rules.md#{}\",\"defaultConfiguration\":{{\"level\":\"{}\"}}}}",
        PSS_DOCS_URL, heading_anchor(spec.id), level(spec.severity));
  }
  out += "\n          ]\n        }\n      },\n";
  if (!repository.root.empty()) {
    out += "      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": ";
    json::append_quoted(out, "file://" + percent_encode(repository.root + "/"));
    out += "}},\n";
  }
  out += "      \"columnKind\": \"utf16CodeUnits\",\n      \"results\": [";
  return out;
}

std::string sarif_tail(bool successful, const std::vector<std::string> &notifications) {
  std::string out = fmt::format("\n      ],\n      \"invocations\": [{{\"executionSuccessful\": {}",
                                successful ? "true" : "false");
  if (!notifications.empty()) {
    out += ", \"toolExecutionNotifications\": [";
    for (std::size_t i = 0; i < notifications.size(); ++i) {
      out += i == 0 ? "\n        " : ",\n        ";
      out += notifications[i];
    }
    out += "\n      ]";
  }
  out += "}]\n    }\n  ]\n}\n";
  return out;
}

std::string sarif_notification(const Source &source, const Repository &repository,
                               std::string_view message) {
  std::string out = "{\"level\":\"error\",\"message\":{\"text\":";
  json::append_quoted(out, escape_invalid_utf8(message));
  out += '}';
  if (!repository.absolute(source).empty()) {
    out += ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":";
    append_location(out, source, repository);
    out += "}}]";
  }
  out += '}';
  return out;
}

} // namespace pss::cli
