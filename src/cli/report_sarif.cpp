// The sarif format: SARIF 2.1.0 (OASIS, errata 01) results, as GitHub code scanning reads them.
#include <cstdint>

#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"
#include "core/json/writer.hpp"
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

// An artifactLocation (3.4): repository-relative under %SRCROOT% when the file is inside the
// repository, else an absolute file:// URI.
void write_artifact(json::JsonWriter &w, const Source &source, const Repository &repository) {
  w.begin_object();
  w.key("uri");
  if (auto inside = repository.inside(source)) {
    w.string(percent_encode(*inside));
    w.key("uriBaseId");
    w.string("%SRCROOT%");
  } else {
    w.string("file://" + percent_encode(repository.absolute(source)));
  }
  w.end_object();
}

// `"locations":[{"physicalLocation":{"artifactLocation":...` then the region, when given.
void write_locations(json::JsonWriter &w, const Source &source, const Repository &repository,
                     const Position *region) {
  w.key("locations");
  w.begin_array();
  w.begin_object();
  w.key("physicalLocation");
  w.begin_object();
  w.key("artifactLocation");
  write_artifact(w, source, repository);
  if (region != nullptr) {
    w.key("region");
    w.begin_object();
    w.key("startLine");
    w.integer(region->line);
    w.key("startColumn");
    w.integer(region->column);
    w.end_object();
  }
  w.end_object();
  w.end_object();
  w.end_array();
}

void write_text(json::JsonWriter &w, std::string_view key, std::string_view text) {
  w.key(key);
  w.begin_object();
  w.key("text");
  w.string(text);
  w.end_object();
}

} // namespace

std::string format_sarif_results(const Checked &doc, const Repository &repository) {
  std::string out;
  if (doc.report.findings.empty()) return out;
  const bool located = !repository.absolute(doc.source).empty();
  const std::uint64_t document_hash = fnv1a(doc.text);
  const auto catalogue = rules();
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    const RuleSpec &spec = rule_spec(finding.rule);
    out += ",\n        "; // one result a line
    json::JsonWriter w(out);
    w.begin_object();
    w.key("ruleId");
    w.string(spec.id);
    w.key("ruleIndex");
    w.integer(static_cast<std::size_t>(&spec - catalogue.data()));
    w.key("level");
    w.string(level(finding.severity));
    write_text(w, "message", finding.message);
    if (located) {
      const Position region{at.offset, at.line,
                            utf16_column(doc.text, finding.position.offset, at.column)};
      write_locations(w, doc.source, repository, &region);
    }
    std::uint64_t hash = fnv1a(spec.id, document_hash);
    hash = fnv1a(finding.pointer, fnv1a(std::string_view("\0", 1), hash));
    w.key("partialFingerprints");
    w.begin_object();
    w.key("pssInspect/v1");
    w.string(fmt::format("{:016x}", hash));
    w.end_object();
    w.key("properties");
    w.begin_object();
    w.key("jsonPointer");
    w.string(finding.pointer);
    w.end_object();
    w.end_object();
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
    out += first ? "\n            " : ",\n            "; // one rule a line
    first = false;
    json::JsonWriter w(out);
    w.begin_object();
    w.key("id");
    w.string(spec.id);
    write_text(w, "shortDescription", spec.summary);
    write_text(w, "fullDescription",
               fmt::format("{} Breaks it: {} Fixed: {}", spec.summary, spec.bad, spec.good));
    w.key("help");
    w.begin_object();
    w.key("text");
    w.string(fmt::format("{}\n\nBreaks the rule:\n  {}\nFixed:\n  {}", spec.summary, spec.bad,
                         spec.good));
    w.key("markdown");
    w.string(fmt::format("{}\n\nBreaks the rule:\n\n```json\n{}\n```\n\nFixed:\n\n```json\n{}\n```",
                         spec.summary, spec.bad, spec.good));
    w.end_object();
    w.key("helpUri");
    w.string(fmt::format("{}/rules.md#{}", PSS_DOCS_URL, heading_anchor(spec.id)));
    w.key("defaultConfiguration");
    w.begin_object();
    w.key("level");
    w.string(level(spec.severity));
    w.end_object();
    w.end_object();
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
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  w.key("level");
  w.string("error");
  write_text(w, "message", escape_invalid_utf8(message));
  if (!repository.absolute(source).empty()) write_locations(w, source, repository, nullptr);
  w.end_object();
  return out;
}

} // namespace pss::cli
