// libFuzzer target: diff. The JSON Patch (RFC 6902) that diff writes from A to B, applied to A,
// gives B; a document compared with itself has no change; and a text that the identical-records
// shortcut accepts as JSON (simdjson) is JSON to the located parser too, so that skipping the
// parse loses no error. The input is A, a NUL byte, then B (no NUL: B is A).
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diff/diff.hpp"
#include "core/diff/identical.hpp"

namespace {

using pss::json::Kind;
using pss::json::Value;

[[noreturn]] void fail(const std::string &what, std::string_view patch) {
  std::fprintf(stderr, "diff: %s; patch:\n%.*s\n", what.c_str(), static_cast<int>(patch.size()),
               patch.data());
  std::abort();
}

// An array index token of RFC 6901: "0" or digits without a leading zero; `end` for "-".
std::optional<std::size_t> array_index(const std::string &token, std::size_t end) {
  if (token == "-") return end;
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  std::size_t index = 0;
  const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (ec != std::errc() || ptr != token.data() + token.size()) return std::nullopt;
  return index;
}

// The value a pointer's tokens name (the first of duplicate keys), or nullptr.
Value *resolve(Value &root, const std::vector<std::string> &tokens, std::size_t count) {
  Value *at = &root;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string &token = tokens[i];
    if (at->kind == Kind::Object) {
      auto it = std::find_if(at->members.begin(), at->members.end(),
                             [&](const pss::json::Member &m) { return m.key == token; });
      if (it == at->members.end()) return nullptr;
      at = &it->value;
    } else if (at->kind == Kind::Array) {
      const auto index = array_index(token, at->items.size());
      if (!index || *index >= at->items.size()) return nullptr;
      at = &at->items[*index];
    } else {
      return nullptr;
    }
  }
  return at;
}

// RFC 6902 section 4.1 "add" (an existing member is replaced: later duplicates of its key go).
bool add(Value &root, const std::vector<std::string> &tokens, Value value) {
  if (tokens.empty()) {
    root = std::move(value);
    return true;
  }
  Value *parent = resolve(root, tokens, tokens.size() - 1);
  if (parent == nullptr) return false;
  const std::string &last = tokens.back();
  if (parent->kind == Kind::Object) {
    auto &members = parent->members;
    auto it = std::find_if(members.begin(), members.end(),
                           [&](const pss::json::Member &m) { return m.key == last; });
    if (it == members.end()) {
      members.push_back(pss::json::Member{last, 0, std::move(value)});
      return true;
    }
    it->value = std::move(value);
    members.erase(std::remove_if(std::next(it), members.end(),
                                 [&](const pss::json::Member &m) { return m.key == last; }),
                  members.end());
    return true;
  }
  if (parent->kind != Kind::Array) return false;
  const auto index = array_index(last, parent->items.size());
  if (!index || *index > parent->items.size()) return false;
  parent->items.insert(parent->items.begin() + static_cast<std::ptrdiff_t>(*index),
                       std::move(value));
  return true;
}

// RFC 6902 section 4.2 "remove" (every member of that key goes: none is left to count).
std::optional<Value> remove(Value &root, const std::vector<std::string> &tokens) {
  if (tokens.empty()) return std::nullopt;
  Value *parent = resolve(root, tokens, tokens.size() - 1);
  if (parent == nullptr) return std::nullopt;
  const std::string &last = tokens.back();
  if (parent->kind == Kind::Object) {
    auto &members = parent->members;
    auto it = std::find_if(members.begin(), members.end(),
                           [&](const pss::json::Member &m) { return m.key == last; });
    if (it == members.end()) return std::nullopt;
    Value removed = std::move(it->value);
    members.erase(std::remove_if(it, members.end(),
                                 [&](const pss::json::Member &m) { return m.key == last; }),
                  members.end());
    return removed;
  }
  if (parent->kind != Kind::Array) return std::nullopt;
  const auto index = array_index(last, parent->items.size());
  if (!index || *index >= parent->items.size()) return std::nullopt;
  Value removed = std::move(parent->items[*index]);
  parent->items.erase(parent->items.begin() + static_cast<std::ptrdiff_t>(*index));
  return removed;
}

