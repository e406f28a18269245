// diff: what changed between two sessions, or two JSON Lines files record by record.

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/diff_output.hpp"
#include "cli/exit_code.hpp"
#include "cli/input.hpp"
#include "cli/output.hpp"
#include "cli/report.hpp"
#include "core/diff/diff.hpp"
#include "core/diff/identical.hpp"
#include "core/json/pointer.hpp"
#include "core/json/text.hpp"
#include "core/json/writer.hpp"

namespace pss::cli {
namespace {

constexpr const char *diff_footer =
    R"(Objects compare by key (order alone is no difference), arrays by position aligned on a
longest common subsequence (or by a key field with --array-key), numbers by value, and the
session fields whatever their spelling (wire or SDK). Text and json output mask card numbers
and secrets; a patch reproduces the new document exactly unless --redact. See docs/diff.md.

Examples:
  pss-inspect diff old.json new.json
  pss-inspect diff --format patch old.json new.json > change.patch.json
  pss-inspect diff --ignore /response_body/sessionId --ignore '/response_body/items/*/ts' a b
  pss-inspect diff --key /response_body/sessionId expected.jsonl actual.jsonl

Exit status:
  0  the documents are equal
  1  they differ
  2  trouble: a usage error, an input that cannot be read or is not JSON)";

} // namespace

void add_diff_options(CLI::App &command, DiffArgs &args) {
  command.add_option("old", args.old_path, "The old document: a file, or - for stdin")->required();
  command.add_option("new", args.new_path, "The new document: a file, or - for stdin")->required();
  add_choice_option(command, "--format", args.format, diff_format_choices,
                    "Output: text, json (a report), patch (RFC 6902)", true);
  command
      .add_option("--ignore", args.ignore,
                  "Skip this path and everything below it (JSON Pointer, * for any one segment; "
                  "repeatable)")
      ->type_name("POINTER")
      ->allow_extra_args(false);
  command
      .add_option("--ignore-file", args.ignore_file,
                  "Skip the paths listed in FILE (one pointer a line; blank lines and # "
                  "comments skipped)")
      ->type_name("FILE");
  command
      .add_option("--array-key", args.array_keys,
                  "Match the items of the arrays at POINTER (* allowed) by their member KEY, "
                  "whatever their order (repeatable)")
      ->type_name("POINTER=KEY")
      ->allow_extra_args(false);
  command.add_flag("--exact-numbers", args.exact_numbers,
                   "Compare numbers by their literal text (1.0 differs from 1)");
  command.add_flag("--null-equals-missing", args.null_equals_missing,
                   "An absent code, status_code or response_body equals null");
  command.add_flag("--lines", args.lines,
                   "Compare as JSON Lines, record by record (automatic for .jsonl and .ndjson)");
  command.add_flag("--no-lines", args.no_lines,
                   "Read stdin as one document even when it looks like JSON Lines");
  args.key_option =
      command
          .add_option("--key", args.key,
                      "JSON Lines: pair records by the value at POINTER instead of by position")
          ->type_name("POINTER");
  command.add_flag("--redact", args.redact,
                   "Mask card numbers and secrets in a patch too (text and json always mask)");
  args.width_option =
      command
          .add_option("--width", args.width,
                      "Text: shorten values so that each change fits N columns; 0: whole values "
                      "(default: the terminal's width, else COLUMNS, else 120)")
          ->transform(count_validator("columns"))
          ->type_name("N");
  command.add_flag(
      "-q,--brief", args.brief,
      "Print only which documents (or pairs of files in two folders) differ; with --format "
      "json, their names as JSON lines");
  add_color_option(command, args.color);
  add_max_document_size_option(command);
  add_path_options(command, args.path_args);
  command.footer(diff_footer);
}

