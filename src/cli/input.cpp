// Reading inputs: paths, whole files, JSON Lines in chunks.
#include "cli/input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <system_error>
#include <unistd.h>

#include "cli/output.hpp"
#include "core/check.hpp"

namespace pss::cli {
namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

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

bool is_lines_name(std::string_view name) {
  return ends_with(name, ".jsonl") || ends_with(name, ".ndjson");
}

std::vector<Source> expand_paths(const std::vector<std::string> &paths, bool force_lines,
                                 bool &trouble) {
  std::vector<Source> sources;
  if (paths.empty()) {
    sources.push_back(Source{"<stdin>", "", force_lines});
    return sources;
  }
  for (const auto &path : paths) {
    if (path == "-") {
      sources.push_back(Source{"<stdin>", "", force_lines});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec) {
      complain(errno_message(path, ec.value()));
      trouble = true;
      continue;
    }
    if (!fs::is_directory(status)) {
      sources.push_back(Source{path, path, force_lines || is_lines_name(path)});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto name = it->path().string();
      if ((ends_with(name, ".json") || is_lines_name(name)) && !it->is_directory(ec)) {
        found.push_back(name);
      }
    }
    if (ec) {
      complain(errno_message(path, ec.value()));
      trouble = true;
    }
    std::sort(found.begin(), found.end());
    for (auto &name : found) {
      const bool lines = force_lines || is_lines_name(name);
      sources.push_back(Source{name, name, lines});
    }
  }
  return sources;
}

std::string read_documents(const Source &source, const std::function<bool(const Chunk &)> &visit,
                           std::size_t chunk_size) {
  Fd file;
  if (source.path.empty()) {
    file.fd = 0;
  } else {
    file.fd = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file.fd < 0) return errno_message(source.name, errno);
  }
  // buffer[0, used) holds unread bytes; `padding` bytes beyond the capacity stay readable.
  std::string buffer(chunk_size + padding, '\0');
  std::size_t used = 0;
  std::size_t line = 1;    // the file line of buffer[0]
  std::size_t offset = 0;  // the file offset of buffer[0]
  std::size_t scanned = 0; // bytes of buffer[0, used) known to hold no newline
  bool eof = false;
  while (true) {
    if (!eof) {
      if (buffer.size() - padding - used < 4096) buffer.resize(buffer.size() * 2);
      const ssize_t n = ::read(file.fd, buffer.data() + used, buffer.size() - padding - used);
      if (n < 0) {
        if (errno == EINTR) continue;
        return errno_message(source.name, errno);
      }
      if (n == 0) eof = true;
      used += static_cast<std::size_t>(n);
    }
    if (!source.lines) {
      if (!eof) continue;
      std::fill(buffer.begin() + static_cast<std::ptrdiff_t>(used),
                buffer.begin() + static_cast<std::ptrdiff_t>(used + padding), ' ');
      visit(Chunk{std::string_view(buffer.data(), used), 1, 0});
      return "";
    }
    // Hand out every complete line; keep the partial last one for the next read.
    std::size_t start = 0;
    while (true) {
      const char *newline = static_cast<const char *>(std::memchr(
          buffer.data() + std::max(start, scanned), '\n', used - std::max(start, scanned)));
      std::size_t end = 0;
      if (newline != nullptr) {
        end = static_cast<std::size_t>(newline - buffer.data());
      } else if (eof && start < used) {
        end = used;
        std::fill(buffer.begin() + static_cast<std::ptrdiff_t>(used),
                  buffer.begin() + static_cast<std::ptrdiff_t>(used + padding), ' ');
      } else {
        break;
      }
      std::string_view text(buffer.data() + start, end - start);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      if (!is_blank(text) && !visit(Chunk{text, line, offset + start})) return "";
      if (newline == nullptr) return ""; // a last line without '\n': nothing follows it
      ++line;
      start = end + 1;
      scanned = start;
    }
    if (eof) return "";
    // Move the partial line to the front.
    std::memmove(buffer.data(), buffer.data() + start, used - start);
    offset += start;
    used -= start;
    scanned = used;
  }
}

} // namespace pss::cli
