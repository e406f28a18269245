// Where bytes go: stdout is data, stderr is talk. Every write of the program goes through here:
// nothing throws, closed pipes and write errors are noticed, and finish_output turns them into
// the exit code.
#pragma once

#include <string_view>

namespace pss::cli {

// Writes to stdout; false once stdout is gone (closed pipe, write error), so work can stop.
bool write_out(std::string_view bytes);
[[nodiscard]] bool stdout_closed();

// Flushes stdout (before talk on stderr, or while a stream pauses), noting a write error.
void flush_out();

// Writes to stderr after flushing stdout, so talk follows the data it is about. A failure
// (closed, full, reader gone) is remembered: finish_output then returns exit_trouble.
void write_err(std::string_view bytes);

// "pss-inspect: <message>" on stderr, with escapes for anything invisible (escape_for_display).
void complain(std::string_view message);

// Flushes stdout at exit. Returns exit_trouble after a write error on stdout other than a closed
// pipe (reported as "error writing output: <reason>" on stderr) or after any failed write to
// stderr (nothing left to report it on); else `code`.
[[nodiscard]] int finish_output(int code);

// Process set-up: SIGPIPE ignored (EPIPE is handled), stdout fully buffered (line-buffered on a
// terminal), and a closed stdin, stdout or stderr replaced by /dev/null so that no file the
// program opens takes its number; output meant for a closed stdout or stderr is then a failure.
void setup_output();

} // namespace pss::cli