namespace {

// What a run needs once the arguments are understood, and how it is going.
struct DiffRun {
  diff::Options options;
  DiffFormat format = DiffFormat::Text;
  bool redact = false;
  Palette out_palette;
  Palette err_palette;
  Layout err_layout;
  std::size_t width = 0; // of text lines; 0: values whole
  std::optional<PointerPattern> key;
  bool trouble = false;
  bool different = false;
  bool brief = false;
  std::string header; // folders: names the pair, written before its first output
  WalkOptions walk;   // folders: the files taken, as check takes them
  std::unique_ptr<diff::IdenticalText> identical = std::make_unique<diff::IdenticalText>();
};

// --- understanding the arguments ---

bool add_pattern(std::string_view text, std::string_view where,
                 std::vector<PointerPattern> &patterns) {
  std::string error;
  auto pattern = parse_pattern(text, error);
  if (!pattern) {
    complain(fmt::format("{} {}: {}", where, quote_for_display(text), error));
    return false;
  }
  patterns.push_back(std::move(*pattern));
  return true;
}

bool read_ignore_file(const std::string &file, std::vector<PointerPattern> &patterns) {
  std::ifstream in(file);
  if (!in) {
    complain(fmt::format("--ignore-file {}: {}", escape_for_display(file), std::strerror(errno)));
    return false;
  }
  std::string line;
  bool ok = true;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const std::string where = fmt::format("{}:{}:", escape_for_display(file), number);
    ok = add_pattern(std::string_view(line).substr(start), where, patterns) && ok;
  }
  return ok;
}

bool add_array_key(const std::string &text, std::vector<diff::ArrayKey> &keys) {
  const auto equals = text.rfind('=');
  if (equals == std::string::npos || equals + 1 == text.size()) {
    complain(fmt::format("--array-key {}: expected POINTER=KEY, e.g. /response_body/items=id",
                         quote_for_display(text)));
    return false;
  }
  std::vector<PointerPattern> array;
  if (!add_pattern(std::string_view(text).substr(0, equals), "--array-key", array)) return false;
  keys.push_back(diff::ArrayKey{std::move(array[0]), text.substr(equals + 1)});
  return true;
}

bool parse_key(const std::string &text, DiffRun &run) {
  std::vector<PointerPattern> key;
  if (!add_pattern(text, "--key", key)) return false;
  for (const auto &token : key[0].tokens) {
    if (token == "*") {
      complain("--key takes one pointer: `*` is for --ignore and --array-key");
      return false;
    }
  }
  run.key = std::move(key[0]);
  return true;
}

// Turns the arguments into a run; complains and returns false on a usage error.
bool understand(const DiffArgs &args, bool lines, DiffRun &run) {
  bool ok = true;
  for (const auto &text : args.ignore) ok = add_pattern(text, "--ignore", run.options.ignore) && ok;
  if (!args.ignore_file.empty()) ok = read_ignore_file(args.ignore_file, run.options.ignore) && ok;
  for (const auto &text : args.array_keys) ok = add_array_key(text, run.options.array_keys) && ok;
  if (args.key_option != nullptr && args.key_option->count() > 0) {
    ok = parse_key(args.key, run) && ok;
    if (!lines) {
      complain("--key pairs JSON Lines records: give .jsonl files, or --lines");
      ok = false;
    }
  }
  if (args.brief && args.format == DiffFormat::Patch) {
    complain("-q prints which inputs differ (text or json); --format patch writes the changes: "
             "leave out one of them");
    ok = false;
  }
  if (args.old_path == "-" && args.new_path == "-") {
    complain("only one input can be stdin (-): give a file for the other");
    ok = false;
  }
  run.options.exact_numbers = args.exact_numbers;
  run.options.null_equals_missing = args.null_equals_missing;
  run.format = args.format;
  run.redact = args.redact;
  run.brief = args.brief;
  const ColorMode color = args.color;
  run.out_palette = Palette{run.format == DiffFormat::Text && use_color(color, 1)};
  run.err_palette = Palette{use_color(color, 2)};
  run.err_layout = layout_for(2);
  run.width = args.width_option->count() > 0 ? args.width : layout_for(1).width;
  return ok;
}

