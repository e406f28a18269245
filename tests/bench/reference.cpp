// reference.cpp: the speed "limit" for pss-inspect, simdjson and nothing else.
//
//   g++ -O3 -std=c++20 reference.cpp -o reference -lsimdjson
//   reference [-v] PATH...     (PATH: a JSON Lines file, a .json file, a folder, or -)
//
// JSON Lines input (any file not ending in .json, and stdin) is read in 8 MiB
// chunks with read(2); a partial last line is carried over to the next chunk
// and a line longer than the buffer grows it. Lines are split with memchr and
// each non-blank line is parsed by ONE reused simdjson::dom::parser, which
// validates every byte (UTF-8 included). A file ending in .json is one
// document. A folder is expanded to its *.json, *.jsonl and *.ndjson files
// (sorted, not recursive).
//
// A document is valid when it parses and is an object with exactly the five
// session fields, each once: type == "payment-service-session", status
// "succeeded" or "failed", code string or null, status_code integer 100..599
// or null, response_body object or null. Nested duplicate keys, card numbers
// and the like are NOT checked: this is the cost of parsing plus reading the
// top-level fields, the floor for any validator.
//
// Prints one line: documents=N valid=V invalid=I. Exit 0, or 2 on an I/O error.

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr size_t kChunk = size_t{8} << 20;

struct Counts {
  uint64_t documents = 0;
  uint64_t valid = 0;
  uint64_t invalid = 0;
};

// A growable byte buffer that always keeps SIMDJSON_PADDING readable bytes
// after its capacity, so any line inside it can be handed to the parser
// without a copy.
class Buffer {
public:
  explicit Buffer(size_t cap) { grow_to(cap); }
  ~Buffer() { std::free(data_); }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;

  char *data() { return data_; }
  size_t capacity() const { return cap_; }
  void grow_to(size_t cap) {
    char *p = static_cast<char *>(std::realloc(data_, cap + simdjson::SIMDJSON_PADDING));
    if (p == nullptr) {
      std::fprintf(stderr, "reference: out of memory (%zu bytes)\n", cap);
      std::exit(2);
    }
    std::memset(p + cap, 0, simdjson::SIMDJSON_PADDING);
    data_ = p;
    cap_ = cap;
  }

private:
  char *data_ = nullptr;
  size_t cap_ = 0;
};

class Checker {
public:
  bool verbose = false;
  Counts counts;

  // Checks one document; [p, p+n) must be followed by SIMDJSON_PADDING readable bytes.
  void document(const char *p, size_t n, const std::string &where, uint64_t line) {
    ++counts.documents;
    const char *why = check(p, n);
    if (why == nullptr) {
      ++counts.valid;
    } else {
      ++counts.invalid;
      if (verbose) {
        std::fprintf(stderr, "%s:%llu: %s\n", where.c_str(), static_cast<unsigned long long>(line),
                     why);
      }
    }
  }

private:
  simdjson::dom::parser parser_;

  const char *check(const char *p, size_t n) {
    simdjson::dom::element doc;
    auto error = parser_.parse(reinterpret_cast<const uint8_t *>(p), n, false).get(doc);
    if (error) {
      return simdjson::error_message(error);
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) {
      return "not an object";
    }
    unsigned seen = 0;
    for (auto field : obj) {
      std::string_view key = field.key;
      simdjson::dom::element v = field.value;
      unsigned bit;
      if (key == "type") {
        bit = 1;
        std::string_view s;
        if (v.get_string().get(s) || s != "payment-service-session") {
          return "bad type";
        }
      } else if (key == "status") {
        bit = 2;
        std::string_view s;
        if (v.get_string().get(s) || (s != "succeeded" && s != "failed")) {
          return "bad status";
        }
      } else if (key == "code") {
        bit = 4;
        if (!v.is_null() && !v.is_string()) {
          return "bad code";
        }
      } else if (key == "status_code") {
        bit = 8;
        if (!v.is_null()) {
          int64_t sc;
          if (v.get_int64().get(sc) || sc < 100 || sc > 599) {
            return "bad status_code";
          }
        }
      } else if (key == "response_body") {
        bit = 16;
        if (!v.is_null() && !v.is_object()) {
          return "bad response_body";
        }
      } else {
        return "unknown field";
      }
      if (seen & bit) {
        return "duplicate field";
      }
      seen |= bit;
    }
    if (seen != 31) {
      return "missing field";
    }
    return nullptr;
  }
};

