// Inputs: paths expanded to files (folders walked in sorted order), files read whole or as
// JSON Lines in bounded chunks, always with simdjson's padding after each document.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/input_stream.hpp"
#include "cli/walk.hpp"
#include "core/json/padded.hpp"

namespace pss::cli {

// One document: its bytes (followed by simdjson's padding, so checked in place), the file line of
// its first byte and its byte offset in the file.
struct Chunk {
  json::PaddedView text;
  std::size_t line = 1;
  std::size_t offset = 0;
};

// Bytes read from a source, owned, followed by json::padding bytes: a whole file, or a run of whole
// lines of a JSON Lines source.
struct Block {
  std::unique_ptr<char[]> bytes; // length + padding bytes (not zeroed: all are written)
  std::size_t length = 0;        // the bytes that were read
  std::size_t line = 1;          // the file line of bytes[0]
  std::size_t offset = 0;        // the file offset of bytes[0]
  bool whole = false;            // a whole file: one document
  bool live = false; // a pipe or terminal paused after these lines: show the results now
  [[nodiscard]] std::string_view text() const { return {bytes.get(), length}; }
  // `part` of text() (a document), with what follows it as its padding: the block's bytes after
  // it, then the padding.
  [[nodiscard]] json::PaddedView padded(std::string_view part) const {
    return json::PaddedView::within({bytes.get(), length + json::padding}, part).value();
  }
};

// The largest document read, in bytes: a whole file, or one line of JSON Lines. Past it, a whole
// file is not read (error(): "<name>:1: the document is larger than ..."); a longer line is
// skipped without being kept in memory, the lines after it are read, and error() names the
// first such line (a line longer than four times the limit ends reading: /dev/zero). Set once from
// --max-document-size before any reading.
inline constexpr std::size_t default_max_document_size = std::size_t{128} << 20;
void set_max_document_size(std::size_t bytes);

// Reads a source block by block, on demand: a whole file as one block; JSON Lines as blocks of
// whole lines of about `block_size` bytes (more when one line is longer, up to the largest
// document size). Memory stays under about 1.5 times the largest document size.
class BlockReader {
public:
  explicit BlockReader(const Source &source, std::size_t block_size = std::size_t{1} << 20);
  ~BlockReader();
  BlockReader(const BlockReader &) = delete;
  BlockReader &operator=(const BlockReader &) = delete;

  // The next block, or nothing at the end of the input or after an error (see error()).
  [[nodiscard]] std::optional<Block> next();
  // What went wrong opening or reading the source, naming it; "" when nothing did.
  [[nodiscard]] const std::string &error() const { return error_; }
  // True when the source is read as JSON Lines: its own flag, or what sniffing stdin found (known
  // once constructed).
  [[nodiscard]] bool lines() const { return lines_; }

private:
  void oversized(std::size_t line);
  bool skip_long_line(); // false when the input ended inside it
  const Source &source_;
  std::size_t block_size_;
  int fd_ = -1;
  std::unique_ptr<ByteStream> stream_; // decompresses .gz and .zst content
  bool lines_ = false;                 // JSON Lines: the source's, or found by sniffing stdin
  bool eager_ = false;                 // a pipe or terminal: hand out lines as they come
  bool eof_ = false;
  std::unique_ptr<char[]> buffer_; // bytes read and not handed out yet, then padding
  std::size_t capacity_ = 0;       // of buffer_, without the padding
  std::size_t used_ = 0;
  bool finished_ = false;   // every block handed out, or an error
  std::size_t skipped_ = 0; // bytes of the oversized line being skipped
  std::size_t oversized_lines_ = 0;
  std::string oversized_first_;  // the message naming the first line past the limit
  std::string oversized_others_; // "; nor are lines 4, 8": the next ones
  std::size_t line_ = 1;
  std::size_t offset_ = 0;
  std::string error_;
  void sniff();         // decides lines_ for stdin from its first bytes, kept in sniffed_
  std::string sniffed_; // the bytes sniff() read, handed out first
};

// Runs `work` (reading or checking one input) and returns its error; an exception it throws
// (std::bad_alloc past a limit we do not know of yet) becomes an error naming the input, so that a
// worker thread never terminates the process and the command exits 2 with a message.
std::string guard_input(const Source &source, const std::function<std::string()> &work);

// Reads a source as blocks: a whole file as one block; JSON Lines as blocks of whole lines of
// about `block_size` bytes (more when one line is longer), so memory stays bounded. `visit`
// returns false to stop early. Returns an error message naming the source, or "".
std::string read_blocks(const Source &source, const std::function<bool(Block &&)> &visit,
                        std::size_t block_size = std::size_t{1} << 20);

// Calls `visit` for each document of a block (each non-blank line, or the whole file); stops and
// returns false when `visit` does.
bool for_each_document(const Block &block, const std::function<bool(const Chunk &)> &visit);

// A source's documents one at a time, on demand, in bounded memory: for walking two inputs in
// step. A Chunk stays valid until the next call.
class DocumentReader {
public:
  explicit DocumentReader(const Source &source);
  [[nodiscard]] std::optional<Chunk> next(); // nothing at the end, or after an error
  [[nodiscard]] const std::string &error() const { return blocks_.error(); }
  [[nodiscard]] bool lines() const { return blocks_.lines(); } // as BlockReader::lines()

private:
  BlockReader blocks_;
  std::optional<Block> block_;
  std::vector<Chunk> chunks_; // the documents of block_
  std::size_t index_ = 0;
};

// Reads a source whole, or its non-blank lines one by one in bounded memory, calling `visit`
// for each document; `visit` returns false to stop early. Returns an error message, or "".
std::string read_documents(const Source &source, const std::function<bool(const Chunk &)> &visit,
                           std::size_t chunk_size = std::size_t{8} << 20);

} // namespace pss::cli