// `sniff`: stdin is JSON Lines when it looks like it (check's rule, Source::sniff_lines).
Source source_for(const std::string &path, bool lines, bool sniff, const DiffRun &run) {
  if (path != "-") return Source{path, path, lines};
  Source source{run.walk.stdin_name, "", lines};
  source.sniff_lines = sniff;
  return source;
}

// --- the compare-and-render loop ---

// A record (or a whole document) as read: its bytes and where they are in the file.
struct RawRecord {
  std::string_view text;
  std::size_t line = 0;
  std::size_t offset = 0;
  std::optional<json::PaddedView> padded; // `text` with simdjson's padding after it (a Chunk's)
};

// What a pairing yields: two records to compare, either of which may be missing.
struct RecordPair {
  std::optional<RawRecord> old_record;
  std::optional<RawRecord> new_record;
  std::size_t record = 0; // paired by position: from 1; 0 for whole documents and --key
  bool keyed = false;     // paired by --key: named by its key value
  const json::Value *new_root = nullptr; // the new record, when the pairing parsed it already
  [[nodiscard]] bool is_record() const { return record != 0 || keyed; }
};

// Receives each pair of a pairing; returns false to stop (stdout is gone).
using PairVisitor = std::function<bool(const RecordPair &)>;

// Parses a document; for invalid JSON prints the located finding on stderr.
std::optional<json::Value> parse_or_report(DiffRun &run, const Source &source,
                                           const RawRecord &record) {
  auto parsed = json::parse(record.text);
  if (!parsed.error) return std::move(parsed.value);
  const Report report = report_parse_error(parsed, record.text);
  const Origin origin{record.offset, record.line};
  const std::string message =
      format_text(Checked{source, origin, record.text, report}, run.err_palette, run.err_layout);
  write_err(message);
  run.trouble = true;
  return std::nullopt;
}

DiffSide side_of(const Source &source, const std::optional<RawRecord> &record,
                 const json::Value *root) {
  return record ? DiffSide{source.name, true, record->line, root, record->text}
                : DiffSide{source.name, false, 0, nullptr, {}};
}

// stdout in pieces of about a MiB, the folder pair's header before the first.
class ChunkedOutput {
public:
  explicit ChunkedOutput(DiffRun &run) : run_(run) {}
  ChunkedOutput(const ChunkedOutput &) = delete;
  ChunkedOutput &operator=(const ChunkedOutput &) = delete;
  ~ChunkedOutput() { flush(); }

  std::string &buffer() { return out_; }
  // Call after appending to buffer(): writes it once it is large enough.
  void maybe_flush() {
    if (out_.size() >= piece) flush();
  }
  void flush() {
    if (out_.empty()) return;
    if (!run_.header.empty()) write_out(std::exchange(run_.header, ""));
    write_out(out_);
    out_.clear();
  }

private:
  static constexpr std::size_t piece = std::size_t{1} << 20;
  DiffRun &run_;
  std::string out_;
};

// Counts what a walk finds, for the exit status alone.
struct DifferenceCounter final : diff::EventSink {
  bool found = false;
  void on(const diff::Event &e) override {
    found = found || e.kind == diff::EventKind::Added || e.kind == diff::EventKind::Removed ||
            e.kind == diff::EventKind::Changed;
  }
};

