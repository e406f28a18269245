// Turning command-line paths into sources: stdin, files, globs, and folders walked in sorted
// order, skipping what .gitignore files and exclude patterns say.
#include "cli/walk.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fnmatch.h>
#include <fstream>
#include <glob.h>
#include <system_error>

#include <fmt/format.h>

#include "cli/output.hpp"

namespace pss::cli {
namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string errno_message(const std::string &name, int error) {
  return name + ": " + std::strerror(error);
}

// The segments of `relative` (a lexically normal relative path), or nothing when it is not
// below the base ("..", or the base itself).
std::optional<std::vector<std::string>> segments_of(const fs::path &relative) {
  std::vector<std::string> segments;
  for (const auto &part : relative) {
    const std::string text = part.string();
    if (text == "..") return std::nullopt;
    if (text.empty() || text == ".") continue;
    segments.push_back(text);
  }
  if (segments.empty()) return std::nullopt;
  return segments;
}

bool has_glob_characters(std::string_view path) {
  return path.find_first_of("*?[") != std::string_view::npos;
}

// The name without a compression suffix: log.jsonl.gz is JSON Lines, read decompressed.
std::string_view without_compression(std::string_view name) {
  for (const std::string_view suffix : {".gz", ".zst"}) {
    if (ends_with(name, suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

bool is_checked_name(std::string_view name) {
  return ends_with(without_compression(name), ".json") || is_lines_name(name);
}

std::string_view kind_of(fs::file_type type) {
  switch (type) {
  case fs::file_type::fifo:
    return "a FIFO";
  case fs::file_type::socket:
    return "a socket";
  case fs::file_type::block:
    return "a block device";
  case fs::file_type::character:
    return "a character device";
  case fs::file_type::symlink:
  case fs::file_type::not_found:
    return "a broken symbolic link";
  default:
    return "not a regular file";
  }
}

} // namespace

PathPatterns::PathPatterns(const fs::path &base, bool anywhere)
    : base_(absolute_path(base)), anywhere_(anywhere) {}

void PathPatterns::add(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#') return;
  Pattern pattern;
  if (line.front() == '!') {
    pattern.negated = true;
    line.remove_prefix(1);
  }
  while (!line.empty() && line.back() == '/') {
    pattern.folder_only = true;
    line.remove_suffix(1);
  }
  pattern.anchored = line.find('/') != std::string_view::npos;
  // A pattern without a slash matches a name at any depth: as if it began with "**/".
  if (!pattern.anchored) pattern.segments.emplace_back("**");
  bool any = false;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find('/', start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view segment = line.substr(start, end - start);
    const bool repeated = segment == "**" && !pattern.segments.empty() &&
                          pattern.segments.back() == "**"; // "**/**" is "**"
    any = any || !segment.empty();
    if (!segment.empty() && !repeated) pattern.segments.emplace_back(segment);
    start = end + 1;
  }
  if (!any) return;
  patterns_.push_back(std::move(pattern));
}

bool PathPatterns::match_segments(const std::vector<std::string> &pattern, std::size_t p,
                                  const std::vector<std::string> &path, std::size_t s) {
  if (p == pattern.size()) return s == path.size();
  if (pattern[p] == "**") {
    for (std::size_t k = s; k <= path.size(); ++k) {
      if (match_segments(pattern, p + 1, path, k)) return true;
    }
    return false;
  }
  return s < path.size() && ::fnmatch(pattern[p].c_str(), path[s].c_str(), FNM_PATHNAME) == 0 &&
         match_segments(pattern, p + 1, path, s + 1);
}

std::optional<bool> PathPatterns::decide(const fs::path &path, bool is_folder) const {
  if (patterns_.empty()) return std::nullopt;
  auto segments = segments_of(path.lexically_relative(base_));
  // Outside the base (a folder named by an absolute path away from the working folder): a
  // pattern without a slash still matches a name at any depth; anchored ones cannot apply.
  const bool outside = !segments;
  if (outside && anywhere_) segments = segments_of(path.relative_path());
  if (!segments) return std::nullopt;
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    if (it->folder_only && !is_folder) continue;
    if (outside && it->anchored) continue;
    if (match_segments(it->segments, 0, *segments, 0)) return !it->negated;
  }
  return std::nullopt;
}

bool PathPatterns::covers(const fs::path &path, bool is_folder) const {
  if (patterns_.empty()) return false;
  auto segments = segments_of(path.lexically_relative(base_));
  fs::path folder = base_;
  if (!segments && anywhere_) {
    segments = segments_of(path.relative_path());
    folder = path.root_path();
  }
  if (!segments) return false;
  for (std::size_t i = 0; i + 1 < segments->size(); ++i) {
    folder /= (*segments)[i];
    if (decide(folder, true) == true) return true;
  }
  return decide(path, is_folder) == true;
}

const fs::path &working_folder() {
  static const fs::path folder = [] {
    std::error_code ec;
    fs::path current = fs::current_path(ec);
    return ec ? fs::path("/") : current;
  }();
  return folder;
}

fs::path absolute_path(const fs::path &path) {
  return (path.is_absolute() ? path : working_folder() / path).lexically_normal();
}

bool is_lines_name(std::string_view name) {
  name = without_compression(name);
  return ends_with(name, ".jsonl") || ends_with(name, ".ndjson");
}

namespace {

// One walk of the command line's paths.
class Walk {
public:
  Walk(const WalkOptions &options, bool &trouble, std::vector<WalkProblem> *problems)
      : options_(options), trouble_(trouble), problems_out_(problems) {}

  void add_path(const std::string &path) {
    if (path == "-") {
      add_stdin();
      return;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec && has_glob_characters(path)) {
      add_glob(path);
      return;
    }
    if (ec) {
      problem(path, errno_message(path, ec.value()));
      return;
    }
    add_existing(path, fs::is_directory(status));
  }

  // Says a problem on stderr and keeps it for the caller: the run is in trouble.
  void problem(std::string path, std::string message) {
    complain(message);
    trouble_ = true;
    if (problems_out_ != nullptr) {
      problems_out_->push_back({Source{path, path}, std::move(message)});
    }
  }

  void add_stdin() {
    if (options_.stdin_name != "<stdin>" && excluded(absolute_path(options_.stdin_name), false)) {
      stdin_excluded_ = true;
      return;
    }
    // The name's suffix decides, as for a file (the default "<stdin>" has none).
    sources_.push_back(Source{options_.stdin_name, "",
                              options_.force_lines || is_lines_name(options_.stdin_name)});
  }

  std::vector<Source> take() { return std::move(sources_); }
  [[nodiscard]] bool stdin_excluded() const { return stdin_excluded_; }

private:
  void add_existing(const std::string &path, bool is_folder) {
    if (!is_folder) {
      // A named file is read whatever it is (a FIFO from <(...) too), unless excluded.
      if (!excluded(absolute_path(path), false)) add_file(path);
      return;
    }
    if (excluded(absolute_path(path), true)) {
      // Nothing to check in it, as for an empty folder (a hook would otherwise pass silently).
      no_file_in(path);
      return;
    }
    walk_root(path);
  }

  // glob(3)'s error callback has no user data: the folders it could not read go here, for the
  // one glob running at a time (the walk runs on the main thread).
  static std::vector<std::string> &glob_errors() {
    static std::vector<std::string> errors;
    return errors;
  }
  static int on_glob_error(const char *path, int error) {
    glob_errors().push_back(errno_message(path, error));
    return 0; // go on: the other folders may still match
  }

  void add_glob(const std::string &pattern) {
    glob_t found{};
    glob_errors().clear();
    const int got = ::glob(pattern.c_str(), 0, on_glob_error, &found);
    std::vector<std::string> paths;
    if (got == 0) paths.assign(found.gl_pathv, found.gl_pathv + found.gl_pathc);
    ::globfree(&found);
    for (const auto &error : glob_errors()) problem(pattern, error);
    if (paths.empty() && glob_errors().empty()) {
      problem(pattern, pattern + ": no file matches this pattern");
      return;
    }
    for (const auto &path : paths) {
      std::error_code ec;
      add_existing(path, fs::is_directory(path, ec));
    }
  }

  void add_file(const std::string &path) {
    sources_.push_back(Source{path, path, options_.force_lines || is_lines_name(path)});
  }

  // Whether an --include pattern takes the file `entry` (named `name`), or the name it has
  // decompressed: `--include '*.log'` also takes a.log.gz and a.log.zst, as the built-in
  // patterns take a.json.gz.
  [[nodiscard]] bool included(const fs::path &entry, std::string_view name) const {
    if (options_.include.covers(entry, false)) return true;
    const std::string_view plain = without_compression(name);
    return plain.size() != name.size() &&
           options_.include.covers(entry.parent_path() / std::string(plain), false);
  }

  [[nodiscard]] bool excluded(const fs::path &absolute, bool is_folder) const {
    return std::any_of(options_.exclude.begin(), options_.exclude.end(),
                       [&](const PathPatterns &p) { return p.covers(absolute, is_folder); });
  }

  // The .gitignore files above the walked folder, from the repository root down: they apply
  // to it too. Outside a repository only the walked folders' own files count.
  void load_parent_ignores(const fs::path &root) {
    std::vector<fs::path> folders;
    std::error_code ec;
    for (fs::path folder = root.parent_path(); !folder.empty(); folder = folder.parent_path()) {
      folders.push_back(folder);
      if (fs::exists(folder / ".git", ec) || folder == folder.root_path()) break;
    }
    if (folders.empty() || !fs::exists(folders.back() / ".git", ec)) return;
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) load_ignore_file(*it);
  }

  // Reads `folder`/.gitignore onto the stack; true when there was one. One that exists but
  // cannot be read is reported (trouble): the walk would otherwise check what it excludes.
  bool load_ignore_file(const fs::path &folder) {
    const fs::path name = folder / ".gitignore";
    errno = 0;
    std::ifstream file(name);
    if (!file) {
      const int error = errno;
      std::error_code ec;
      if (error != ENOENT && error != 0 && fs::exists(name, ec)) {
        problem(shown(name), errno_message(shown(name), error));
        ++problems_;
      }
      return false;
    }
    PathPatterns patterns(folder);
    std::string line;
    while (std::getline(file, line)) patterns.add(line);
    ignores_.push_back(std::move(patterns));
    return true;
  }

  // The deepest .gitignore with an opinion decides, as git does.
  [[nodiscard]] bool ignored(const fs::path &absolute, bool is_folder) const {
    for (auto it = ignores_.rbegin(); it != ignores_.rend(); ++it) {
      if (const auto decision = it->decide(absolute, is_folder)) return *decision;
    }
    return false;
  }

  void walk_root(const std::string &root) {
    const fs::path absolute = absolute_path(root);
    ignores_.clear();
    if (options_.honour_ignores) load_parent_ignores(absolute);
    std::vector<std::string> found;
    const std::size_t problems_before = problems_;
    walk_folder(root, absolute, found);
    // A folder that could not be read was said already; "no file" would only repeat it. A
    // folder whose files are all excluded has no file to check either.
    if (found.empty() && problems_ == problems_before) no_file_in(root);
    std::sort(found.begin(), found.end());
    for (const auto &name : found) add_file(name);
  }

  void no_file_in(const std::string &root) {
    problem(root, fmt::format("{}: no file to check in this folder (*.json, *.jsonl, *.ndjson{})",
                              root, options_.include.empty() ? "" : " or --include"));
  }

  // `absolute` as the user would name it: relative to the working folder when below it.
  static std::string shown(const fs::path &absolute) {
    const fs::path relative = absolute.lexically_relative(working_folder());
    return relative.empty() || relative.begin()->string() == ".." ? absolute.string()
                                                                  : relative.string();
  }

  void walk_folder(const fs::path &folder, const fs::path &absolute,
                   std::vector<std::string> &found) {
    const bool has_ignore_file = options_.honour_ignores && load_ignore_file(absolute);
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const fs::path &path = it->path();
      const std::string name = path.filename().string();
      if (!options_.hidden && name.starts_with('.')) continue;
      const fs::path entry = absolute / name;
      std::error_code type_ec;
      fs::file_type type = it->symlink_status(type_ec).type();
      if (type == fs::file_type::symlink) {
        // A link to a file is followed; a link to a folder is not (it could loop).
        type = it->status(type_ec).type();
        if (type == fs::file_type::directory) continue;
        if (type_ec) type = fs::file_type::not_found;
      }
      if (type == fs::file_type::directory) {
        if (options_.honour_ignores && name == "node_modules") continue;
        if (ignored(entry, true)) continue;
        if (excluded(entry, true)) continue;
        walk_folder(path, entry, found);
        continue;
      }
      if (!is_checked_name(name) && !included(entry, name)) continue;
      if (ignored(entry, false)) continue;
      if (excluded(entry, false)) continue;
      if (type != fs::file_type::regular) {
        problem(path.string(), fmt::format("{}: {}, not read", path.string(), kind_of(type)));
        ++problems_;
        continue;
      }
      found.push_back(path.string());
    }
    if (ec) {
      problem(folder.string(), errno_message(folder.string(), ec.value()));
      ++problems_;
    }
    if (has_ignore_file) ignores_.pop_back();
  }

  const WalkOptions &options_;
  bool &trouble_;
  std::vector<WalkProblem> *problems_out_;
  std::vector<PathPatterns> ignores_; // .gitignore files of the folders being walked
  std::vector<Source> sources_;
  std::size_t problems_ = 0; // entries of the walk reported as trouble
  bool stdin_excluded_ = false;
};

} // namespace

std::vector<Source> expand_paths(const std::vector<std::string> &paths, const WalkOptions &options,
                                 bool &trouble, bool *stdin_excluded,
                                 std::vector<WalkProblem> *problems) {
  Walk walk(options, trouble, problems);
  if (paths.empty()) walk.add_stdin();
  for (const auto &path : paths) walk.add_path(path);
  if (stdin_excluded != nullptr) *stdin_excluded = walk.stdin_excluded();
  return walk.take();
}

} // namespace pss::cli
