// How input bytes arrive: gzip (RFC 1952, with zlib) and Zstandard (RFC 8878, with libzstd)
// decompressed as a stream when a file or stdin starts with their magic bytes; and whether stdin
// looks like JSON Lines.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pss::cli {

// Reads a file descriptor (not owned), decompressing it when its first bytes are the magic of
// gzip (1F 8B) or Zstandard (28 B5 2F FD), whatever its name: neither can start a JSON text.
class ByteStream {
public:
  ByteStream(int fd, std::string name);
  ~ByteStream();
  ByteStream(const ByteStream &) = delete;
  ByteStream &operator=(const ByteStream &) = delete;

  // Reads up to `size` (> 0) decompressed bytes into `buffer`: the count, 0 at the end, or
  // nothing after an error (see error()): a read error, or a corrupt or truncated archive, named
  // with the byte offset in the compressed file where it was found.
  [[nodiscard]] std::optional<std::size_t> read(char *buffer, std::size_t size);
  [[nodiscard]] const std::string &error() const { return error_; }

private:
  struct Decoder;
  int fd_;
  std::string name_;
  std::string error_;
  std::unique_ptr<Decoder> decoder_; // set on the first read: plain, gzip or zstd
  [[nodiscard]] std::optional<std::size_t> read_raw(char *buffer, std::size_t size);
  [[nodiscard]] bool start();
};

// Whether the file at `path` starts with the magic bytes of gzip or Zstandard; false when it
// cannot be read (reading it later says why).
[[nodiscard]] bool is_compressed_file(const std::string &path);

// Whether `bytes`, the start of an input, is JSON Lines: a first value on one line, then a
// newline, then another value; or a first line that is not one value (text, or a record cut
// short) followed by two lines that each hold one object or array and nothing else. Nothing
// while the answer needs more bytes (unless `end`: all of the input is there, and then anything
// short of that is one document, except a first line followed by one such record).
[[nodiscard]] std::optional<bool> looks_like_json_lines(std::string_view bytes, bool end);

} // namespace pss::cli
