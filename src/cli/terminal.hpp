// Colour: --color always/never decide; else never when NO_COLOR is set, always when FORCE_COLOR
// is set and not "0", else on a terminal only (and TERM not "dumb").
#pragma once

#include <string>
#include <string_view>

namespace pss::cli {

enum class ColorMode { Auto, Always, Never };

// Decides colour for a stream (1: stdout, 2: stderr).
[[nodiscard]] bool use_color(ColorMode mode, int fd);

// ANSI styles, or empty strings when colour is off.
struct Palette {
  bool on = false;
  [[nodiscard]] std::string_view bold() const { return on ? "\x1b[1m" : ""; }
  [[nodiscard]] std::string_view red() const { return on ? "\x1b[1;31m" : ""; }
  [[nodiscard]] std::string_view yellow() const { return on ? "\x1b[1;33m" : ""; }
  [[nodiscard]] std::string_view green() const { return on ? "\x1b[32m" : ""; }
  [[nodiscard]] std::string_view blue() const { return on ? "\x1b[34m" : ""; }
  [[nodiscard]] std::string_view cyan() const { return on ? "\x1b[36m" : ""; }
  [[nodiscard]] std::string_view magenta() const { return on ? "\x1b[35m" : ""; }
  [[nodiscard]] std::string_view dim() const { return on ? "\x1b[2m" : ""; }
  [[nodiscard]] std::string_view reset() const { return on ? "\x1b[0m" : ""; }
};

} // namespace pss::cli
