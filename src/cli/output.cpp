// stdout/stderr handling shared by every command.
#include "cli/output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "cli/exit_code.hpp"

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
  static char buffer[1 << 16];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
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
  std::fprintf(stderr, "pss-inspect: %.*s\n", static_cast<int>(message.size()), message.data());
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
