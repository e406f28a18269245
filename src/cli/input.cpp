// Reading inputs: paths, whole files, JSON Lines in chunks.
#include "cli/input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <new>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "cli/output.hpp"
#include "core/session/check.hpp"

namespace pss::cli {

namespace {

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// A file descriptor closed on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd > 0) ::close(fd);
  }
};

std::string errno_message(const std::string &name, int error) {
  return name + ": " + std::strerror(error);
}

} // namespace

namespace {

std::string open_source(const Source &source, Fd &file) {
  if (source.path.empty()) {
    file.fd = 0;
    return "";
  }
  file.fd = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
  return file.fd < 0 ? errno_message(source.name, errno) : "";
}

// Reads into buffer[used, capacity) until it is full or the input ends; returns an error or "".
// With `eager` (a pipe or a terminal), returns as soon as what was read ends a line, so that a
// live stream is checked as it comes instead of a block at a time.
std::string fill(ByteStream &stream, char *buffer, std::size_t capacity, std::size_t &used,
                 bool &eof, bool eager) {
  while (used < capacity) {
    if (eager && used > 0 && buffer[used - 1] == '\n') return "";
    const auto n = stream.read(buffer + used, capacity - used);
    if (!n) return stream.error();
    if (*n == 0) {
      eof = true;
      return "";
    }
    used += *n;
  }
  return "";
}

// Newlines in `text`: memchr skips a typical 1 KB line in a few vector steps.
std::size_t count_lines(std::string_view text) {
  std::size_t count = 0;
  const char *at = text.data();
  const char *end = text.data() + text.size();
  while ((at = static_cast<const char *>(
              std::memchr(at, '\n', static_cast<std::size_t>(end - at)))) != nullptr) {
    ++count;
    ++at;
  }
  return count;
}

} // namespace

namespace {
std::size_t max_document_size = default_max_document_size;
} // namespace

void set_max_document_size(std::size_t bytes) {
  max_document_size = std::max<std::size_t>(bytes, 1);
}

BlockReader::BlockReader(const Source &source, std::size_t block_size)
    : source_(source), block_size_(std::min(block_size, max_document_size + 1)) {
  Fd file;
  error_ = open_source(source, file);
  if (!error_.empty()) {
    eof_ = true;
    return;
  }
  fd_ = std::exchange(file.fd, -1);
  stream_ = std::make_unique<ByteStream>(fd_, source.name);
  lines_ = source.lines;
  struct stat info {};
  const bool stat_ok = ::fstat(fd_, &info) == 0;
  const bool regular = stat_ok && S_ISREG(info.st_mode);
  if (source.sniff_lines) sniff();
  eager_ = lines_ && stat_ok && !regular;
  // (A compressed file's text is larger than the file: the buffer grows as it is read.)
  if (!lines_ && regular) {
    if (static_cast<std::size_t>(info.st_size) > max_document_size) {
      oversized(1); // known before reading a byte
      finished_ = true;
    } else {
      // One read into a buffer of the file's size (plus one byte, to see it end), not doublings.
      block_size_ = std::max(static_cast<std::size_t>(info.st_size) + 1, sniffed_.size());
    }
  }
}

void BlockReader::sniff() {
  // Reads until the first bytes tell: a first value, a newline and another value.
  char buffer[1 << 16];
  std::optional<bool> lines;
  while (!(lines = looks_like_json_lines(sniffed_, false))) {
    const auto n = stream_->read(buffer, sizeof buffer);
    if (!n) {
      error_ = stream_->error();
      eof_ = true;
      finished_ = true;
      return;
    }
    if (*n == 0) {
      eof_ = true;
      lines = looks_like_json_lines(sniffed_, true);
      break;
    }
    sniffed_.append(buffer, *n);
  }
  lines_ = *lines;
}

BlockReader::~BlockReader() {
  if (fd_ > 0) ::close(fd_);
}

void BlockReader::oversized(std::size_t line) {
  // One message for the source: the first line located, the next ones listed (ten at most), so
  // that no skipped line goes unsaid.
  constexpr std::size_t listed = 10;
  if (oversized_lines_++ == 0) {
    oversized_first_ = source_.name + ":" + std::to_string(line) +
                       ": the document is larger than --max-document-size (" +
                       std::to_string(max_document_size) + " bytes): not read";
    error_ = oversized_first_;
    return;
  }
  if (oversized_lines_ <= listed + 1) {
    oversized_others_ += (oversized_lines_ == 2 ? "; nor are lines " : ", ") + std::to_string(line);
  }
  error_ = oversized_first_ + oversized_others_;
  if (oversized_lines_ > listed + 1) {
    error_ += " and " + std::to_string(oversized_lines_ - listed - 1) + " more";
  }
  error_ += ", larger too";
}

bool BlockReader::skip_long_line() {
  // Reads on through the buffer until a newline; what follows it is kept.
  while (true) {
    const auto *newline = static_cast<const char *>(std::memchr(buffer_.get(), '\n', used_));
    if (newline != nullptr) {
      const auto past = static_cast<std::size_t>(newline - buffer_.get()) + 1;
      skipped_ += past;
      offset_ += skipped_;
      line_ += 1;
      std::memmove(buffer_.get(), buffer_.get() + past, used_ - past);
      used_ -= past;
      skipped_ = 0;
      return true;
    }
    skipped_ += used_;
    used_ = 0;
    if (eof_) return false;
    // An endless line (/dev/zero) ends reading: past four times the limit, nothing more is read.
    if (skipped_ > 4 * max_document_size) {
      error_ += "; reading stopped inside it";
      return false;
    }
    // In place of the buffer grown to the largest document: this line is not kept.
    if (auto error = fill(*stream_, buffer_.get(), capacity_, used_, eof_, false); !error.empty()) {
      error_ = std::move(error);
      eof_ = true;
      return false;
    }
  }
}

