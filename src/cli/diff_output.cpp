// diff's output formats (documented in docs/diff.md).
#include "cli/diff_output.hpp"

#include <fmt/format.h>

#include "core/card.hpp"
#include "core/check.hpp"
#include "core/location.hpp"
#include "core/text.hpp"

namespace pss::cli {
namespace {

// Values longer than this (in characters, as shown) are cut, ending in "...".
constexpr std::size_t max_shown_value = 80;

std::string shorten(std::string text, std::size_t width) {
  if (count_characters(text) <= width) return text;
  std::size_t kept = 0;
  std::size_t at = 0;
  for (; at < text.size(); ++at) {
    const bool starts = (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
    if (starts && kept++ == width - 3) break;
  }
  text.resize(at);
  return text + "...";
}

std::string show_value(const json::Value &value, bool secret) {
  std::string compact;
  diff::append_value(compact, value, true, secret);
  return shorten(escape_for_display(compact), max_shown_value);
}

std::string show_path(const std::string &path) {
  return path.empty() ? "(document)" : escape_for_display(mask_card_numbers(path));
}

std::string_view naming_words(DetectedNaming naming) {
  switch (naming) {
  case DetectedNaming::Wire:
    return "wire names";
  case DetectedNaming::Sdk:
    return "SDK names";
  case DetectedNaming::Mixed:
    return "a mix of wire and SDK names";
  case DetectedNaming::Either:
    break;
  }
  return "names spelled alike in both";
}

// Which spelling a document uses, as the check command detects it.
DetectedNaming naming_of(const DiffSide &side) {
  return analyze(*side.root, side.text, CheckOptions{}).naming;
}

std::string record_label(const DiffPair &pair) {
  const auto line = [](const DiffSide &side) {
    return side.root != nullptr ? fmt::format("line {}", side.line) : std::string("-");
  };
  std::string name;
  if (pair.key != nullptr) {
    name = "key " + show_value(*pair.key, false);
  } else {
    name = fmt::format("record {}", pair.record);
  }
  return fmt::format("{} ({} / {})", name, line(pair.old_side), line(pair.new_side));
}

std::string change_line(const diff::Change &c, const Palette &p) {
  const std::string path = show_path(c.path);
  switch (c.op) {
  case diff::Op::Add:
    return fmt::format("{}+ {}: {}{}\n", p.green(), path, show_value(*c.new_value, c.secret),
                       p.reset());
  case diff::Op::Remove:
    return fmt::format("{}- {}: {}{}\n", p.red(), path, show_value(*c.old_value, c.secret),
                       p.reset());
  default:
    return fmt::format("{}~ {}: {} -> {}{}\n", p.yellow(), path, show_value(*c.old_value, c.secret),
                       show_value(*c.new_value, c.secret), p.reset());
  }
}

void append_pointer(std::string &out, const std::string &path) {
  json::append_quoted(out, mask_card_numbers(path));
}

void append_change(std::string &out, const diff::Change &c) {
  out += "{\"op\":\"" + std::string(diff::op_name(c.op)) + "\",\"path\":";
  append_pointer(out, c.path);
  if (c.op != diff::Op::Add && c.old_path != c.path) {
    out += ",\"old_path\":";
    append_pointer(out, c.old_path);
  }
  if (c.old_value != nullptr) {
    out += ",\"old\":";
    diff::append_value(out, *c.old_value, true, c.secret);
  }
  if (c.new_value != nullptr) {
    out += ",\"new\":";
    diff::append_value(out, *c.new_value, true, c.secret);
  }
  out += '}';
}

// "record":3 or "key":..., then the lines ("old_line":null for a missing record).
void append_record_fields(std::string &out, const DiffPair &pair, bool mask) {
  if (pair.key != nullptr) {
    out += "\"key\":";
    diff::append_value(out, *pair.key, mask);
  } else {
    out += fmt::format("\"record\":{}", pair.record);
  }
  const auto line = [](const DiffSide &side) {
    return side.root != nullptr ? std::to_string(side.line) : std::string("null");
  };
  out += fmt::format(",\"old_line\":{},\"new_line\":{},", line(pair.old_side), line(pair.new_side));
}

} // namespace

std::string format_diff_text(const DiffPair &pair, const Palette &p) {
  std::string out;
  if (!pair.diff.renames.empty()) {
    out +=
        fmt::format("note: spellings differ: {} uses {}, {} uses {}\n",
                    escape_for_display(pair.old_side.name), naming_words(naming_of(pair.old_side)),
                    escape_for_display(pair.new_side.name), naming_words(naming_of(pair.new_side)));
  }
  for (const auto &change : pair.diff.changes) out += change_line(change, p);
  if (out.empty() || !pair.is_record()) return out;
  return fmt::format("{}@@ {}{}\n", p.cyan(), record_label(pair), p.reset()) + out;
}

std::string format_diff_json(const DiffPair &pair) {
  std::string out = "{";
  if (pair.is_record()) append_record_fields(out, pair, true);
  out += fmt::format("\"equal\":{},\"renamed\":[", pair.diff.equal() ? "true" : "false");
  for (std::size_t i = 0; i < pair.diff.renames.size(); ++i) {
    const auto &rename = pair.diff.renames[i];
    std::string old_path, new_path;
    append_pointer_token(old_path, rename.old_key);
    append_pointer_token(new_path, rename.new_key);
    out += i > 0 ? ",{\"old\":" : "{\"old\":";
    json::append_quoted(out, old_path);
    out += ",\"new\":";
    json::append_quoted(out, new_path);
    out += '}';
  }
  out += "],\"changes\":[";
  for (std::size_t i = 0; i < pair.diff.changes.size(); ++i) {
    if (i > 0) out += ',';
    append_change(out, pair.diff.changes[i]);
  }
  out += "]}\n";
  return out;
}

std::string format_diff_patch(const DiffPair &pair, const diff::Diff &patch, bool redact) {
  if (!pair.is_record()) return diff::patch_text(patch.changes, redact, true) + "\n";
  if (patch.changes.empty()) return "";
  std::string out = "{";
  append_record_fields(out, pair, redact);
  out += "\"patch\":" + diff::patch_text(patch.changes, redact, false) + "}\n";
  return out;
}

} // namespace pss::cli