// Two whole documents compared through compact trees (16 bytes a value instead of a located
// tree's 100 and more) and written as the changes are found, in pieces: memory about the size
// of the two texts, whatever the size of the diff. The bytes are format_diff_text's,
// format_diff_json's or format_diff_patch's. Returns false, having done nothing, when a text is
// not JSON as the compact reader reads it: the located parser then says where and why.
bool compare_documents(DiffRun &run, const Source &a, const Source &b, const RawRecord &old_record,
                       const RawRecord &new_record) {
  auto old_doc = diff::CompactDocument::parse(old_record.text);
  if (!old_doc) return false;
  auto new_doc = diff::CompactDocument::parse(new_record.text);
  if (!new_doc) return false;
  const diff::CompactNode *old_root = &old_doc->root();
  const diff::CompactNode *new_root = &new_doc->root();
  if (run.brief || run.format == DiffFormat::Patch) {
    DifferenceCounter counter;
    diff::walk(old_root, new_root, run.options, diff::Reading::Meaning, counter);
    run.different = run.different || counter.found;
    if (run.brief) return true;
  }
  ChunkedOutput out(run);
  if (run.format == DiffFormat::Patch) {
    diff::Options data; // as diff::patch_changes reads: literals exact, only --ignore
    data.exact_numbers = true;
    data.ignore = run.options.ignore;
    bool any = false;
    diff::PatchStream ops([&](const diff::PatchOp &op) {
      out.buffer() += diff_patch_separator(!any);
      any = true;
      json::JsonWriter writer(out.buffer());
      diff::write_patch_op(writer, op, run.redact);
      out.maybe_flush();
    });
    diff::walk(old_root, new_root, data, diff::Reading::Data, ops);
    out.buffer() += diff_patch_end(any);
    return true;
  }
  // Renamed fields come first: in the JSON report's head, on stderr before the text.
  const std::vector<diff::Rename> renames = diff::renames(old_root, new_root, run.options);
  if (run.format == DiffFormat::Text && !renames.empty()) {
    // Which spellings each document uses is the check's answer, from located trees: only then.
    const auto old_tree = json::parse(old_record.text);
    const auto new_tree = json::parse(new_record.text);
    if (old_tree.value && new_tree.value) {
      const diff::Diff named{{}, renames};
      const DiffPair shown{side_of(a, old_record, &*old_tree.value),
                           side_of(b, new_record, &*new_tree.value), named, 0, nullptr};
      complain(spelling_note(shown));
    }
  }
  bool any = false;
  diff::ChangeStream changes(
      [&](const diff::Change &change) {
        if (run.format == DiffFormat::Text) {
          out.buffer() += format_change_text(change, run.out_palette, run.width);
        } else {
          if (!any) out.buffer() += diff_json_head(false, renames);
          if (any) out.buffer() += ',';
          append_change_json(out.buffer(), change);
        }
        any = true;
        out.maybe_flush();
      },
      [](const diff::Rename &) {});
  diff::walk(old_root, new_root, run.options, diff::Reading::Meaning, changes);
  run.different = run.different || any;
  if (run.format == DiffFormat::Json) {
    if (!any) out.buffer() += diff_json_head(true, renames);
    out.buffer() += diff_json_tail;
  }
  return true;
}

// Compares one pair and writes what the format shows of it. Byte-identical records are
// validated once and are equal: no tree, no comparison.
void compare_and_render(DiffRun &run, const Source &a, const Source &b, const RecordPair &pair) {
  const auto &old_record = pair.old_record;
  const auto &new_record = pair.new_record;
  const bool same_text =
      old_record && new_record &&
      (new_record->padded ? run.identical->equal(old_record->text, *new_record->padded)
                          : run.identical->equal(old_record->text, new_record->text));
  if (!same_text && !pair.is_record() && old_record && new_record &&
      compare_documents(run, a, b, *old_record, *new_record)) {
    return;
  }
  std::optional<json::Value> old_doc, new_doc;
  const json::Value *new_root = pair.new_root;
  if (!same_text) {
    if (old_record && !(old_doc = parse_or_report(run, a, *old_record))) return;
    if (new_record && new_root == nullptr) {
      if (!(new_doc = parse_or_report(run, b, *new_record))) return;
      new_root = &*new_doc;
    }
  }
  const json::Value *old_root = old_doc ? &*old_doc : nullptr;
  const diff::Diff changes =
      same_text ? diff::Diff{} : diff::compare(old_root, new_root, run.options);
  run.different = run.different || !changes.equal();
  if (run.brief) return;
  const json::Value *key =
      pair.keyed ? resolve(new_root != nullptr ? *new_root : *old_root, *run.key) : nullptr;
  const DiffPair shown{side_of(a, old_record, old_root), side_of(b, new_record, new_root), changes,
                       pair.record, key};
  std::string out;
  std::string note; // whole documents have no header to say it in: talk, on stderr
  switch (run.format) {
  case DiffFormat::Text:
    out = format_diff_text(shown, run.out_palette, run.width);
    if (!shown.is_record()) note = spelling_note(shown);
    break;
  case DiffFormat::Json:
    out = format_diff_json(shown);
    break;
  case DiffFormat::Patch:
    out = format_diff_patch(shown,
                            same_text ? diff::Patch{}
                                      : diff::patch_changes(old_root, new_root, run.options.ignore),
                            run.redact);
    break;
  }
  if (!out.empty() && !run.header.empty()) write_out(std::exchange(run.header, ""));
  if (!note.empty()) complain(note);
  write_out(out);
}

