// The colour decision.
#include "cli/terminal.hpp"

#include <cstdlib>
#include <cstring>
#include <unistd.h>

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

} // namespace pss::cli
