// stdout/stderr handling shared by every command: the one place that writes to either.
#include "cli/output.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <string>
#include <unistd.h>

#include "cli/exit_code.hpp"
#include "core/json/text.hpp"

namespace pss::cli {
namespace {

std::atomic<bool> out_closed = false; // the reader went away (EPIPE): stop quietly
std::atomic<int> out_errno = 0;       // first other write error on stdout
std::atomic<bool> err_failed = false; // some talk could not be written
bool out_was_closed = false;          // fd 1 was closed at start (now /dev/null)
bool err_was_closed = false;          // fd 2 was closed at start (now /dev/null)

void note_out_error(int error) {
  if (error == EPIPE) {
    out_closed = true;
  } else {
    int none = 0;
    out_errno.compare_exchange_strong(none, error != 0 ? error : EIO);
  }
}

// Opens /dev/null on `fd` if it is closed; true when it was.
bool reopen_if_closed(int fd) {
  if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) return false;
  const int opened = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
  if (opened != -1 && opened != fd) {
    // A lower descriptor was closed too and took this one: it stays on /dev/null as well.
    ::dup2(opened, fd);
  }
  return true;
}

} // namespace

void setup_output() {
  std::signal(SIGPIPE, SIG_IGN);
  reopen_if_closed(0);
  out_was_closed = reopen_if_closed(1);
  err_was_closed = reopen_if_closed(2);
  // A person watching (tail -f log | pss-inspect check --lines) sees each line as it is checked.
  static char buffer[1 << 16];
  std::setvbuf(stdout, buffer, ::isatty(1) == 1 ? _IOLBF : _IOFBF, sizeof buffer);
}

bool write_out(std::string_view bytes) {
  if (stdout_closed()) return false;
  if (bytes.empty()) return true;
  if (out_was_closed) {
    note_out_error(EBADF);
    return false;
  }
  errno = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) {
    note_out_error(errno);
    return false;
  }
  return true;
}

bool stdout_closed() {
  return out_closed || out_errno != 0;
}

void flush_out() {
  errno = 0;
  if (std::fflush(stdout) != 0 && !stdout_closed()) note_out_error(errno);
}

void write_err(std::string_view bytes) {
  flush_out();
  if (bytes.empty()) return;
  if (err_was_closed || std::fwrite(bytes.data(), 1, bytes.size(), stderr) != bytes.size()) {
    err_failed = true;
  }
}

void complain(std::string_view message) {
  // Messages carry paths and option values a user typed or a folder held: never raw escapes.
  std::string line = "pss-inspect: ";
  line += escape_for_display(message);
  line += '\n';
  write_err(line);
}

int finish_output(int code) {
  flush_out();
  // An error noticed by the stdio layer alone (a flush inside fwrite) counts as well.
  if (!stdout_closed() && std::ferror(stdout) != 0) note_out_error(EIO);
  if (const int error = out_errno; error != 0) {
    complain(std::string("error writing output: ") + std::strerror(error));
    return exit_trouble;
  }
  if (std::fflush(stderr) != 0) err_failed = true;
  return err_failed ? exit_trouble : code;
}

} // namespace pss::cli
