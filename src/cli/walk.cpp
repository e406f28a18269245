// Turning command-line paths into sources: stdin, files, and folders walked in sorted order.
#include "cli/walk.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

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

} // namespace

bool is_lines_name(std::string_view name) {
  return ends_with(name, ".jsonl") || ends_with(name, ".ndjson");
}

std::vector<Source> expand_paths(const std::vector<std::string> &paths, bool force_lines,
                                 bool &trouble) {
  std::vector<Source> sources;
  if (paths.empty()) {
    sources.push_back(Source{"<stdin>", "", force_lines});
    return sources;
  }
  for (const auto &path : paths) {
    if (path == "-") {
      sources.push_back(Source{"<stdin>", "", force_lines});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec) {
      complain(errno_message(path, ec.value()));
      trouble = true;
      continue;
    }
    if (!fs::is_directory(status)) {
      sources.push_back(Source{path, path, force_lines || is_lines_name(path)});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto name = it->path().string();
      if ((ends_with(name, ".json") || is_lines_name(name)) && !it->is_directory(ec)) {
        found.push_back(name);
      }
    }
    if (ec) {
      complain(errno_message(path, ec.value()));
      trouble = true;
    }
    std::sort(found.begin(), found.end());
    for (auto &name : found) {
      const bool lines = force_lines || is_lines_name(name);
      sources.push_back(Source{name, name, lines});
    }
  }
  return sources;
}

} // namespace pss::cli
