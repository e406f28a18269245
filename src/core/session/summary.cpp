// Summaries of sessions for `inspect`, and HTTP reason phrases (RFC 9110 and common extensions).
#include "core/session/summary.hpp"

#include <algorithm>
#include <utility>

#include "core/json/number.hpp"
#include "core/session/fields.hpp"

namespace pss {
namespace {

void measure(const json::Value &value, std::size_t depth, BodyShape &shape) {
  ++shape.values;
  shape.depth = std::max(shape.depth, depth);
  for (const auto &item : value.items) measure(item, depth + 1, shape);
  for (const auto &member : value.members) measure(member.value, depth + 1, shape);
}

} // namespace

Summary summarize(const json::Value &root) {
  Summary summary;
  for (const auto &member : root.members) {
    const FieldMatch match = find_field(member.key);
    if (match.field == nullptr) continue;
    const Field field = match.field->id;
    if (summary.values[field] != nullptr) continue;
    summary.values[field] = &member.value;
    summary.keys[field] = member.key;
  }
  if (const json::Value *body = summary.values[Field::ResponseBody];
      body != nullptr && body->kind == json::Kind::Object) {
    for (const auto &member : body->members) summary.body.keys.push_back(member.key);
    measure(*body, 0, summary.body);
    summary.body.values -= 1; // the object itself
    summary.body.bytes = body->end - body->offset;
  }
  return summary;
}

std::string_view http_reason_of(std::string_view literal) {
  const auto number = Decimal::parse(literal);
  if (!number || !number->integer_in(100, 599)) return "";
  return http_reason(static_cast<int>(*number->to_int64()));
}

std::string_view http_reason(int status) {
  static constexpr std::pair<int, std::string_view> reasons[] = {
      {100, "Continue"},
      {101, "Switching Protocols"},
      {200, "OK"},
      {201, "Created"},
      {202, "Accepted"},
      {203, "Non-Authoritative Information"},
      {204, "No Content"},
      {205, "Reset Content"},
      {206, "Partial Content"},
      {300, "Multiple Choices"},
      {301, "Moved Permanently"},
      {302, "Found"},
      {303, "See Other"},
      {304, "Not Modified"},
      {307, "Temporary Redirect"},
      {308, "Permanent Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {402, "Payment Required"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {406, "Not Acceptable"},
      {408, "Request Timeout"},
      {409, "Conflict"},
      {410, "Gone"},
      {411, "Length Required"},
      {412, "Precondition Failed"},
      {413, "Content Too Large"},
      {414, "URI Too Long"},
      {415, "Unsupported Media Type"},
      {422, "Unprocessable Content"},
      {425, "Too Early"},
      {428, "Precondition Required"},
      {429, "Too Many Requests"},
      {431, "Request Header Fields Too Large"},
      {451, "Unavailable For Legal Reasons"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
      {505, "HTTP Version Not Supported"},
  };
  for (const auto &[code, reason] : reasons) {
    if (code == status) return reason;
  }
  return "";
}

} // namespace pss