// --- the pairings: whole documents, records by position, records by key ---

// One of the two inputs, and for stdin that is sniffed, the reader that has read its first bytes
// (and so knows whether it is JSON Lines). Not movable: the reader refers to the source.
struct Input {
  explicit Input(const Source &from) : source(from) {
    if (source.sniff_lines) reader = std::make_unique<DocumentReader>(source);
  }
  Input(const Input &) = delete;
  Input &operator=(const Input &) = delete;

  Source source;
  std::unique_ptr<DocumentReader> reader;
};

// Calls `visit` for each document of an input (from its reader when it has one); `visit` returns
// false to stop. Returns an error message naming the input, or "".
std::string read_documents(Input &input, const std::function<bool(const Chunk &)> &visit) {
  if (!input.reader) return read_documents(input.source, visit);
  while (const auto chunk = input.reader->next()) {
    if (!visit(*chunk)) return "";
  }
  return input.reader->error();
}

bool read_whole(Input &input, std::string &text) {
  const std::string error = read_documents(input, [&](const Chunk &chunk) {
    text.assign(chunk.text);
    return true;
  });
  if (error.empty()) return true;
  complain(error);
  return false;
}

// Two whole documents: one pair.
void pair_documents(DiffRun &run, Input &a, Input &b, const PairVisitor &visit) {
  std::string old_text, new_text;
  const bool old_read = read_whole(a, old_text);
  const bool new_read = read_whole(b, new_text); // read both, to report both problems
  if (!old_read || !new_read) {
    run.trouble = true;
    return;
  }
  visit(RecordPair{RawRecord{old_text, 1, 0, {}}, RawRecord{new_text, 1, 0, {}}, 0, false});
}

RawRecord raw_record(const Chunk &chunk) {
  return RawRecord{chunk.text, chunk.line, chunk.offset, chunk.text};
}

// Record N of one file with record N of the other, both files read in step, so memory stays
// bounded whatever their size; extra records pair with nothing (added or removed).
void pair_by_position(DiffRun &run, Input &a, Input &b, const PairVisitor &visit) {
  if (!a.reader) a.reader = std::make_unique<DocumentReader>(a.source);
  DocumentReader &olds = *a.reader;
  std::size_t next = 0;
  bool going = true;
  const std::string error = read_documents(b, [&](const Chunk &chunk) {
    std::optional<RawRecord> old_record;
    if (const auto old_chunk = olds.next()) old_record = raw_record(*old_chunk);
    return going = visit(RecordPair{old_record, raw_record(chunk), ++next, false});
  });
  if (!error.empty()) complain(error), run.trouble = true;
  while (going) {
    const auto old_chunk = olds.next();
    if (!old_chunk) break;
    going = visit(RecordPair{raw_record(*old_chunk), std::nullopt, ++next, false});
  }
  if (!olds.error().empty()) complain(olds.error()), run.trouble = true;
}

// With --key, the old file's records, kept as text while the new file streams past: memory about
// the old file's size (a parsed record is about ten times its text, so trees are not kept).
struct Records {
  struct Record {
    std::size_t begin = 0, size = 0, line = 0, offset = 0;
  };
  std::string bytes;
  std::vector<Record> list;

