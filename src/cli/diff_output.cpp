// diff's output formats (documented in docs/diff.md).
#include "cli/diff_output.hpp"

#include <fmt/format.h>

#include "core/json/location.hpp"
#include "core/json/text.hpp"
#include "core/json/writer.hpp"
#include "core/privacy/redactor.hpp"
#include "core/session/check.hpp"

namespace pss::cli {
namespace {

// Columns a value keeps however narrow the line: a deep path must not leave nothing to read.
constexpr std::size_t min_shown_value = 16;

// `text` cut to `columns` display columns, ending in "..."; whole when `columns` is 0 or enough.
std::string shorten(std::string text, std::size_t columns) {
  if (columns == 0 || display_width(text) <= columns) return text;
  std::size_t width = 0;
  std::string cut(fit_columns(text, columns > 3 ? columns - 3 : 0, width));
  return cut + "...";
}

std::string show_value(const json::Value &value, bool secret, std::size_t columns = 0) {
  std::string compact;
  diff::append_value(compact, value, true, secret);
  return shorten(escape_for_display(compact), columns);
}

std::string show_path(const std::string &path) {
  return path.empty() ? "(document)" : Redactor::show_pointer(path);
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
    return side.present ? fmt::format("line {}", side.line) : std::string("-");
  };
  std::string name;
  if (pair.key != nullptr) {
    name = "key " + show_value(*pair.key, false, 80); // a header, not fitted
  } else {
    name = fmt::format("record {}", pair.record);
  }
  return fmt::format("{} ({} / {})", name, line(pair.old_side), line(pair.new_side));
}

// One change, fitted to `width` columns (0: whole values) by shortening its values: a changed
// value's old and new share the room, the shorter one leaving the rest to the other.
std::string change_line(const diff::Change &c, const Palette &p, std::size_t width) {
  const std::string path = show_path(c.path);
  const std::size_t used = display_width(path) + 4; // "~ /path: "
  const std::size_t room = width == 0 ? 0 : width > used ? width - used : 0;
  const auto fitted = [&](std::size_t columns) {
    return width == 0 ? 0 : std::max(columns, min_shown_value);
  };
  switch (c.op) {
  case diff::Op::Add:
    return fmt::format("{}+ {}: {}{}\n", p.added(), path,
                       show_value(*c.new_value, c.secret, fitted(room)), p.reset());
  case diff::Op::Remove:
    return fmt::format("{}- {}: {}{}\n", p.removed(), path,
                       show_value(*c.old_value, c.secret, fitted(room)), p.reset());
  default: {
    std::string old_value = show_value(*c.old_value, c.secret);
    std::string new_value = show_value(*c.new_value, c.secret);
    const std::size_t both = room > 4 ? room - 4 : 0; // " -> "
    const std::size_t old_width = display_width(old_value);
    const std::size_t new_width = display_width(new_value);
    if (width != 0 && old_width + new_width > both) {
      std::size_t old_room = both / 2, new_room = both - both / 2;
      if (new_width <= new_room) {
        old_room = both - new_width, new_room = new_width;
      } else if (old_width <= old_room) {
        new_room = both - old_width, old_room = old_width;
      }
      old_value = shorten(std::move(old_value), fitted(old_room));
      new_value = shorten(std::move(new_value), fitted(new_room));
    }
    return fmt::format("{}~ {}: {} -> {}{}\n", p.changed(), path, old_value, new_value, p.reset());
  }
  }
}

// A pointer in a report: card numbers in keys masked.
void write_pointer(json::JsonWriter &w, const std::string &path) {
  w.string(Redactor::mask(path));
}

void write_change(json::JsonWriter &w, const diff::Change &c) {
  w.begin_object();
  w.key("op");
  w.string(diff::op_name(c.op));
  w.key("path");
  write_pointer(w, c.path);
  if (c.op != diff::Op::Add && c.old_path != c.path) {
    w.key("old_path");
    write_pointer(w, c.old_path);
  }
  if (c.old_value != nullptr) {
    w.key("old");
    diff::write_value(w, *c.old_value, true, c.secret);
  }
  if (c.new_value != nullptr) {
    w.key("new");
    diff::write_value(w, *c.new_value, true, c.secret);
  }
  w.end_object();
}

// "equal":..,"renamed":[...]
void write_equal_and_renamed(json::JsonWriter &w, bool equal,
                             std::span<const diff::Rename> renames) {
  w.key("equal");
  w.boolean(equal);
  w.key("renamed");
  w.begin_array();
  for (const auto &rename : renames) {
    std::string old_path, new_path;
    append_pointer_token(old_path, rename.old_key);
    append_pointer_token(new_path, rename.new_key);
    w.begin_object();
    w.key("old");
    w.string(old_path);
    w.key("new");
    w.string(new_path);
    w.end_object();
  }
  w.end_array();
}

// "record":3 or "key":..., then the lines ("old_line":null for a missing record).
void write_record_fields(json::JsonWriter &w, const DiffPair &pair, bool mask) {
  if (pair.key != nullptr) {
    w.key("key");
    diff::write_value(w, *pair.key, mask);
  } else {
    w.key("record");
    w.integer(pair.record);
  }
  for (const auto &[name, side] :
       {std::pair{"old_line", &pair.old_side}, std::pair{"new_line", &pair.new_side}}) {
    w.key(name);
    if (side->present) {
      w.integer(side->line);
    } else {
      w.null();
    }
  }
}

} // namespace

