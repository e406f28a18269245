// -o FILE: a command's report goes to a file, atomically, instead of stdout.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/rewrite.hpp"

namespace pss::cli {

// Declares -o/--output FILE on a command.
void add_output_option(CLI::App &command, std::string &path);

// While active, stdout (descriptor 1) is a temporary file beside FILE (same folder), so that
// everything the command writes with write_out() lands there; FILE is replaced only when the
// command is done and every byte was written. A reader never sees a half-written report, and
// a failed run leaves FILE as it was.
class OutputFile {
public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;

  // Creates the temporary file and points stdout at it. Returns an error message naming `path`,
  // or "".
  [[nodiscard]] std::string start(const std::string &path);
  // Call with finish_output()'s code: after a write error the temporary file is removed and
  // FILE is untouched (the code, exit_trouble, is returned); otherwise FILE is replaced
  // (exit_trouble, with a message, when that fails). Without start(): returns `code`.
  [[nodiscard]] int finish(int code);

private:
  Rewrite rewrite_;
  int saved_stdout_ = -1;
  void restore_stdout();
};

} // namespace pss::cli