  [[nodiscard]] RawRecord raw(std::size_t i) const {
    const Record &r = list[i];
    return RawRecord{std::string_view(bytes).substr(r.begin, r.size), r.line, r.offset, {}};
  }
};

bool load_records(Input &input, Records &records) {
  const std::string error = read_documents(input, [&](const Chunk &chunk) {
    records.list.push_back({records.bytes.size(), chunk.text.size(), chunk.line, chunk.offset});
    records.bytes.append(chunk.text);
    return true;
  });
  if (error.empty()) return true;
  complain(error);
  return false;
}

// The identity of a record's key value, or nullopt (after complaining) when it has none.
std::optional<std::string> key_of(DiffRun &run, const Source &source, std::size_t line,
                                  const json::Value &root) {
  const json::Value *value = resolve(root, *run.key);
  if (value == nullptr) {
    complain(fmt::format("{}:{}: the record has no value at {} (--key)",
                         escape_for_display(source.name), line, escape_for_display(run.key->text)));
    run.trouble = true;
    return std::nullopt;
  }
  return diff::identity(*value, run.options.exact_numbers);
}

void complain_duplicate_key(DiffRun &run, const Source &source, std::size_t line,
                            std::size_t first_line) {
  complain(fmt::format("{}:{}: the value at {} is also line {}'s: --key needs a different value "
                       "in every record (this record is skipped)",
                       escape_for_display(source.name), line, escape_for_display(run.key->text),
                       first_line));
  run.trouble = true;
}

// Records paired by the value at --key: the old file is indexed, the new one streamed. Pairs
// follow the new file; records only the old file has come last, in its order.
void pair_by_key(DiffRun &run, Input &a_input, Input &b_input, const PairVisitor &visit) {
  const Source &a = a_input.source;
  const Source &b = b_input.source;
  Records olds; // pairing by key needs the old file's records at hand
  if (!load_records(a_input, olds)) {
    run.trouble = true;
    return;
  }
  std::unordered_map<std::string, std::size_t> old_by_key;
  for (std::size_t i = 0; i < olds.list.size(); ++i) {
    const RawRecord record = olds.raw(i);
    const auto doc = parse_or_report(run, a, record);
    const auto id = doc ? key_of(run, a, record.line, *doc) : std::nullopt;
    if (!id) continue;
    const auto [at, fresh] = old_by_key.emplace(*id, i);
    if (!fresh) complain_duplicate_key(run, a, record.line, olds.list[at->second].line);
  }
  std::vector<bool> paired(olds.list.size(), false);
  std::unordered_map<std::string, std::size_t> new_lines;
  bool going = true;
  const std::string error = read_documents(b_input, [&](const Chunk &chunk) {
    const RawRecord record = raw_record(chunk);
    const auto doc = parse_or_report(run, b, record);
    const auto id = doc ? key_of(run, b, chunk.line, *doc) : std::nullopt;
    if (!id) return true;
    const auto [seen, fresh] = new_lines.emplace(*id, chunk.line);
    if (!fresh) {
      complain_duplicate_key(run, b, chunk.line, seen->second);
      return true;
    }
    std::optional<RawRecord> old_record;
    if (const auto it = old_by_key.find(*id); it != old_by_key.end()) {
      paired[it->second] = true;
      old_record = olds.raw(it->second);
    }
    return going = visit(RecordPair{old_record, record, 0, true, &*doc});
  });
  if (!error.empty()) complain(error), run.trouble = true;
  std::vector<std::size_t> unpaired;
  for (const auto &[id, i] : old_by_key) {
    if (!paired[i]) unpaired.push_back(i);
  }
  std::sort(unpaired.begin(), unpaired.end());
  for (const std::size_t i : unpaired) {
    if (!going) break;
    going = visit(RecordPair{olds.raw(i), std::nullopt, 0, true});
  }
}

int finish(const DiffRun &run) {
  return finish_output(run.trouble ? exit_trouble : run.different ? exit_invalid : exit_ok);
}

