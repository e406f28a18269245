// Where bytes go: stdout is data, stderr is talk; write errors and closed pipes are noticed.
#pragma once

#include <string_view>

#include <fmt/format.h>

namespace pss::cli {

// Writes to stdout; false once stdout is gone (closed pipe), so work can stop quietly.
bool write_out(std::string_view bytes);
[[nodiscard]] bool stdout_closed();

// "pss-inspect: <message>" on stderr.
void complain(std::string_view message);

// Flushes stdout at exit. Returns exit_trouble after a write error other than a closed pipe
// (reported on stderr), else `code`.
[[nodiscard]] int finish_output(int code);

// Process set-up: SIGPIPE ignored (EPIPE is handled), stdout fully buffered.
void setup_output();

} // namespace pss::cli