std::optional<Block> BlockReader::next() {
  while (!finished_) {
    if (!buffer_) {
      // The first bytes, if sniff() read them, start the first buffer.
      capacity_ = std::max(block_size_, sniffed_.size());
      buffer_ = std::make_unique_for_overwrite<char[]>(capacity_ + padding);
      std::memcpy(buffer_.get(), sniffed_.data(), sniffed_.size());
      used_ = sniffed_.size();
      sniffed_ = std::string();
    } else if (used_ == capacity_ && !eof_) {
      // A whole file, or a line longer than the buffer: read on into a larger one, up to one byte
      // past the largest document, which is how an oversized one shows.
      if (capacity_ > max_document_size) {
        oversized(line_);
        if (!lines_ || !skip_long_line()) break;
        continue;
      }
      const std::size_t grown = std::min(2 * capacity_, max_document_size + 1);
      auto larger = std::make_unique_for_overwrite<char[]>(grown + padding);
      std::memcpy(larger.get(), buffer_.get(), used_);
      buffer_ = std::move(larger);
      capacity_ = grown;
    }
    if (!eof_) {
      if (auto error = fill(*stream_, buffer_.get(), capacity_, used_, eof_, eager_);
          !error.empty()) {
        error_ = std::move(error);
        // The whole lines read before a broken archive are still checked; the error follows.
        const void *newline = lines_ ? ::memrchr(buffer_.get(), '\n', used_) : nullptr;
        if (newline == nullptr) break;
        used_ = static_cast<std::size_t>(static_cast<const char *>(newline) - buffer_.get()) + 1;
        eof_ = true;
      }
    }
    std::size_t length = used_;
    if (!lines_) {
      if (!eof_) continue; // the buffer is full: it grows above
      if (used_ > max_document_size) {
        oversized(1);
        break;
      }
      finished_ = true;
    } else if (!eof_ || used_ > max_document_size) {
      const void *newline = ::memrchr(buffer_.get(), '\n', used_);
      if (newline == nullptr) {
        if (!eof_) continue; // the buffer is full: it grows above
        oversized(line_);    // the last line, without a newline, is too long
        break;
      }
      length = static_cast<std::size_t>(static_cast<const char *>(newline) - buffer_.get()) + 1;
    } else {
      finished_ = true; // the rest of the input, its last line perhaps without a newline
    }
    // The bytes after the last whole line start the next buffer; this one becomes the block.
    const std::size_t rest = used_ - length;
    auto bytes = std::move(buffer_);
    if (!finished_) { // (after the last block, a buffer the size of a whole file would be waste)
      capacity_ = std::max(block_size_, rest);
      buffer_ = std::make_unique_for_overwrite<char[]>(capacity_ + padding);
      std::memcpy(buffer_.get(), bytes.get() + length, rest);
    }
    used_ = rest;
    // Spaces in the padding: simdjson reads it, and a stray byte there must not look like JSON.
    std::memset(bytes.get() + length, ' ', padding);
    const std::size_t lines = count_lines(std::string_view(bytes.get(), length));
    const bool live = eager_ && !eof_ && rest == 0;
    Block block{std::move(bytes), length, line_, offset_, !lines_, live};
    line_ += lines;
    offset_ += length;
    if (length > 0 || block.whole) return block;
  }
  finished_ = true;
  buffer_.reset();
  return std::nullopt;
}

std::string guard_input(const Source &source, const std::function<std::string()> &work) {
  try {
    return work();
  } catch (const std::bad_alloc &) {
    return source.name + ": out of memory";
  } catch (const std::exception &e) {
    return source.name + ": internal error: " + e.what();
  }
}

std::string read_blocks(const Source &source, const std::function<bool(Block &&)> &visit,
                        std::size_t block_size) {
  BlockReader reader(source, block_size);
  while (auto block = reader.next()) {
    if (!visit(std::move(*block))) return "";
  }
  return reader.error();
}

DocumentReader::DocumentReader(const Source &source) : blocks_(source) {}

std::optional<Chunk> DocumentReader::next() {
  while (index_ >= chunks_.size()) {
    chunks_.clear();
    index_ = 0;
    block_ = blocks_.next();
    if (!block_) return std::nullopt;
    for_each_document(*block_, [&](const Chunk &chunk) {
      chunks_.push_back(chunk);
      return true;
    });
  }
  return chunks_[index_++];
}

bool for_each_document(const Block &block, const std::function<bool(const Chunk &)> &visit) {
  if (block.whole) return visit(Chunk{block.padded(block.text()), 1, 0});
  const std::string_view text = block.text();
  std::size_t line = block.line;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto *newline =
        static_cast<const char *>(std::memchr(text.data() + start, '\n', text.size() - start));
    const std::size_t end =
        newline == nullptr ? text.size() : static_cast<std::size_t>(newline - text.data());
    std::string_view document = text.substr(start, end - start);
    if (!document.empty() && document.back() == '\r') document.remove_suffix(1);
    if (!is_blank(document) && !visit(Chunk{block.padded(document), line, block.offset + start}))
      return false;
    ++line;
    start = end + 1;
  }
  return true;
}

std::string read_documents(const Source &source, const std::function<bool(const Chunk &)> &visit,
                           std::size_t chunk_size) {
  return read_blocks(
      source, [&](Block &&block) { return for_each_document(block, visit); }, chunk_size);
}

} // namespace pss::cli