// Two files: their pairs, each compared and rendered. Stdin that looks like JSON Lines (a first
// value, a newline and another value) makes it a comparison of records, as --lines would.
void diff_files(DiffRun &run, const Source &a_source, const Source &b_source) {
  Input a(a_source);
  Input b(b_source);
  const bool sniffed = (a.reader && a.reader->lines()) || (b.reader && b.reader->lines());
  if (sniffed) {
    if (!a.reader) a.source.lines = true;
    if (!b.reader) b.source.lines = true;
  }
  const bool lines = a.source.lines || b.source.lines || sniffed;
  if (run.key && !lines) {
    complain("--key pairs JSON Lines records: stdin is one document here; give .jsonl files, "
             "or --lines");
    run.trouble = true;
    return;
  }
  const PairVisitor visit = [&](const RecordPair &pair) {
    compare_and_render(run, a.source, b.source, pair);
    return !stdout_closed();
  };
  if (!lines) return pair_documents(run, a, b, visit);
  if (run.key) return pair_by_key(run, a, b, visit);
  pair_by_position(run, a, b, visit);
}

// --- folders ---

// A file of a walked folder and its path relative to the folder.
struct FolderFile {
  std::string relative;
  Source source;
};

std::vector<FolderFile> walk_folder(const std::string &folder, DiffRun &run) {
  std::vector<FolderFile> files;
  for (auto &source : expand_paths({folder}, run.walk, run.trouble)) {
    std::string relative = std::filesystem::relative(source.path, folder).generic_string();
    files.push_back(FolderFile{std::move(relative), std::move(source)});
  }
  std::sort(files.begin(), files.end(),
            [](const FolderFile &x, const FolderFile &y) { return x.relative < y.relative; });
  // The walk said the folder has no file it takes; logs (*.log) are a common reason.
  if (files.empty() && run.walk.include.empty()) {
    complain(fmt::format(
        "{}: --include GLOB compares other files too (for logs: --include '*.log' --lines)",
        folder));
  }
  return files;
}

// Names a pair: the header of its output in a folder diff, or (-q) the line saying it differs.
std::string pair_header(const DiffRun &run, const Source &a, const Source &b) {
  if (run.format == DiffFormat::Text) {
    return fmt::format("{}diff {} {}{}\n", run.out_palette.bold(), escape_for_display(a.name),
                       escape_for_display(b.name), run.out_palette.reset());
  }
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  w.key("old");
  w.string(escape_for_display(a.name));
  w.key("new");
  w.string(escape_for_display(b.name));
  w.end_object();
  return out + "\n";
}

// -q: says that a pair differs, in words or (--format json) as the pair's names, one JSON object
// a line: names only, as diff -q and git diff --name-only print them.
void write_brief(const DiffRun &run, const Source &a, const Source &b, std::string_view what) {
  if (run.format == DiffFormat::Json) {
    write_out(pair_header(run, a, b));
    return;
  }
  write_out(fmt::format("{}{} and {} differ\n", what, escape_for_display(a.name),
                        escape_for_display(b.name)));
}

void write_only_in(DiffRun &run, std::string_view folder, std::string_view side,
                   const Source &source) {
  run.different = true;
  if (run.format == DiffFormat::Text) {
    write_out(fmt::format("only in {}: {}\n", escape_for_display(folder),
                          escape_for_display(source.name)));
    return;
  }
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  w.key("only_in");
  w.string(side);
  w.key("file");
  w.string(escape_for_display(source.name));
  w.end_object();
  write_out(out + "\n");
}