std::string format_diff_text(const DiffPair &pair, const Palette &p, std::size_t width) {
  std::string out;
  for (const auto &change : pair.diff.changes) out += change_line(change, p, width);
  if (!pair.is_record() || (out.empty() && pair.diff.renames.empty())) return out;
  std::string label = record_label(pair);
  if (!pair.diff.renames.empty()) {
    label += fmt::format(" spellings differ: {} -> {}", naming_words(naming_of(pair.old_side)),
                         naming_words(naming_of(pair.new_side)));
  }
  return fmt::format("{}@@ {}{}\n", p.header(), label, p.reset()) + out;
}

std::string spelling_note(const DiffPair &pair) {
  if (pair.diff.renames.empty()) return "";
  return fmt::format("note: spellings differ: {} uses {}, {} uses {}",
                     escape_for_display(pair.old_side.name), naming_words(naming_of(pair.old_side)),
                     escape_for_display(pair.new_side.name),
                     naming_words(naming_of(pair.new_side)));
}

std::string format_diff_json(const DiffPair &pair) {
  std::string out;
  out.reserve(128); // an equal record's line, whole: one allocation a record
  json::JsonWriter w(out);
  w.begin_object();
  if (pair.is_record()) write_record_fields(w, pair, true);
  write_equal_and_renamed(w, pair.diff.equal(), pair.diff.renames);
  w.key("changes");
  w.begin_array();
  for (const auto &change : pair.diff.changes) write_change(w, change);
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string format_diff_patch(const DiffPair &pair, const diff::Patch &patch, bool redact) {
  if (!pair.is_record()) return diff::patch_text(patch.changes, redact, true) + "\n";
  if (patch.changes.empty()) return "";
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  write_record_fields(w, pair, redact);
  w.key("patch");
  diff::write_patch(w, patch.changes, redact);
  w.end_object();
  out += '\n';
  return out;
}

std::string format_change_text(const diff::Change &change, const Palette &palette,
                               std::size_t width) {
  return change_line(change, palette, width);
}

std::string diff_json_head(bool equal, std::span<const diff::Rename> renames) {
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  write_equal_and_renamed(w, equal, renames);
  w.key("changes");
  w.begin_array();
  return out;
}

void append_change_json(std::string &out, const diff::Change &change) {
  json::JsonWriter w(out);
  write_change(w, change);
}

} // namespace pss::cli
