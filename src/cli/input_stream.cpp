// Decompressing inputs as they are read, and sniffing stdin for JSON Lines.
#include "cli/input_stream.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include "core/json/text.hpp"

namespace pss::cli {

namespace {

enum class Compression { None, Gzip, Zstd };

constexpr std::size_t in_size = std::size_t{1} << 16;

} // namespace

struct ByteStream::Decoder {
  Compression kind = Compression::None;
  std::vector<char> in = std::vector<char>(in_size);
  std::size_t in_begin = 0; // unconsumed input: in[in_begin, in_end)
  std::size_t in_end = 0;
  std::size_t raw_read = 0; // compressed bytes read from the file so far
  bool raw_eof = false;
  bool member_done = false; // the last gzip member or zstd frame ended
  z_stream zs{};
  ZSTD_DCtx *zstd = nullptr;

  ~Decoder() {
    if (kind == Compression::Gzip) inflateEnd(&zs);
    if (zstd != nullptr) ZSTD_freeDCtx(zstd);
  }
  // The offset in the compressed file of the first byte not yet consumed.
  [[nodiscard]] std::size_t consumed() const { return raw_read - (in_end - in_begin); }
};

ByteStream::ByteStream(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
ByteStream::~ByteStream() = default;

std::optional<std::size_t> ByteStream::read_raw(char *buffer, std::size_t size) {
  while (true) {
    const ssize_t n = ::read(fd_, buffer, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    error_ = name_ + ": " + std::strerror(errno);
    return std::nullopt;
  }
}

bool ByteStream::start() {
  decoder_ = std::make_unique<Decoder>();
  Decoder &d = *decoder_;
  // Four bytes tell the format; a pipe may give them one at a time.
  while (d.in_end < 4) {
    const auto n = read_raw(d.in.data() + d.in_end, d.in.size() - d.in_end);
    if (!n) return false;
    if (*n == 0) {
      d.raw_eof = true;
      break;
    }
    d.in_end += *n;
    d.raw_read += *n;
  }
  const auto *bytes = reinterpret_cast<const unsigned char *>(d.in.data());
  // Formats that are not read, by their magic bytes, so that the message says what the file is
  // instead of "unexpected byte" (bzip2: "BZh"; xz: FD '7zXZ'; LZ4 frame: 04 22 4D 18; zip).
  struct Unread {
    std::string_view magic, format, tool;
  };
  static constexpr Unread unread[] = {{"BZh", "bzip2", "bzcat"},
                                      {"\xFD"
                                       "7zX",
                                       "xz", "xzcat"},
                                      {"\x04\x22\x4D\x18", "LZ4", "lz4cat"},
                                      {"PK\x03\x04", "zip", "unzip -p"}};
  const std::string_view head(d.in.data(), d.in_end);
  for (const Unread &format : unread) {
    if (head.starts_with(format.magic)) {
      error_ = name_ + ": compressed with " + std::string(format.format) +
               ", which pss-inspect does not read (it reads gzip and zstd): decompress it first, "
               "e.g. " +
               std::string(format.tool) + " FILE | pss-inspect check -";
      return false;
    }
  }
  if (d.in_end >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B) {
    d.kind = Compression::Gzip;
    // 16 + MAX_WBITS: a gzip wrapper (RFC 1952), not zlib's own.
    if (inflateInit2(&d.zs, 16 + MAX_WBITS) != Z_OK) {
      d.kind = Compression::None;
      error_ = name_ + ": cannot start gzip decompression (out of memory)";
      return false;
    }
  } else if (d.in_end >= 4 && bytes[0] == 0x28 && bytes[1] == 0xB5 && bytes[2] == 0x2F &&
             bytes[3] == 0xFD) {
    d.kind = Compression::Zstd;
    d.zstd = ZSTD_createDCtx();
    if (d.zstd == nullptr) {
      error_ = name_ + ": cannot start zstd decompression (out of memory)";
      return false;
    }
  }
  return true;
}

std::optional<std::size_t> ByteStream::read(char *buffer, std::size_t size) {
  if (!error_.empty()) return std::nullopt;
  if (!decoder_ && !start()) return std::nullopt;
  Decoder &d = *decoder_;
  const auto refill = [&]() -> bool {
    d.in_begin = d.in_end = 0;
    const auto n = read_raw(d.in.data(), d.in.size());
    if (!n) return false;
    d.in_end = *n;
    d.raw_read += *n;
    d.raw_eof = *n == 0;
    return true;
  };
  const auto fail = [&](std::string_view what, std::string_view detail) {
    // zlib consumes up to the bad byte; libzstd stops before the block that holds it.
    const std::string_view at = d.kind == Compression::Gzip ? "at" : "after";
    error_ = fmt::format("{}: {} {} byte {} of the compressed file{}{}{}",
                         escape_for_display(name_), what, at, d.consumed(),
                         detail.empty() ? "" : " (", detail, detail.empty() ? "" : ")");
    return std::nullopt;
  };

  if (d.kind == Compression::None) {
    if (d.in_begin < d.in_end) {
      const std::size_t n = std::min(size, d.in_end - d.in_begin);
      std::memcpy(buffer, d.in.data() + d.in_begin, n);
      d.in_begin += n;
      return n;
    }
    if (d.raw_eof) return 0; // a terminal would wait for more after its end (Ctrl-D)
    const auto n = read_raw(buffer, size);
    d.raw_eof = n && *n == 0;
    return n;
  }

  while (true) {
    if (d.in_begin == d.in_end && !d.raw_eof && !refill()) return std::nullopt;
    const bool no_input = d.in_begin == d.in_end;
    if (no_input && d.raw_eof) {
      if (d.member_done) return 0;
      return fail(d.kind == Compression::Gzip ? "truncated gzip data: it ends"
                                              : "truncated zstd data: it ends",
                  "");
    }
    std::size_t produced = 0;
    if (d.kind == Compression::Gzip) {
      if (d.member_done) {
        // Another gzip member follows (concatenated files, as `cat a.gz b.gz` makes).
        inflateReset(&d.zs);
        d.member_done = false;
      }
      d.zs.next_in = reinterpret_cast<Bytef *>(d.in.data() + d.in_begin);
      d.zs.avail_in = static_cast<uInt>(d.in_end - d.in_begin);
      d.zs.next_out = reinterpret_cast<Bytef *>(buffer);
      d.zs.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1U << 30));
      const int status = inflate(&d.zs, Z_NO_FLUSH);
      d.in_begin = d.in_end - d.zs.avail_in;
      produced = static_cast<std::size_t>(reinterpret_cast<char *>(d.zs.next_out) - buffer);
      if (status == Z_STREAM_END) {
        d.member_done = true;
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        return fail("corrupt gzip data", d.zs.msg != nullptr ? d.zs.msg : "");
      }
    } else {
      ZSTD_inBuffer in{d.in.data() + d.in_begin, d.in_end - d.in_begin, 0};
      ZSTD_outBuffer out{buffer, size, 0};
      const std::size_t status = ZSTD_decompressStream(d.zstd, &out, &in);
      d.in_begin += in.pos;
      if (ZSTD_isError(status) != 0U) return fail("corrupt zstd data", ZSTD_getErrorName(status));
      d.member_done = status == 0; // a frame ended and nothing of the next one is pending
      produced = out.pos;
    }
    if (produced > 0) return produced;
  }
}

bool is_compressed_file(const std::string &path) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  unsigned char magic[4] = {};
  const std::size_t n = std::fread(magic, 1, sizeof magic, file);
  std::fclose(file);
  return (n >= 2 && magic[0] == 0x1F && magic[1] == 0x8B) ||
         (n == 4 && magic[0] == 0x28 && magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD);
}