// Two folders: files paired by their path relative to each folder, each pair compared as two
// files are; files only one folder has are listed.
int diff_folders(DiffRun &run, const DiffArgs &args) {
  const auto olds = walk_folder(args.old_path, run);
  const auto news = walk_folder(args.new_path, run);
  std::size_t i = 0;
  std::size_t j = 0;
  while ((i < olds.size() || j < news.size()) && !stdout_closed()) {
    if (j == news.size() || (i < olds.size() && olds[i].relative < news[j].relative)) {
      write_only_in(run, args.old_path, "old", olds[i++].source);
      continue;
    }
    if (i == olds.size() || news[j].relative < olds[i].relative) {
      write_only_in(run, args.new_path, "new", news[j++].source);
      continue;
    }
    const Source &a = olds[i++].source;
    const Source &b = news[j++].source;
    // Each pair has its own outcome and header; the run's are the sum of them.
    const bool different = std::exchange(run.different, false);
    const bool trouble = std::exchange(run.trouble, false);
    run.header = pair_header(run, a, b);
    diff_files(run, a, b);
    run.header.clear();
    if (run.brief && run.different) write_brief(run, a, b, "files ");
    run.different = run.different || different;
    run.trouble = run.trouble || trouble;
  }
  return finish(run);
}

// What OLD and NEW name, looked at before anything is read.
enum class PathKind { Stdin, Folder, Other, Missing };

PathKind path_kind(const std::string &path) {
  if (path == "-") return PathKind::Stdin;
  std::error_code ec; // other errors (EACCES...) are the reader's to name
  const auto type = std::filesystem::status(path, ec).type();
  return type == std::filesystem::file_type::not_found   ? PathKind::Missing
         : type == std::filesystem::file_type::directory ? PathKind::Folder
                                                         : PathKind::Other;
}

// Says what is wrong with OLD and NEW as a pair, before reading: a path that does not exist (both
// are named), or a folder compared with a file or stdin. Returns false after complaining; sets
// `folders` when both are folders.
bool check_pair(const DiffArgs &args, bool &folders) {
  const PathKind old_kind = path_kind(args.old_path);
  const PathKind new_kind = path_kind(args.new_path);
  bool ok = true;
  for (const auto &[path, kind] :
       {std::pair{&args.old_path, old_kind}, {&args.new_path, new_kind}}) {
    if (kind == PathKind::Missing) {
      complain(fmt::format("{}: {}", escape_for_display(*path), std::strerror(ENOENT)));
      ok = false;
    }
  }
  if (!ok) return false;
  folders = old_kind == PathKind::Folder && new_kind == PathKind::Folder;
  if (folders || (old_kind != PathKind::Folder && new_kind != PathKind::Folder)) return true;
  const auto named = [](const std::string &path, PathKind kind) {
    return kind == PathKind::Folder  ? fmt::format("{} is a folder", escape_for_display(path))
           : kind == PathKind::Stdin ? std::string("- is stdin")
                                     : fmt::format("{} is a file", escape_for_display(path));
  };
  complain(fmt::format("{} and {}: diff compares two folders (file by file) or two files",
                       named(args.old_path, old_kind), named(args.new_path, new_kind)));
  return false;
}

} // namespace

int run_diff(const DiffArgs &args) {
  bool folders = false;
  if (!check_pair(args, folders)) return finish_output(exit_trouble);
  const bool lines = args.lines || is_lines_name(args.old_path) || is_lines_name(args.new_path);
  // Folders are walked as check walks them: --include, --exclude, --hidden, --no-ignore and the
  // config file's excludes (its rules do not apply to a diff).
  auto settings = resolve_settings(RuleArgs{}, args.path_args, args.lines, "diff");
  if (!settings) return finish_output(exit_trouble);
  DiffRun run;
  run.walk = std::move(settings->walk);
  // stdin read as one document is known only once it is read: --key waits for it.
  const bool sniff = !lines && !args.no_lines;
  const bool stdin_lines = sniff && (args.old_path == "-" || args.new_path == "-");
  if (!understand(args, lines || folders || stdin_lines, run)) return finish_output(exit_trouble);
  if (folders) return diff_folders(run, args);
  const Source a = source_for(args.old_path, lines, sniff, run);
  const Source b = source_for(args.new_path, lines, sniff, run);
  diff_files(run, a, b);
  if (run.brief && run.different) write_brief(run, a, b, "");
  return finish(run);
}

} // namespace pss::cli
