// Reading inputs: paths, whole files, JSON Lines in chunks.
#include "cli/input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "cli/output.hpp"
#include "core/check.hpp"

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

BlockReader::BlockReader(const Source &source, std::size_t block_size)
    : source_(source), block_size_(block_size) {
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
  eager_ = ::fstat(fd_, &info) == 0 && !S_ISREG(info.st_mode);
  if (source.sniff_lines) sniff();
  eager_ = eager_ && lines_;
}

void BlockReader::sniff() {
  // Reads until the first bytes tell: a first value, a newline and another value.
  char buffer[1 << 16];
  std::optional<bool> lines;
  while (!(lines = looks_like_json_lines(carry_, false))) {
    const auto n = stream_->read(buffer, sizeof buffer);
    if (!n) {
      error_ = stream_->error();
      eof_ = true;
      return;
    }
    if (*n == 0) {
      lines = looks_like_json_lines(carry_, true);
      break;
    }
    carry_.append(buffer, *n);
  }
  lines_ = *lines;
}

BlockReader::~BlockReader() {
  if (fd_ > 0) ::close(fd_);
}

std::optional<Block> BlockReader::next() {
  while (!eof_) {
    const std::size_t capacity = std::max(block_size_, 2 * carry_.size());
    auto buffer = std::make_unique_for_overwrite<char[]>(capacity + padding);
    std::memcpy(buffer.get(), carry_.data(), carry_.size());
    std::size_t used = carry_.size();
    carry_.clear();
    if (auto error = fill(*stream_, buffer.get(), capacity, used, eof_, eager_); !error.empty()) {
      error_ = std::move(error);
      eof_ = true;
      // The whole lines read before a broken archive are still checked; the error follows.
      const void *newline = lines_ ? ::memrchr(buffer.get(), '\n', used) : nullptr;
      if (newline == nullptr) return std::nullopt;
      used = static_cast<std::size_t>(static_cast<const char *>(newline) - buffer.get()) + 1;
    }
    std::size_t length = used;
    if (!eof_) {
      // A whole file, or a line longer than the buffer: read on into a larger one.
      const void *newline = lines_ ? ::memrchr(buffer.get(), '\n', used) : nullptr;
      if (newline == nullptr) {
        carry_.assign(buffer.get(), used);
        continue;
      }
      length = static_cast<std::size_t>(static_cast<const char *>(newline) - buffer.get()) + 1;
      carry_.assign(buffer.get() + length, used - length);
    }
    // Spaces in the padding: simdjson reads it, and a stray byte there must not look like JSON.
    std::memset(buffer.get() + length, ' ', padding);
    const std::size_t lines = count_lines(std::string_view(buffer.get(), length));
    const bool live = eager_ && !eof_ && used < capacity;
    Block block{std::move(buffer), length, line_, offset_, !lines_, live};
    line_ += lines;
    offset_ += length;
    if (length > 0 || block.whole) return block;
  }
  return std::nullopt;
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
  if (block.whole) return visit(Chunk{block.text(), 1, 0});
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
    if (!is_blank(document) && !visit(Chunk{document, line, block.offset + start})) return false;
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
