// The frame around the documents' output, for the formats that make one document of a run.
#include "cli/output.hpp"
#include "cli/report.hpp"

#include <cstdlib>
#include <unistd.h>

namespace pss::cli {

Format resolve_format(std::optional<Format> asked, bool to_file) {
  if (asked) return *asked;
  const char *actions = std::getenv("GITHUB_ACTIONS");
  const bool in_actions = actions != nullptr && std::string_view(actions) == "true";
  return in_actions && !to_file && ::isatty(1) != 1 ? Format::Github : Format::Text;
}

Frame::Frame(Format format, const Repository &repository)
    : format_(format), repository_(repository) {}

bool Frame::open() {
  if (opened_) return true;
  opened_ = true;
  if (format_ == Format::Sarif) return write_out(sarif_head(repository_));
  if (format_ == Format::Junit) {
    return write_out(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pss-inspect\">\n");
  }
  return true;
}

bool Frame::close_suite() {
  if (suite_ == nullptr) return true;
  const bool ok = write_out(junit_suite(*suite_, repository_, suite_tally_, cases_, suite_error_));
  suite_ = nullptr;
  cases_.clear();
  suite_tally_ = Tally{};
  suite_error_.clear();
  return ok;
}

bool Frame::add(const Source &source, std::string_view out, const Tally &tally) {
  if (!open()) return false;
  switch (format_) {
  case Format::Sarif:
    if (out.empty()) return true;
    if (first_result_) {
      out.remove_prefix(1); // the separator before the first result
      first_result_ = false;
    }
    return write_out(out);
  case Format::Junit:
    if (suite_ != &source && !close_suite()) return false;
    suite_ = &source;
    cases_.append(out);
    suite_tally_.merge(tally);
    return true;
  default:
    return out.empty() || write_out(out);
  }
}

bool Frame::trouble(const Source &source, std::string_view message) {
  if (!open()) return false;
  if (format_ == Format::Sarif) {
    notifications_.push_back(sarif_notification(source, repository_, message));
  } else if (format_ == Format::Junit) {
    if (suite_ != &source && !close_suite()) return false;
    suite_ = &source;
    suite_error_ = message;
  }
  return true;
}

bool Frame::finish(bool trouble) {
  if (!open()) return false;
  if (format_ == Format::Sarif) return write_out(sarif_tail(!trouble, notifications_));
  if (format_ == Format::Junit) return close_suite() && write_out("</testsuites>\n");
  return true;
}

} // namespace pss::cli
