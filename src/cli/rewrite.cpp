// Atomic in-place rewrites: temporary file, fchmod, ACL and user.* xattrs, fsync, rename.
#include "cli/rewrite.hpp"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/acl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <acl/libacl.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

namespace pss::cli {
namespace {

// The temporary file to remove if a signal ends the process before commit or discard.
char pending[PATH_MAX];
volatile std::sig_atomic_t armed = 0;

extern "C" void remove_pending_and_die(int signal) {
  if (armed != 0) ::unlink(pending);
  // SA_RESETHAND restored the default action: the signal ends the process once we return.
  ::raise(signal);
}

void install_cleanup_handlers() {
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(signal, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
    struct sigaction action {};
    action.sa_handler = remove_pending_and_die;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal, &action, nullptr);
  }
}

void arm(const std::string &temp) {
  static const bool installed = (install_cleanup_handlers(), true);
  (void)installed;
  armed = 0;
  if (temp.size() >= sizeof pending) return;
  std::memcpy(pending, temp.c_str(), temp.size() + 1);
  armed = 1;
}

void disarm() {
  armed = 0;
}

std::string parent_of(const std::string &path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// A hidden name beside the target that *.json walks never pick up. The base name is cut so
// that a long name still leaves room for the suffix within NAME_MAX.
std::string temp_pattern(const std::string &target) {
  const auto slash = target.rfind('/');
  std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  if (base.size() > 200) base.resize(200);
  std::string dir = parent_of(target);
  if (dir.back() != '/') dir += '/';
  return dir + "." + base + ".pss-fmt-XXXXXX";
}

// Makes the rename durable; the content is already safe, so a failure here changes nothing.
void sync_folder(const std::string &dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// A file system without ACLs or extended attributes: nothing of the kind to read or keep.
bool unsupported(int error) {
  return error == ENOTSUP || error == EOPNOTSUPP;
}

// The list of names (or a value) behind a size-then-read call such as flistxattr, retried
// while the attributes change between the two calls (ERANGE). Returns -1 with errno set.
template <typename Read> ssize_t read_sized(std::vector<char> &buffer, Read read) {
  for (;;) {
    const ssize_t size = read(nullptr, 0);
    if (size <= 0) return size;
    buffer.resize(static_cast<std::size_t>(size));
    const ssize_t got = read(buffer.data(), buffer.size());
    if (got >= 0 || errno != ERANGE) return got;
  }
}

struct AclFree {
  void operator()(void *acl) const { ::acl_free(acl); }
};

} // namespace

FileStamp FileStamp::of(const struct stat &info) {
  return FileStamp{info.st_dev, info.st_ino, info.st_size, info.st_mtim, info.st_ctim};
}

std::optional<FileStamp> FileStamp::of(const std::string &path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return of(info);
}

bool FileStamp::operator==(const FileStamp &other) const {
  const auto same = [](const timespec &a, const timespec &b) {
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
  };
  return device == other.device && inode == other.inode && size == other.size &&
         same(modified, other.modified) && same(changed, other.changed);
}

Rewrite::~Rewrite() {
  discard();
}

std::string Rewrite::failure(std::string_view what, int error) {
  discard();
  return fmt::format("{}: not rewritten: {}: {} (the file is unchanged)", name_, what,
                     std::strerror(error));
}

std::string Rewrite::start(const std::string &path, bool create) {
  discard();
  name_ = path;
  target_ = path;
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) {
    // Renaming over the link would replace the link itself with a plain file.
    char *real = ::realpath(path.c_str(), nullptr);
    if (real == nullptr) return failure("resolving the symbolic link", errno);
    target_ = real;
    std::free(real);
  }
  const bool existed = ::stat(target_.c_str(), &info) == 0;
  if (!existed) {
    if (!create || errno != ENOENT) return failure("reading its permissions", errno);
    const mode_t mask = ::umask(0); // read it: umask has no getter
    ::umask(mask);
    info.st_mode = 0666 & ~mask;
    info.st_uid = ::geteuid();
    info.st_gid = ::getegid();
  }
  temp_ = temp_pattern(target_);
  // No signal between creating the temporary file and arming its removal: it would be left.
  sigset_t block;
  sigset_t previous;
  sigemptyset(&block);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, signal);
  ::sigprocmask(SIG_BLOCK, &block, &previous);
  fd_ = ::mkostemp(temp_.data(), O_CLOEXEC);
  const int error = errno;
  if (fd_ >= 0) arm(temp_);
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  if (fd_ < 0) {
    temp_.clear();
    return failure("creating a temporary file in " + parent_of(target_), error);
  }
  // Keep the owner where we may (root); otherwise the file becomes ours, as with any editor.
  if (info.st_uid != ::geteuid() || info.st_gid != ::getegid()) {
    [[maybe_unused]] const int kept = ::fchown(fd_, info.st_uid, info.st_gid);
  }
  // After fchown, which clears set-user-ID bits.
  if (::fchmod(fd_, info.st_mode & 07777) != 0) return failure("setting its permissions", errno);
  if (existed) return keep_acl_and_xattrs();
  return "";
}

