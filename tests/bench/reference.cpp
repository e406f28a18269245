// reference.cpp: the speed "limits" for pss-inspect, simdjson and nothing else.
//
//   g++ -O3 -std=c++20 reference.cpp -o reference -lsimdjson
//   reference [-v] PATH...          check: validate, read the five session fields
//   reference --minify PATH...      DOM-validate, write each document with simdjson::minify
//   reference --pretty PATH...      DOM-validate, re-indent each document's bytes in one pass
//   reference --diff OLD NEW        two DOM parses per pair of records, fields compared
//
// PATH: a JSON Lines file, a .json file, a folder, or -. Every mode is single-threaded, uses one
// reused simdjson::dom::parser per input stream (DOM validates every byte, UTF-8 included) and
// survives invalid documents: it counts them and goes on, as a linter must.
//
// JSON Lines input (any file not ending in .json, and stdin) is read in 8 MiB chunks with
// read(2); a partial last line is carried over to the next chunk and a line longer than the
// buffer grows it. Lines are split with memchr; blank lines are skipped. A file ending in .json
// is one document. A folder is expanded to its *.json, *.jsonl and *.ndjson files (sorted, not
// recursive).
//
// check: a document is valid when it parses and is an object with exactly the five session
// fields, each once: type == "payment-service-session", status "succeeded" or "failed", code
// string or null, status_code integer 100..599 or null, response_body object or null. Nested
// duplicate keys, card numbers and the like are NOT checked: this is the cost of parsing plus
// reading the top-level fields, the floor for any validator. Prints one line:
// documents=N valid=V invalid=I.
//
// --minify / --pretty: stdout gets one document per line (--pretty: over several lines, two
// spaces per level, ": " after a key, empty containers as {} and [], as pss-inspect fmt
// writes them); a document that does not parse is written as it is. The counts go to stderr.
// The re-indenter copies string bytes as they are (no escape normalisation): the least a
// pretty-printer must do with validated input.
//
// --diff: the two JSON Lines files are read in step; record N of OLD is paired with record N
// of NEW. Both are parsed; byte-identical records are equal; otherwise the five fields are
// compared (response_body deeply, object members by key). Prints "line N: FIELD..." for each
// pair that differs, then pairs=P differ=D invalid=I added=A removed=R.
//
// Exit 0, or 2 on an I/O error or a usage error.

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

