// The json format: one object per document, JSON Lines (documented in docs/cli.md).
#include <simdjson.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"
#include "core/json/writer.hpp"
#include "core/privacy/redactor.hpp"

namespace pss::cli {

bool write_session_field(json::JsonWriter &w, std::string_view key, const FieldValue &value) {
  if (!value.present || value.kind == json::Kind::Array || value.kind == json::Kind::Object)
    return false;
  w.key(key);
  switch (value.kind) {
  case json::Kind::String:
    w.string(Redactor::mask(value.text));
    break;
  case json::Kind::Number:
    Redactor::write_number(w, value.text);
    break;
  case json::Kind::True:
  case json::Kind::False:
    w.boolean(value.kind == json::Kind::True);
    break;
  default:
    w.null();
    break;
  }
  return true;
}

void JsonRecords::append(std::string &out, const Checked &doc, bool strict,
                         const SessionFacts *facts) {
  if (source_ != &doc.source) {
    // The real name. A path is bytes; JSON text is UTF-8: bytes that are not UTF-8 are written
    // as \xNN text.
    name_.clear();
    json::append_quoted(name_, simdjson::validate_utf8(doc.source.name)
                                   ? std::string_view(doc.source.name)
                                   : std::string_view(escape_invalid_utf8(doc.source.name)));
    source_ = &doc.source;
  }
  json::JsonWriter w(out);
  w.begin_object();
  w.key(json::PlainText("file"));
  w.string_quoted(name_);
  w.key(json::PlainText("line"));
  w.integer(doc.origin.line);
  w.key(json::PlainText("valid"));
  w.boolean(doc.report.valid(strict));
  w.key(json::PlainText("naming"));
  if (doc.report.is_json) {
    w.string(detected_naming_name(doc.report.naming));
  } else {
    w.null();
  }
  if (facts != nullptr && facts->object) {
    write_session_field(w, "status", facts->status);
    write_session_field(w, "code", facts->code);
    write_session_field(w, "status_code", facts->status_code);
  }
  w.key(json::PlainText("findings"));
  w.begin_array();
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    w.begin_object();
    w.key(json::PlainText("severity"));
    w.string(severity_name(finding.severity));
    w.key(json::PlainText("rule"));
    w.string(rule_spec(finding.rule).id);
    w.key(json::PlainText("pointer"));
    w.string(finding.pointer);
    w.key(json::PlainText("line"));
    w.integer(at.line);
    w.key(json::PlainText("column"));
    w.integer(at.column);
    w.key(json::PlainText("offset"));
    w.integer(at.offset);
    w.key(json::PlainText("message"));
    w.string(finding.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
}

} // namespace pss::cli