std::vector<std::string> pointer_tokens(const Value *pointer, std::string_view patch) {
  if (pointer == nullptr || pointer->kind != Kind::String) fail("an op without a pointer", patch);
  std::vector<std::string> tokens;
  const std::string error = pss::split_pointer(pointer->text, tokens);
  if (!error.empty()) fail("a bad pointer: " + pointer->text, patch);
  return tokens;
}

// Applies the patch text to `doc`: add, remove, replace and move (the ops diff writes).
void apply_patch(Value &doc, std::string_view patch) {
  const auto parsed = pss::json::parse(patch);
  if (parsed.error) fail("the patch does not parse: " + parsed.error->message, patch);
  if (parsed.value->kind != Kind::Array) fail("the patch is not an array", patch);
  for (const Value &op : parsed.value->items) {
    const Value *name = op.find("op");
    if (name == nullptr || name->kind != Kind::String) fail("an op without a name", patch);
    const auto path = pointer_tokens(op.find("path"), patch);
    const Value *value = op.find("value");
    bool ok = false;
    if (name->text == "add") {
      ok = value != nullptr && add(doc, path, *value);
    } else if (name->text == "remove") {
      ok = remove(doc, path).has_value();
    } else if (name->text == "replace") {
      // RFC 6902 section 4.3: the target must exist; then it is a remove and an add.
      ok = value != nullptr && resolve(doc, path, path.size()) != nullptr;
      if (ok && !path.empty()) static_cast<void>(remove(doc, path));
      ok = ok && add(doc, path, *value);
    } else if (name->text == "move") {
      auto moved = remove(doc, pointer_tokens(op.find("from"), patch));
      ok = moved && add(doc, path, std::move(*moved));
    }
    if (!ok) fail("op cannot be applied: " + name->text + " " + op.find("path")->text, patch);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view old_text = input.substr(0, nul);
  const std::string_view new_text =
      nul == std::string_view::npos ? old_text : input.substr(nul + 1);
  const auto old_doc = pss::json::parse(old_text);
  const auto new_doc = pss::json::parse(new_text);
  static pss::diff::IdenticalText identical;
  const auto shortcut_agrees = [](std::string_view text, const pss::json::ParseResult &doc) {
    if (identical.equal(text, text) && doc.error) {
      fail("simdjson accepts a text the located parser refuses: " + doc.error->message, text);
    }
  };
  shortcut_agrees(old_text, old_doc);
  shortcut_agrees(new_text, new_doc);
  if (old_doc.error || new_doc.error) return 0; // diff refuses them before comparing

  for (const Value *doc : {&*old_doc.value, &*new_doc.value}) {
    if (!pss::diff::compare(doc, doc, {}).equal()) fail("diff(A, A) is not empty", "");
    const auto self = pss::diff::patch_changes(doc, doc, {});
    if (!self.changes.empty())
      fail("patch(A, A) is not empty", pss::diff::patch_text(self.changes, false, true));
  }
  // The comparison people read, with the options that change its matching (no property: it must
  // finish without a sanitizer report).
  pss::diff::Options options;
  options.exact_numbers = size % 2 == 0;
  options.null_equals_missing = size % 3 == 0;
  const auto changes = pss::diff::compare(&*old_doc.value, &*new_doc.value, options);
  static_cast<void>(changes);

  const auto patch = pss::diff::patch_changes(&*old_doc.value, &*new_doc.value, {});
  const std::string text = pss::diff::patch_text(patch.changes, false, true);
  Value applied = *old_doc.value;
  apply_patch(applied, text);
  if (pss::diff::identity(applied, true) != pss::diff::identity(*new_doc.value, true)) {
    fail("the patch applied to A does not give B", text);
  }
  return 0;
}
