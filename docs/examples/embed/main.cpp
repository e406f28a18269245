// check_session FILE: checks one payment service session with pss-inspect's core library and
// prints its findings, one a line; exit 0 when valid, 1 when not, 2 when FILE cannot be read.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "core/session/check.hpp"

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: check_session FILE\n";
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cerr << "check_session: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::ostringstream bytes;
  bytes << file.rdbuf();
  const std::string text = bytes.str();

  pss::Checker checker; // reuse one Checker for many documents
  const pss::Report report = checker.check(text, pss::CheckOptions{});
  for (const pss::Finding &finding : report.findings) {
    std::cout << argv[1] << ":" << finding.position.line << ":" << finding.position.column << ": "
              << pss::severity_name(finding.severity) << "[" << pss::rule_spec(finding.rule).id
              << "]: " << finding.message << "\n";
  }
  return report.valid(false) ? 0 : 1;
}