namespace {

// What the line starting at bytes[at] (its first non-blank byte) holds.
enum class LineShape {
  Value,      // one JSON value that ends on this line, then only blanks
  OtherLine,  // anything else that ends on this line (text, a value then more, a fragment)
  Spans,      // a value that goes on past the newline (a pretty-printed document)
  Unfinished, // the bytes end before the line does
};

// The shape of the line at `at`, and in `next` where the line after it starts.
LineShape shape_of_line(std::string_view bytes, std::size_t at, std::size_t &next) {
  const std::size_t newline = bytes.find('\n', at);
  next = newline == std::string_view::npos ? bytes.size() : newline + 1;
  const char first = bytes[at];
  std::size_t end = at;
  if (first == '{' || first == '[' || first == '"') {
    std::size_t depth = 0;
    bool in_string = false;
    for (; end < bytes.size(); ++end) {
      const char c = bytes[end];
      if (c == '\n') return LineShape::Spans;
      if (in_string) {
        if (c == '\\') {
          ++end;
        } else if (c == '"') {
          in_string = false;
          if (depth == 0) break;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        break;
      }
    }
    if (end >= bytes.size()) return LineShape::Unfinished;
    ++end;
  } else {
    end = bytes.find_first_of(" \t\r\n,]}", at);
    if (end == std::string_view::npos) return LineShape::Unfinished;
  }
  end = bytes.find_first_not_of(" \t\r", end);
  if (end == std::string_view::npos) return LineShape::Unfinished;
  return bytes[end] == '\n' ? LineShape::Value : LineShape::OtherLine;
}

} // namespace

std::optional<bool> looks_like_json_lines(std::string_view bytes, bool end) {
  const auto undecided = [&]() -> std::optional<bool> {
    if (end) return false;
    return std::nullopt;
  };
  std::size_t at = bytes.find_first_not_of(" \t\r\n");
  if (at == std::string_view::npos) return undecided();
  std::size_t next = 0;
  const LineShape first = shape_of_line(bytes, at, next);
  if (first == LineShape::Unfinished) return undecided();
  if (first == LineShape::Value) {
    // Another value on a later line.
    at = bytes.find_first_not_of(" \t\r\n", next);
    if (at == std::string_view::npos) return undecided();
    return true;
  }
  // A first line that is not one value: a log cut in the middle of a line (`tail -c`), or a line
  // of text before the records (`kubectl logs`), or the first line of a document written on
  // several lines. A log when the next two lines each hold one object or array, and nothing else
  // (no line of a pretty-printed document does: its members end in ',' or ':' follows a key).
  std::size_t records = 0;
  for (at = bytes.find_first_not_of(" \t\r\n", next); records < 2;
       at = bytes.find_first_not_of(" \t\r\n", next)) {
    if (at == std::string_view::npos) return end ? std::optional<bool>(records > 0) : std::nullopt;
    const char opening = bytes[at];
    const LineShape shape = shape_of_line(bytes, at, next);
    if (shape == LineShape::Unfinished) return end ? std::optional<bool>(false) : std::nullopt;
    if (shape != LineShape::Value || (opening != '{' && opening != '[')) return false;
    ++records;
  }
  return true;
}

} // namespace pss::cli
