// Inputs: paths expanded to files (folders walked in sorted order), files read whole or as
// JSON Lines in bounded chunks, always with simdjson's padding after each document.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pss::cli {

struct Source {
  std::string name;   // as shown to the user: the path, or "<stdin>"
  std::string path;   // empty for stdin
  bool lines = false; // JSON Lines: one document per line
};

// Expands command-line paths ("-" or none: stdin). Folders are walked recursively for *.json,
// *.jsonl and *.ndjson, sorted. A missing path is reported on stderr and sets `trouble`.
[[nodiscard]] std::vector<Source> expand_paths(const std::vector<std::string> &paths,
                                               bool force_lines, bool &trouble);

// True for names ending in .jsonl or .ndjson.
[[nodiscard]] bool is_lines_name(std::string_view name);

// One document: its bytes (followed by at least 64 readable padding bytes), the file line of its
// first byte and its byte offset in the file.
struct Chunk {
  std::string_view text;
  std::size_t line = 1;
  std::size_t offset = 0;
};

// Bytes read from a source, owned, followed by `padding` bytes: a whole file, or a run of whole
// lines of a JSON Lines source.
struct Block {
  std::unique_ptr<char[]> bytes; // length + padding bytes (not zeroed: all are written)
  std::size_t length = 0;        // the bytes that were read
  std::size_t line = 1;          // the file line of bytes[0]
  std::size_t offset = 0;        // the file offset of bytes[0]
  bool whole = false;            // a whole file: one document
  bool live = false; // a pipe or terminal paused after these lines: show the results now
  [[nodiscard]] std::string_view text() const { return {bytes.get(), length}; }
};

// Reads a source as blocks: a whole file as one block; JSON Lines as blocks of whole lines of
// about `block_size` bytes (more when one line is longer), so memory stays bounded. `visit`
// returns false to stop early. Returns an error message naming the source, or "".
std::string read_blocks(const Source &source, const std::function<bool(Block &&)> &visit,
                        std::size_t block_size = std::size_t{1} << 20);

// Calls `visit` for each document of a block (each non-blank line, or the whole file); stops and
// returns false when `visit` does.
bool for_each_document(const Block &block, const std::function<bool(const Chunk &)> &visit);

// Reads a source whole, or its non-blank lines one by one in bounded memory, calling `visit`
// for each document; `visit` returns false to stop early. Returns an error message, or "".
std::string read_documents(const Source &source, const std::function<bool(const Chunk &)> &visit,
                           std::size_t chunk_size = std::size_t{8} << 20);

} // namespace pss::cli
