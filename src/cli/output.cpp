// stdout/stderr handling shared by every command.
#include "cli/output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include <string>
#include <unistd.h>

#include "cli/exit_code.hpp"
#include "core/text.hpp"

namespace pss::cli {
namespace {

bool closed = false;
int write_errno = 0;

void note_error() {
  if (errno == EPIPE) {
    closed = true;
  } else if (write_errno == 0) {
    write_errno = errno != 0 ? errno : EIO;
  }
}

} // namespace

void setup_output() {
  std::signal(SIGPIPE, SIG_IGN);
  // A person watching (tail -f log | pss-inspect check --lines) sees each line as it is checked.
  static char buffer[1 << 16];
  std::setvbuf(stdout, buffer, ::isatty(1) == 1 ? _IOLBF : _IOFBF, sizeof buffer);
}

bool write_out(std::string_view bytes) {
  if (closed || write_errno != 0) return false;
  errno = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) {
    note_error();
    return false;
  }
  return true;
}

bool stdout_closed() {
  return closed || write_errno != 0;
}

void complain(std::string_view message) {
  std::fflush(stdout);
  // Messages carry paths and option values a user typed or a folder held: never raw escapes.
  const std::string shown = escape_for_display(message);
  std::fprintf(stderr, "pss-inspect: %s\n", shown.c_str());
}

int finish_output(int code) {
  errno = 0;
  if (std::fflush(stdout) != 0) note_error();
  if (write_errno != 0) {
    std::fprintf(stderr, "pss-inspect: error writing output: %s\n", std::strerror(write_errno));
    return exit_trouble;
  }
  return code;
}

} // namespace pss::cli
