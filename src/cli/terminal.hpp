// The terminal: whether to colour, which colours mean what, how wide a line may be, and how many
// columns a piece of text takes on screen.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "cli/choice.hpp"

namespace pss::cli {

enum class ColorMode { Auto, Always, Never };
// --color's words, in the order --help lists them.
inline constexpr std::array<Choice<ColorMode>, 3> color_choices{
    {{"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}}};

// Decides colour for a stream (1: stdout, 2: stderr).
[[nodiscard]] bool use_color(ColorMode mode, int fd);

// ANSI styles by meaning, or empty strings when colour is off. Only the 8 base colours, bold and
// dim, so that every style reads on dark and light backgrounds alike; no blue text (dark blue
// on black is hard to read). docs/cli.md lists what each colour means.
struct Palette {
  bool on = false;
  [[nodiscard]] std::string_view style(std::string_view sgr) const { return on ? sgr : ""; }
  [[nodiscard]] std::string_view bold() const { return style("\x1b[1m"); }
  [[nodiscard]] std::string_view dim() const { return style("\x1b[2m"); }
  [[nodiscard]] std::string_view reset() const { return style("\x1b[0m"); }
  // Findings: the severity word and the marker under the value, in the severity's colour.
  [[nodiscard]] std::string_view error() const { return style("\x1b[1;31m"); }
  [[nodiscard]] std::string_view warning() const { return style("\x1b[1;33m"); }
  [[nodiscard]] std::string_view note() const { return style("\x1b[1;36m"); } // a second place
  [[nodiscard]] std::string_view ok() const { return style("\x1b[32m"); }
  // JSON values (fmt, inspect's summary): keys bold in the terminal's own colour.
  [[nodiscard]] std::string_view key() const { return bold(); }
  [[nodiscard]] std::string_view string() const { return style("\x1b[32m"); }
  [[nodiscard]] std::string_view number() const { return style("\x1b[36m"); }
  [[nodiscard]] std::string_view literal() const { return style("\x1b[35m"); } // true false null
  // diff: added, removed, changed; a record's header.
  [[nodiscard]] std::string_view added() const { return style("\x1b[32m"); }
  [[nodiscard]] std::string_view removed() const { return style("\x1b[31m"); }
  [[nodiscard]] std::string_view changed() const { return style("\x1b[33m"); }
  [[nodiscard]] std::string_view header() const { return style("\x1b[36m"); }
  // By colour name, for code that predates the meanings above.
  [[nodiscard]] std::string_view red() const { return style("\x1b[1;31m"); }
  [[nodiscard]] std::string_view yellow() const { return style("\x1b[1;33m"); }
  [[nodiscard]] std::string_view green() const { return style("\x1b[32m"); }
  [[nodiscard]] std::string_view cyan() const { return style("\x1b[36m"); }
  [[nodiscard]] std::string_view magenta() const { return style("\x1b[35m"); }
};

// How human text is laid out on one stream.
struct Layout {
  std::size_t width = 120; // columns a line may take (excerpts are cut to fit)
  bool wrap = false;       // wrap long messages at spaces: on a terminal only, never on a pipe
  bool known = false;      // the width is the window's or COLUMNS', not the default
};

// The width of the stream `fd` (1: stdout, 2: stderr): the window's columns when it is a
// terminal; else COLUMNS when it is set to a positive number; else 120 (and `known` false).
// Messages wrap on a terminal only.
[[nodiscard]] Layout layout_for(int fd);

// Columns that UTF-8 `text` takes on a terminal: wide characters (East Asian, emoji) take two,
// combining marks none, others one (wcwidth(3), Unicode's East Asian Width, UAX #11). Bytes that
// are not valid UTF-8 count one each. `text` is expected to be escaped already (no controls).
[[nodiscard]] std::size_t display_width(std::string_view text);

// The longest prefix of `text` (whole characters) that takes at most `columns`; its width in
// `width`.
[[nodiscard]] std::string_view fit_columns(std::string_view text, std::size_t columns,
                                           std::size_t &width);
// The longest suffix of `text` (whole characters) that takes at most `columns`.
[[nodiscard]] std::string_view fit_columns_from_end(std::string_view text, std::size_t columns,
                                                    std::size_t &width);

// `text` to be printed after `used` columns of a line, broken at spaces into lines of at most
// `width` columns (a word longer than a line is broken where the line ends); each later line
// starts with `indent`. `text` holds no newline.
[[nodiscard]] std::string wrap_words(std::string_view text, std::size_t used, std::size_t width,
                                     std::string_view indent);

} // namespace pss::cli
