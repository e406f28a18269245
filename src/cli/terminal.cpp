// The colour decision, the width of the output, and the width of text on screen.
#include "cli/terminal.hpp"

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <locale.h>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace pss::cli {

bool use_color(ColorMode mode, int fd) {
  if (mode == ColorMode::Always) return true;
  if (mode == ColorMode::Never) return false;
  const char *no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  // FORCE_COLOR (as Node.js, Rust's tools and others read it): colour even into a pipe.
  const char *force_color = std::getenv("FORCE_COLOR");
  if (force_color != nullptr && std::strcmp(force_color, "0") != 0) return true;
  const char *term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(fd) == 1;
}

Layout layout_for(int fd) {
  Layout layout;
  layout.wrap = ::isatty(fd) == 1;
  winsize size{};
  if (layout.wrap && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    layout.width = size.ws_col;
    layout.known = true;
    return layout;
  }
  if (const char *columns = std::getenv("COLUMNS"); columns != nullptr && columns[0] != '\0') {
    char *end = nullptr;
    errno = 0;
    const unsigned long n = std::strtoul(columns, &end, 10);
    if (errno == 0 && *end == '\0' && n > 0 && n <= 100000 && columns[0] != '-') {
      layout.width = n;
      layout.known = true;
    }
  }
  return layout;
}

namespace {

// wcwidth needs a UTF-8 locale; C.UTF-8 is set for the calling thread only (uselocale), so the
// program's own locale (and other threads) are left alone.
locale_t utf8_locale() {
  static const locale_t locale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
  return locale;
}

class Utf8Scope {
public:
  Utf8Scope() : previous_(utf8_locale() != locale_t{} ? ::uselocale(utf8_locale()) : locale_t{}) {}
  ~Utf8Scope() {
    if (previous_ != locale_t{}) ::uselocale(previous_);
  }
  Utf8Scope(const Utf8Scope &) = delete;
  Utf8Scope &operator=(const Utf8Scope &) = delete;

private:
  locale_t previous_;
};

struct Char {
  std::size_t bytes;
  std::size_t width;
};

// The character at the start of `text` (not empty): its length in bytes and its columns.
Char next_char(std::string_view text, bool have_locale) {
  if (static_cast<unsigned char>(text[0]) < 0x80) return {1, 1}; // ASCII: most text, no lookup
  if (!have_locale) {
    std::size_t n = 1;
    while (n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) ++n;
    return {n, 1};
  }
  std::mbstate_t state{};
  wchar_t wc = 0;
  const std::size_t n = std::mbrtowc(&wc, text.data(), text.size(), &state);
  if (n == 0) return {1, 1}; // a NUL byte
  if (n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2)) return {1, 1};
  const int width = ::wcwidth(wc);
  return {n, width < 0 ? 1U : static_cast<std::size_t>(width)};
}

} // namespace

std::size_t display_width(std::string_view text) {
  const Utf8Scope scope;
  const bool have_locale = utf8_locale() != locale_t{};
  std::size_t width = 0;
  while (!text.empty()) {
    const Char c = next_char(text, have_locale);
    width += c.width;
    text.remove_prefix(c.bytes);
  }
  return width;
}

std::string_view fit_columns(std::string_view text, std::size_t columns, std::size_t &width) {
  const Utf8Scope scope;
  const bool have_locale = utf8_locale() != locale_t{};
  width = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const Char c = next_char(text.substr(at), have_locale);
    if (width + c.width > columns) break;
    width += c.width;
    at += c.bytes;
  }
  return text.substr(0, at);
}

std::string_view fit_columns_from_end(std::string_view text, std::size_t columns,
                                      std::size_t &width) {
  const Utf8Scope scope;
  const bool have_locale = utf8_locale() != locale_t{};
  std::vector<Char> chars;
  for (std::size_t at = 0; at < text.size();) {
    chars.push_back(next_char(text.substr(at), have_locale));
    at += chars.back().bytes;
  }
  width = 0;
  std::size_t start = text.size();
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) {
    if (width + it->width > columns) break;
    width += it->width;
    start -= it->bytes;
  }
  return text.substr(start);
}

std::string wrap_words(std::string_view message, std::size_t used, std::size_t width,
                       std::string_view indent) {
  std::string out;
  std::size_t column = used;
  bool line_empty = true;
  while (!message.empty()) {
    const std::size_t space = message.find(' ');
    std::string_view word = message.substr(0, space);
    message = space == std::string_view::npos ? std::string_view() : message.substr(space + 1);
    std::size_t word_width = display_width(word);
    while (true) {
      const std::size_t needed = word_width + (line_empty ? 0 : 1);
      if (column + needed <= width) {
        if (!line_empty) out += ' ';
        out += word;
        column += needed;
        line_empty = false;
        break;
      }
      if (!line_empty || column > indent.size()) {
        out += '\n';
        out += indent;
        column = indent.size();
        line_empty = true;
        continue;
      }
      // A word wider than a whole line: as much as fits, the rest on the next line.
      std::size_t piece_width = 0;
      std::string_view piece = fit_columns(word, width > column ? width - column : 1, piece_width);
      if (piece.empty()) piece = word.substr(0, 1), piece_width = 1;
      out += piece;
      word.remove_prefix(piece.size());
      word_width -= std::min(word_width, piece_width);
      column += piece_width;
      line_empty = false;
      if (word.empty()) break;
    }
  }
  return out;
}

} // namespace pss::cli