bool is_blank(const char *p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    char c = p[i];
    if (c != ' ' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return true;
}

ssize_t read_some(int fd, char *dst, size_t n) {
  for (;;) {
    ssize_t r = ::read(fd, dst, n);
    if (r >= 0 || errno != EINTR) {
      return r;
    }
  }
}

// JSON Lines: one document per non-blank line.
bool check_lines(int fd, const std::string &name, Buffer &buf, Checker &checker) {
  size_t len = 0;     // bytes in the buffer (a carried-over partial line, then new data)
  size_t scanned = 0; // prefix of the buffer known to hold no newline
  uint64_t line = 0;
  for (;;) {
    if (len == buf.capacity()) {
      buf.grow_to(buf.capacity() * 2); // a line longer than the buffer
    }
    ssize_t r = read_some(fd, buf.data() + len, buf.capacity() - len);
    if (r < 0) {
      std::fprintf(stderr, "reference: %s: %s\n", name.c_str(), std::strerror(errno));
      return false;
    }
    if (r == 0) {
      break;
    }
    len += static_cast<size_t>(r);
    char *start = buf.data();
    char *end = start + len;
    char *p = start;
    char *search = start + scanned;
    while (char *nl = static_cast<char *>(std::memchr(search, '\n', end - search))) {
      ++line;
      size_t n = nl - p;
      if (n > 0 && p[n - 1] == '\r') {
        --n;
      }
      if (!is_blank(p, n)) {
        checker.document(p, n, name, line);
      }
      p = nl + 1;
      search = p;
    }
    len = end - p;
    if (p != start && len > 0) {
      std::memmove(start, p, len);
    }
    scanned = len;
  }
  if (len > 0) { // last line without a newline
    ++line;
    char *p = buf.data();
    size_t n = len;
    if (p[n - 1] == '\r') {
      --n;
    }
    if (!is_blank(p, n)) {
      checker.document(p, n, name, line);
    }
  }
  return true;
}

// A .json file: the whole file is one document.
bool check_whole(int fd, const std::string &name, Buffer &buf, Checker &checker) {
  size_t len = 0;
  for (;;) {
    if (len == buf.capacity()) {
      buf.grow_to(buf.capacity() * 2);
    }
    ssize_t r = read_some(fd, buf.data() + len, buf.capacity() - len);
    if (r < 0) {
      std::fprintf(stderr, "reference: %s: %s\n", name.c_str(), std::strerror(errno));
      return false;
    }
    if (r == 0) {
      break;
    }
    len += static_cast<size_t>(r);
  }
  checker.document(buf.data(), len, name, 1);
  return true;
}

bool ends_with(const std::string &s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool check_file(const std::string &path, Buffer &buf, Checker &checker) {
  if (path == "-") {
    return check_lines(0, "<stdin>", buf, checker);
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "reference: %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  bool ok = ends_with(path, ".json") ? check_whole(fd, path, buf, checker)
                                     : check_lines(fd, path, buf, checker);
  ::close(fd);
  return ok;
}

} // namespace

int main(int argc, char **argv) {
  Checker checker;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-v" || a == "--verbose") {
      checker.verbose = true;
    } else if (a == "-h" || a == "--help") {
      std::printf("usage: reference [-v] PATH...  (JSON Lines file, .json file, folder, or -)\n");
      return 0;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    paths.push_back("-");
  }

  Buffer buf(kChunk);
  bool ok = true;
  for (const std::string &path : paths) {
    std::error_code ec;
    if (path != "-" && std::filesystem::is_directory(path, ec)) {
      std::vector<std::string> files;
      for (const auto &entry : std::filesystem::directory_iterator(path, ec)) {
        std::string f = entry.path().string();
        if (entry.is_regular_file(ec) &&
            (ends_with(f, ".json") || ends_with(f, ".jsonl") || ends_with(f, ".ndjson"))) {
          files.push_back(std::move(f));
        }
      }
      if (ec) {
        std::fprintf(stderr, "reference: %s: %s\n", path.c_str(), ec.message().c_str());
        ok = false;
      }
      std::sort(files.begin(), files.end());
      for (const std::string &f : files) {
        ok = check_file(f, buf, checker) && ok;
      }
    } else {
      ok = check_file(path, buf, checker) && ok;
    }
  }
  std::printf("documents=%llu valid=%llu invalid=%llu\n",
              static_cast<unsigned long long>(checker.counts.documents),
              static_cast<unsigned long long>(checker.counts.valid),
              static_cast<unsigned long long>(checker.counts.invalid));
  return ok ? 0 : 2;
}
