// JSON Pointer tokens, pointer patterns and their matching.
#include "core/json/pointer.hpp"

#include <algorithm>
#include <charconv>

#include "core/session/fields.hpp"

namespace pss {

std::string split_pointer(std::string_view text, std::vector<std::string> &tokens) {
  tokens.clear();
  if (text.empty()) return "";
  if (text.front() != '/')
    return "a JSON Pointer starts with '/' (or is empty for the whole document)";
  std::string token;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
      continue;
    }
    if (text[i] != '~') {
      token += text[i];
      continue;
    }
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (next != '0' && next != '1') return "'~' must be followed by 0 (for '~') or 1 (for '/')";
    token += next == '0' ? '~' : '/';
    ++i;
  }
  return "";
}

std::string_view canonical_field_key(std::string_view key) {
  const FieldMatch match = find_field(key);
  return match.field != nullptr ? match.field->wire : key;
}

std::optional<PointerPattern> parse_pattern(std::string_view text, std::string &error) {
  PointerPattern pattern{std::string(text), {}};
  error = split_pointer(text, pattern.tokens);
  if (!error.empty()) return std::nullopt;
  if (!pattern.tokens.empty()) pattern.tokens[0] = canonical_field_key(pattern.tokens[0]);
  return pattern;
}

namespace {

const json::Value *member(const json::Value &object, std::string_view key, bool top) {
  for (const auto &m : object.members) {
    if ((top ? canonical_field_key(m.key) : std::string_view(m.key)) == key) return &m.value;
  }
  return nullptr;
}

const json::Value *item(const json::Value &array, std::string_view token) {
  std::size_t index = 0;
  const auto *end = token.data() + token.size();
  const auto [at, ec] = std::from_chars(token.data(), end, index);
  if (ec != std::errc() || at != end || (token.size() > 1 && token[0] == '0')) return nullptr;
  return index < array.items.size() ? &array.items[index] : nullptr;
}

} // namespace

const json::Value *resolve(const json::Value &root, const PointerPattern &pattern) {
  const json::Value *at = &root;
  for (std::size_t i = 0; i < pattern.tokens.size() && at != nullptr; ++i) {
    const std::string &token = pattern.tokens[i];
    if (at->kind == json::Kind::Object) {
      at = member(*at, token, i == 0);
    } else if (at->kind == json::Kind::Array) {
      at = item(*at, token);
    } else {
      at = nullptr;
    }
  }
  return at;
}

} // namespace pss