bool ends_with(const std::string &s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

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

// A growable byte buffer that always keeps SIMDJSON_PADDING readable bytes after its capacity,
// so any line inside it can be handed to the parser without a copy.
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

// Pulls documents out of one input: the non-blank lines of JSON Lines, or a whole .json file.
// A document stays valid (and padded) until the next call to next(). The buffer is the caller's,
// so that one allocation serves a whole folder.
class Reader {
public:
  Reader(int fd, std::string name, bool whole, Buffer &buf)
      : fd_(fd), name_(std::move(name)), whole_(whole), buf_(buf) {}

  const std::string &name() const { return name_; }

  // Sets p, n and line (1-based) to the next document; false at the end or on a read error
  // (then failed() is true and the error was printed).
  bool next(const char *&p, size_t &n, uint64_t &line) {
    return whole_ ? next_whole(p, n, line) : next_line(p, n, line);
  }
  bool failed() const { return failed_; }

private:
  int fd_;
  std::string name_;
  bool whole_;
  bool failed_ = false;
  bool eof_ = false;
  Buffer &buf_;
  size_t begin_ = 0; // first byte not yet returned
  size_t len_ = 0;   // bytes in the buffer
  size_t scanned_ = 0;
  uint64_t line_ = 0;

  bool fill() {
    // Keep the unreturned tail; grow when a single line fills the whole buffer.
    if (begin_ > 0) {
      std::memmove(buf_.data(), buf_.data() + begin_, len_ - begin_);
      len_ -= begin_;
      scanned_ -= begin_;
      begin_ = 0;
    }
    if (len_ == buf_.capacity()) {
      buf_.grow_to(buf_.capacity() * 2);
    }
    ssize_t r = read_some(fd_, buf_.data() + len_, buf_.capacity() - len_);
    if (r < 0) {
      std::fprintf(stderr, "reference: %s: %s\n", name_.c_str(), std::strerror(errno));
      failed_ = true;
      return false;
    }
    if (r == 0) {
      eof_ = true;
      return false;
    }
    len_ += static_cast<size_t>(r);
    return true;
  }

  bool next_line(const char *&p, size_t &n, uint64_t &line) {
    for (;;) {
      char *data = buf_.data();
      char *search = data + std::max(begin_, scanned_);
      char *nl = static_cast<char *>(std::memchr(search, '\n', data + len_ - search));
      size_t start = begin_;
      size_t stop;
      if (nl != nullptr) {
        stop = nl - data;
        begin_ = stop + 1;
      } else if (!eof_ && !failed_) {
        scanned_ = len_;
        if (fill()) {
          continue;
        }
        if (failed_ || begin_ == len_) {
          return false;
        }
        start = begin_;
        stop = len_; // last line without a newline
        begin_ = len_;
      } else {
        return false;
      }
      ++line_;
      size_t count = stop - start;
      if (count > 0 && buf_.data()[start + count - 1] == '\r') {
        --count;
      }
      if (!is_blank(buf_.data() + start, count)) {
        p = buf_.data() + start;
        n = count;
        line = line_;
        return true;
      }
    }
  }

  bool next_whole(const char *&p, size_t &n, uint64_t &line) {
    if (eof_ || failed_) {
      return false;
    }
    while (fill()) {
    }
    if (failed_) {
      return false;
    }
    p = buf_.data();
    n = len_;
    line = 1;
    return true;
  }
};

struct Counts {
  uint64_t documents = 0;
  uint64_t valid = 0;
  uint64_t invalid = 0;
};

// Stdout in 1 MiB writes.
class Output {
public:
  Output() { buf_.reserve(kFlush + 4096); }
  ~Output() { flush(); }
  Output(const Output &) = delete;
  Output &operator=(const Output &) = delete;

  std::string &text() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= kFlush) {
      flush();
    }
  }
  void flush() {
    const char *p = buf_.data();
    size_t n = buf_.size();
    while (n > 0) {
      ssize_t w = ::write(1, p, n);
      if (w < 0 && errno == EINTR) {
        continue;
      }
      if (w <= 0) {
        std::fprintf(stderr, "reference: stdout: %s\n", std::strerror(errno));
        std::exit(2);
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
    buf_.clear();
  }

private:
  static constexpr size_t kFlush = size_t{1} << 20;
  std::string buf_;
};

simdjson::error_code parse(simdjson::dom::parser &parser, const char *p, size_t n,
                           simdjson::dom::element &doc) {
  return parser.parse(reinterpret_cast<const uint8_t *>(p), n, false).get(doc);
}

// ---------------------------------------------------------------- check

// Returns why the document is not a valid session, or nullptr.
const char *check_session(simdjson::dom::parser &parser, const char *p, size_t n) {
  simdjson::dom::element doc;
  if (auto error = parse(parser, p, n, doc)) {
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

bool run_check(simdjson::dom::parser &parser, Reader &in, Counts &counts, bool verbose) {
  const char *p;
  size_t n;
  uint64_t line;
  while (in.next(p, n, line)) {
    ++counts.documents;
    const char *why = check_session(parser, p, n);
    if (why == nullptr) {
      ++counts.valid;
    } else {
      ++counts.invalid;
      if (verbose) {
        std::fprintf(stderr, "%s:%llu: %s\n", in.name().c_str(),
                     static_cast<unsigned long long>(line), why);
      }
    }
  }
  return !in.failed();
}

// ---------------------------------------------------------------- minify, pretty

void newline_indent(std::string &out, int depth) {
  out.push_back('\n');
  out.append(static_cast<size_t>(depth) * 2, ' ');
}

// Appends the validated JSON text [p, p+n) re-indented: one member or element a line, two
// spaces a level, ": " after keys, {} and [] for empty containers. One pass over the bytes.
void reindent(const char *p, size_t n, std::string &out) {
  const char *end = p + n;
  int depth = 0;
  auto skip_ws = [&](const char *q) {
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')) {
      ++q;
    }
    return q;
  };
  while (p < end) {
    char c = *p;
    switch (c) {
    case '"': {
      const char *q = p + 1;
      while (*q != '"') { // validated input: the string ends before end
        q += (*q == '\\') ? 2 : 1;
      }
      out.append(p, q + 1 - p);
      p = q + 1;
      continue;
    }
    case '{':
    case '[': {
      const char *q = skip_ws(p + 1);
      if (q < end && (*q == '}' || *q == ']')) {
        out.push_back(c);
        out.push_back(*q);
        p = q + 1;
        continue;
      }
      out.push_back(c);
      newline_indent(out, ++depth);
      p = q;
      continue;
    }
    case '}':
    case ']':
      newline_indent(out, --depth);
      out.push_back(c);
      break;
    case ',':
      out.push_back(',');
      newline_indent(out, depth);
      break;
    case ':':
      out.append(": ", 2);
      break;
    case ' ':
    case '\t':
    case '\n':
    case '\r':
      break;
    default: {
      const char *q = p;
      while (q < end && *q != ',' && *q != '}' && *q != ']' && *q != ' ' && *q != '\t' &&
             *q != '\n' && *q != '\r') {
        ++q;
      }
      out.append(p, q - p);
      p = q;
      continue;
    }
    }
    ++p;
  }
}

enum class Layout { minify, pretty };

bool run_format(simdjson::dom::parser &parser, Reader &in, Counts &counts, Layout layout,
                Output &out) {
  const char *p;
  size_t n;
  uint64_t line;
  while (in.next(p, n, line)) {
    ++counts.documents;
    simdjson::dom::element doc;
    std::string &text = out.text();
    if (parse(parser, p, n, doc)) {
      ++counts.invalid;
      text.append(p, n); // survive: pass the document through as it is
    } else {
      ++counts.valid;
      if (layout == Layout::minify) {
        size_t at = text.size();
        text.resize(at + n);
        size_t written = 0;
        if (simdjson::minify(p, n, text.data() + at, written)) {
          std::fprintf(stderr, "reference: minify failed on a valid document\n");
          std::exit(2);
        }
        text.resize(at + written);
      } else {
        reindent(p, n, text);
      }
    }
    text.push_back('\n');
    out.maybe_flush();
  }
  return !in.failed();
}

// ---------------------------------------------------------------- diff

bool equal(simdjson::dom::element a, simdjson::dom::element b);

bool equal_objects(simdjson::dom::object a, simdjson::dom::object b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (auto field : a) {
    simdjson::dom::element other;
    if (b.at_key(field.key).get(other) || !equal(field.value, other)) {
      return false;
    }
  }
  return true;
}

bool equal(simdjson::dom::element a, simdjson::dom::element b) {
  using simdjson::dom::element_type;
  if (a.type() != b.type()) {
    return false;
  }
  switch (a.type()) {
  case element_type::OBJECT:
    return equal_objects(a.get_object().value_unsafe(), b.get_object().value_unsafe());
  case element_type::ARRAY: {
    simdjson::dom::array x = a.get_array().value_unsafe();
    simdjson::dom::array y = b.get_array().value_unsafe();
    auto i = x.begin();
    auto j = y.begin();
    for (; i != x.end() && j != y.end(); ++i, ++j) {
      if (!equal(*i, *j)) {
        return false;
      }
    }
    return i == x.end() && j == y.end();
  }
  case element_type::STRING:
    return a.get_string().value_unsafe() == b.get_string().value_unsafe();
  case element_type::INT64:
    return a.get_int64().value_unsafe() == b.get_int64().value_unsafe();
  case element_type::UINT64:
    return a.get_uint64().value_unsafe() == b.get_uint64().value_unsafe();
  case element_type::DOUBLE:
    return a.get_double().value_unsafe() == b.get_double().value_unsafe();
  case element_type::BOOL:
    return a.get_bool().value_unsafe() == b.get_bool().value_unsafe();
  case element_type::NULL_VALUE:
    return true;
  }
  return false;
}

constexpr std::string_view kFields[] = {"type", "status", "code", "status_code", "response_body"};

bool run_diff(Reader &old_in, Reader &new_in, Output &out) {
  simdjson::dom::parser old_parser;
  simdjson::dom::parser new_parser;
  uint64_t pairs = 0, differ = 0, invalid = 0, added = 0, removed = 0;
  const char *a;
  const char *b;
  size_t an, bn;
  uint64_t aline, bline;
  for (;;) {
    bool has_a = old_in.next(a, an, aline);
    bool has_b = new_in.next(b, bn, bline);
    if (!has_a || !has_b) {
      if (has_a) {
        ++removed;
        while (old_in.next(a, an, aline)) {
          ++removed;
        }
      }
      if (has_b) {
        ++added;
        while (new_in.next(b, bn, bline)) {
          ++added;
        }
      }
      break;
    }
    ++pairs;
    simdjson::dom::element x, y;
    if (parse(old_parser, a, an, x) || parse(new_parser, b, bn, y)) {
      ++invalid;
      continue;
    }
    if (an == bn && std::memcmp(a, b, an) == 0) {
      continue;
    }
    std::string &text = out.text();
    size_t mark = text.size();
    text += "line " + std::to_string(bline) + ":";
    bool any = false;
    for (std::string_view key : kFields) {
      simdjson::dom::element u, v;
      bool has_u = !x.at_key(key).get(u);
      bool has_v = !y.at_key(key).get(v);
      if (has_u != has_v || (has_u && !equal(u, v))) {
        text.push_back(' ');
        text.append(key);
        any = true;
      }
    }
    if (!any && !equal(x, y)) { // members other than the five
      text += " other";
      any = true;
    }
    if (any) {
      ++differ;
      text.push_back('\n');
      out.maybe_flush();
    } else {
      text.resize(mark);
    }
  }
  out.text() += "pairs=" + std::to_string(pairs) + " differ=" + std::to_string(differ) +
                " invalid=" + std::to_string(invalid) + " added=" + std::to_string(added) +
                " removed=" + std::to_string(removed) + "\n";
  return !old_in.failed() && !new_in.failed();
}

// ---------------------------------------------------------------- inputs

// Expands a folder to its JSON files (sorted); other paths stay as they are.
std::vector<std::string> expand(const std::vector<std::string> &paths, bool &ok) {
  std::vector<std::string> out;
  for (const std::string &path : paths) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
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
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

// Opens PATH (or stdin for "-"); -1 on error, printed.
int open_input(const std::string &path) {
  if (path == "-") {
    return 0;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "reference: %s: %s\n", path.c_str(), std::strerror(errno));
    return -1;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return fd;
}

void close_input(int fd) {
  if (fd > 0) {
    ::close(fd);
  }
}

std::string display_name(const std::string &path) {
  return path == "-" ? "<stdin>" : path;
}

} // namespace

int main(int argc, char **argv) {
  enum class Mode { check, minify, pretty, diff } mode = Mode::check;
  bool verbose = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-v" || a == "--verbose") {
      verbose = true;
    } else if (a == "--minify") {
      mode = Mode::minify;
    } else if (a == "--pretty") {
      mode = Mode::pretty;
    } else if (a == "--diff") {
      mode = Mode::diff;
    } else if (a == "-h" || a == "--help") {
      std::printf("usage: reference [-v] PATH...\n"
                  "       reference --minify|--pretty PATH...\n"
                  "       reference --diff OLD NEW\n"
                  "PATH: a JSON Lines file, a .json file, a folder, or -\n");
      return 0;
    } else {
      paths.push_back(a);
    }
  }
  if (mode == Mode::diff) {
    if (paths.size() != 2) {
      std::fprintf(stderr, "reference: --diff takes two JSON Lines files\n");
      return 2;
    }
    int a = open_input(paths[0]);
    int b = open_input(paths[1]);
    if (a < 0 || b < 0) {
      return 2;
    }
    Output out;
    Buffer old_buf(kChunk);
    Buffer new_buf(kChunk);
    Reader old_in(a, display_name(paths[0]), false, old_buf);
    Reader new_in(b, display_name(paths[1]), false, new_buf);
    bool ok = run_diff(old_in, new_in, out);
    close_input(a);
    close_input(b);
    return ok ? 0 : 2;
  }

  if (paths.empty()) {
    paths.push_back("-");
  }
  bool ok = true;
  Counts counts;
  Output out;
  Buffer buf(kChunk);
  simdjson::dom::parser parser;
  for (const std::string &path : expand(paths, ok)) {
    int fd = open_input(path);
    if (fd < 0) {
      ok = false;
      continue;
    }
    Reader in(fd, display_name(path), ends_with(path, ".json"), buf);
    if (mode == Mode::check) {
      ok = run_check(parser, in, counts, verbose) && ok;
    } else {
      Layout layout = mode == Mode::minify ? Layout::minify : Layout::pretty;
      ok = run_format(parser, in, counts, layout, out) && ok;
    }
    close_input(fd);
  }
  out.flush();
  std::fprintf(mode == Mode::check ? stdout : stderr, "documents=%llu valid=%llu invalid=%llu\n",
               static_cast<unsigned long long>(counts.documents),
               static_cast<unsigned long long>(counts.valid),
               static_cast<unsigned long long>(counts.invalid));
  return ok ? 0 : 2;
}