std::string Rewrite::keep_acl_and_xattrs() {
  const int original = ::open(target_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (original < 0) return failure("reading its ACL and extended attributes", errno);
  std::string error = keep_acl(original);
  if (error.empty()) error = keep_user_xattrs(original);
  ::close(original);
  return error;
}

// POSIX.1e access ACL (acl(5)). Set even when it only mirrors the mode: the temporary file may
// have inherited entries from the folder's default ACL that the original does not have.
std::string Rewrite::keep_acl(int original) {
  const std::unique_ptr<void, AclFree> acl(::acl_get_fd(original));
  if (acl == nullptr) {
    if (unsupported(errno)) return "";
    return failure("reading its access control list (ACL)", errno);
  }
  if (::acl_set_fd(fd_, static_cast<acl_t>(acl.get())) == 0) return "";
  const int error = errno;
  // A minimal ACL is the mode, which fchmod already kept.
  if (::acl_equiv_mode(static_cast<acl_t>(acl.get()), nullptr) == 0) return "";
  return failure("keeping its access control list (ACL) on the temporary file", error);
}

// Extended attributes in the user namespace (xattr(7)); the others belong to the system
// (ACLs above, security labels) or need privileges.
std::string Rewrite::keep_user_xattrs(int original) {
  std::vector<char> names;
  const ssize_t size = read_sized(names, [original](char *buffer, std::size_t length) {
    return ::flistxattr(original, buffer, length);
  });
  if (size < 0) {
    if (unsupported(errno)) return "";
    return failure("listing its extended attributes", errno);
  }
  std::vector<char> value;
  for (std::size_t at = 0; at < static_cast<std::size_t>(size);) {
    const std::string name(names.data() + at);
    at += name.size() + 1;
    if (name.rfind("user.", 0) != 0) continue;
    const ssize_t length = read_sized(value, [&](char *buffer, std::size_t length) {
      return ::fgetxattr(original, name.c_str(), buffer, length);
    });
    if (length < 0) {
      if (errno == ENODATA) continue; // removed since the listing
      return failure("reading its extended attribute " + name, errno);
    }
    if (::fsetxattr(fd_, name.c_str(), value.data(), static_cast<std::size_t>(length), 0) != 0)
      return failure("keeping its extended attribute " + name + " on the temporary file", errno);
  }
  return "";
}

std::string Rewrite::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return failure("writing the temporary file", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return "";
}

std::string Rewrite::copy_original(std::size_t length) {
  const int original = ::open(target_.c_str(), O_RDONLY | O_CLOEXEC);
  if (original < 0) return failure("reading it again", errno);
  std::vector<char> buffer(std::min<std::size_t>(length, std::size_t{1} << 20));
  std::string error;
  for (std::size_t at = 0; at < length && error.empty();) {
    const ssize_t got = ::pread(original, buffer.data(), std::min(buffer.size(), length - at),
                                static_cast<off_t>(at));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = failure("reading it again", errno);
    } else if (got == 0) {
      discard();
      error = name_ + ": changed while being formatted; not rewritten";
    } else {
      error = write(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
      at += static_cast<std::size_t>(got);
    }
  }
  ::close(original);
  return error;
}

std::string Rewrite::commit(const std::optional<FileStamp> &read_as) {
  // Renaming would drop what another program wrote meanwhile (an appended log line, an edit).
  if (read_as && FileStamp::of(target_) != read_as) {
    discard();
    return name_ + ": changed while being formatted; not rewritten";
  }
  if (::fsync(fd_) != 0) return failure("syncing the temporary file", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return failure("closing the temporary file", errno);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) return failure("replacing the file", errno);
  disarm();
  temp_.clear();
  sync_folder(parent_of(target_));
  return "";
}

void Rewrite::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
  disarm();
}

} // namespace pss::cli
