// Rewriting a file in place, atomically: the original stays intact until the new content is
// complete and synced, whatever fails or kills the process on the way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>

namespace pss::cli {

// What tells that a file changed without reading it again: a write, a truncation or a rename
// over it changes its size, its inode or its modification or status-change time (stat(2); the
// times at the file system's granularity).
struct FileStamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  struct timespec modified {};
  struct timespec changed {};

  [[nodiscard]] static FileStamp of(const struct stat &info);
  // The stamp of the file at `path` (followed if a symbolic link); nothing when stat fails.
  [[nodiscard]] static std::optional<FileStamp> of(const std::string &path);
  [[nodiscard]] bool operator==(const FileStamp &other) const;
};

// New content goes to a temporary file beside the original (same folder, so rename is atomic),
// which takes the original's mode, owner, POSIX ACL and user.* extended attributes and replaces
// it only on commit(); when the ACL or an attribute cannot be kept (e.g. ENOTSUP), start()
// fails rather than drop it. Anything else
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
  // Appends the original's first `length` bytes to the temporary file, as they are (a part
  // already known to be unchanged). Fails, naming the file, when it is now shorter.
  [[nodiscard]] std::string copy_original(std::size_t length);
  // Syncs the temporary file and renames it over the original. With `read_as`, the stamp the
  // original had before it was read: if it differs now (the file changed while the new content
  // was made from it), the temporary file is discarded instead and the message says so.
  [[nodiscard]] std::string commit(const std::optional<FileStamp> &read_as = std::nullopt);
  void discard();

private:
  std::string name_;   // as the user gave it, for messages
  std::string target_; // the file replaced
  std::string temp_;
  int fd_ = -1;

  [[nodiscard]] std::string failure(std::string_view what, int error);
  // Copy from the original (opened read-only) to the temporary file; "" or a failure() message.
  [[nodiscard]] std::string keep_acl_and_xattrs();
  [[nodiscard]] std::string keep_acl(int original);
  [[nodiscard]] std::string keep_user_xattrs(int original);
};

} // namespace pss::cli
