// Rewriting a file in place, atomically: the original stays intact until the new content is
// complete and synced, whatever fails or kills the process on the way.
#pragma once

#include <string>
#include <string_view>

namespace pss::cli {

// New content goes to a temporary file beside the original (same folder, so rename is atomic),
// which takes the original's mode and owner and replaces it only on commit(). Anything else
// (an error, discard(), destruction, SIGINT/SIGTERM/SIGHUP) removes the temporary file.
// Errors are messages naming the file and the system's reason.
class Rewrite {
public:
  Rewrite() = default;
  ~Rewrite();
  Rewrite(const Rewrite &) = delete;
  Rewrite &operator=(const Rewrite &) = delete;

  // Creates the temporary file for `path` (a symbolic link: for the file it points to). With
  // `create`, `path` need not exist: a new file gets mode 0666 less the umask.
  [[nodiscard]] std::string start(const std::string &path, bool create = false);
  // The temporary file's descriptor, between start() and commit().
  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] std::string write(std::string_view bytes);
  // Syncs the temporary file and renames it over the original.
  [[nodiscard]] std::string commit();
  void discard();

private:
  std::string name_;   // as the user gave it, for messages
  std::string target_; // the file replaced
  std::string temp_;
  int fd_ = -1;

  [[nodiscard]] std::string failure(std::string_view what, int error);
};

} // namespace pss::cli
