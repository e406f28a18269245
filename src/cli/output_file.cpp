// -o FILE: stdout redirected to a temporary file that replaces FILE at the end.
#include "cli/output_file.hpp"

#include <cstdio>
#include <unistd.h>

#include "cli/exit_code.hpp"
#include "cli/output.hpp"

namespace pss::cli {

void add_output_option(CLI::App &command, std::string &path) {
  command
      .add_option("-o,--output", path,
                  "Write the report to FILE (replaced atomically when the run completes) "
                  "instead of stdout")
      ->type_name("FILE");
}

OutputFile::~OutputFile() {
  restore_stdout();
}

std::string OutputFile::start(const std::string &path) {
  if (std::string error = rewrite_.start(path, true); !error.empty()) return error;
  std::fflush(stdout);
  saved_stdout_ = ::dup(1);
  if (saved_stdout_ < 0 || ::dup2(rewrite_.fd(), 1) < 0) {
    restore_stdout();
    rewrite_.discard();
    return path + ": cannot redirect the output to it";
  }
  return "";
}

void OutputFile::restore_stdout() {
  if (saved_stdout_ < 0) return;
  std::fflush(stdout);
  ::dup2(saved_stdout_, 1);
  ::close(saved_stdout_);
  saved_stdout_ = -1;
}

int OutputFile::finish(int code) {
  if (saved_stdout_ < 0) return code;
  const bool failed = stdout_closed(); // finish_output() has said why
  restore_stdout();
  if (failed) {
    rewrite_.discard();
    return exit_trouble;
  }
  if (const std::string error = rewrite_.commit(); !error.empty()) {
    complain(error);
    return exit_trouble;
  }
  return code;
}

} // namespace pss::cli
