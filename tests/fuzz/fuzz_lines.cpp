// libFuzzer target: the JSON Lines reader of src/cli/input.cpp. Read from a regular file or a
// pipe, whole or as lines, with blocks of any size, the documents handed out are exactly the
// non-blank lines of the input (a trailing CR dropped), with their file line and byte offset, and
// each is followed by readable padding. read_documents and DocumentReader agree.
//
// The first byte picks the reading: bit 0 JSON Lines, bit 1 a pipe, the rest the block size.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

#include "cli/input.hpp"
#include "core/session/check.hpp"

namespace {

struct Document {
  std::string text;
  std::size_t line = 0;
  std::size_t offset = 0;
  bool operator==(const Document &) const = default;
};

// The documents as the README defines them, by the simplest reading.
std::vector<Document> expected_documents(std::string_view input, bool lines) {
  if (!lines) return {Document{std::string(input), 1, 0}};
  std::vector<Document> out;
  std::size_t line = 1;
  std::size_t start = 0;
  while (start < input.size()) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    std::string_view text = input.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t\r") != std::string_view::npos) {
      out.push_back(Document{std::string(text), line, start});
    }
    ++line;
    start = end + 1;
  }
  return out;
}

// Input that starts with the magic bytes of a compressed format is decoded (gzip, zstd) or refused
// with a message naming the format (bzip2, xz, LZ4, zip) before any line is read: other tests
// hold those (tests/cli, tests/unit). Here the text is plain.
bool starts_compressed(std::string_view input) {
  static constexpr std::string_view magics[] = {"\x1F\x8B",
                                                "\x28\xB5\x2F\xFD",
                                                "BZh",
                                                "\xFD"
                                                "7zX",
                                                "\x04\x22\x4D\x18",
                                                "PK\x03\x04"};
  for (const std::string_view magic : magics) {
    if (input.starts_with(magic)) return true;
  }
  return false;
}

[[noreturn]] void fail(const char *what) {
  std::fprintf(stderr, "lines: %s\n", what);
  std::abort();
}

Document take(const pss::cli::Chunk &chunk) {
  // The padding promised after each document: reading it must be allowed (ASan checks).
  volatile char sink = 0;
  for (std::size_t i = 0; i < pss::padding; ++i)
    sink = sink + chunk.text.data()[chunk.text.size() + i];
  static_cast<void>(sink);
  return Document{std::string(chunk.text), chunk.line, chunk.offset};
}

// A file holding `input`, named by a /proc path: a memory file, reused across runs.
std::string file_with(std::string_view input) {
  static const int fd = memfd_create("fuzz-lines", 0);
  if (fd < 0 || ftruncate(fd, 0) != 0 ||
      pwrite(fd, input.data(), input.size(), 0) != static_cast<ssize_t>(input.size())) {
    fail("cannot write the memory file");
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

// A pipe holding `input` and then its end, named by a /proc path (`read_end` stays open until
// the source has been read).
std::string pipe_with(std::string_view input, int &read_end) {
  int ends[2];
  if (pipe(ends) != 0) fail("cannot make a pipe");
  if (write(ends[1], input.data(), input.size()) != static_cast<ssize_t>(input.size())) {
    fail("cannot fill the pipe");
  }
  close(ends[1]);
  read_end = ends[0];
  return "/proc/self/fd/" + std::to_string(ends[0]);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t how = data[0];
  const std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (starts_compressed(input)) return 0;
  const bool lines = (how & 1) != 0;
  // A pipe holds 64 KiB before a write blocks; longer inputs are read from a file.
  const bool piped = (how & 2) != 0 && input.size() < 60000;
  const std::size_t block_size = 1 + (how >> 2);
  const auto expected = expected_documents(input, lines);

  for (const bool reader : {false, true}) {
    int read_end = -1;
    pss::cli::Source source{"fuzz", piped ? pipe_with(input, read_end) : file_with(input), lines};
    std::vector<Document> got;
    std::string error;
    if (reader) {
      pss::cli::DocumentReader documents(source);
      while (auto chunk = documents.next()) got.push_back(take(*chunk));
      error = documents.error();
    } else {
      error = pss::cli::read_documents(
          source,
          [&](const pss::cli::Chunk &chunk) {
            got.push_back(take(chunk));
            return true;
          },
          block_size);
    }
    if (read_end >= 0) close(read_end);
    if (!error.empty()) fail(("read error: " + error).c_str());
    if (got != expected) {
      std::fprintf(stderr, "got %zu documents, expected %zu\n", got.size(), expected.size());
      for (std::size_t i = 0; i < got.size() && i < expected.size(); ++i) {
        if (got[i] == expected[i]) continue;
        std::fprintf(stderr, "document %zu: line %zu offset %zu, expected line %zu offset %zu\n", i,
                     got[i].line, got[i].offset, expected[i].line, expected[i].offset);
        break;
      }
      fail(reader ? "DocumentReader differs" : "read_documents differs");
    }
  }
  return 0;
}
