// The github format (workflow commands that GitHub Actions shows as annotations), and the
// repository-relative paths that every CI format uses.
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "cli/report.hpp"
#include "core/json/text.hpp"

namespace pss::cli {
namespace {

namespace fs = std::filesystem;

// Workflow command data: %, CR and LF escaped; properties also escape ':' and ','.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// A named stdin (--stdin-filename) is placed like a file.
bool is_stdin(const Source &source) {
  return source.path.empty() && source.name == "<stdin>";
}

std::string_view without_dot_slash(std::string_view name) {
  while (name.size() > 2 && name.substr(0, 2) == "./") {
    name.remove_prefix(2);
    while (name.size() > 1 && name[0] == '/') name.remove_prefix(1);
  }
  return name;
}

} // namespace

Repository Repository::find() {
  Repository repository;
  std::error_code error;
  repository.cwd = fs::current_path(error).string();
  const char *workspace = std::getenv("GITHUB_WORKSPACE");
  if (workspace != nullptr && *workspace != '\0') {
    // The runner's checkout; resolved like the working folder, whose name has no symbolic link.
    const fs::path root = fs::weakly_canonical(fs::absolute(workspace, error), error);
    if (!error) repository.root = root.lexically_normal().string();
  } else if (!repository.cwd.empty()) {
    // The git top level, found without running git: `.git` is a folder, or a file in a worktree
    // or submodule.
    for (fs::path at = repository.cwd;; at = at.parent_path()) {
      if (fs::exists(fs::symlink_status(at / ".git", error))) {
        repository.root = at.string();
        break;
      }
      if (at == at.parent_path()) break;
    }
  }
  while (repository.root.size() > 1 && repository.root.back() == '/') repository.root.pop_back();
  return repository;
}

std::string Repository::absolute(const Source &source) const {
  if (is_stdin(source)) return "";
  fs::path path(source.name);
  if (path.is_relative()) path = fs::path(cwd) / path;
  return path.lexically_normal().string();
}

std::optional<std::string> Repository::inside(const Source &source) const {
  if (is_stdin(source) || root.empty() || cwd.empty()) return std::nullopt;
  const fs::path path = fs::path(absolute(source)).lexically_relative(root);
  if (path.empty() || *path.begin() == ".." || path == ".") return std::nullopt;
  return path.generic_string();
}

std::string Repository::relative(const Source &source) const {
  if (is_stdin(source)) return source.name;
  if (auto path = inside(source)) return *path;
  return std::string(without_dot_slash(source.name));
}

std::string format_github(const Checked &doc, const Repository &repository) {
  std::string out;
  // GitHub's escapes first (a newline is %0A, so the annotation names the real file), then the
  // display escapes for what is left that a log could render (ESC, BEL, tab).
  const std::string file = escape_for_display(escape(repository.relative(doc.source), true));
  for (const auto &finding : doc.report.findings) {
    const Position at = shift(finding.position, doc.origin);
    const auto id = rule_spec(finding.rule).id;
    fmt::format_to(std::back_inserter(out), "::{} file={},line={},col={},title={}::{}\n",
                   finding.severity == Severity::Error ? "error" : "warning", file, at.line,
                   at.column, escape(id, true), escape(finding.message, false));
  }
  return out;
}

std::string format_github_summary(std::string_view summary) {
  return fmt::format("::notice title=pss-inspect::{}\n", escape(summary, false));
}

} // namespace pss::cli
