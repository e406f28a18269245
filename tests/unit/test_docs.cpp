// The documentation is derived from the code's tables: keep them in step.

#include <doctest/doctest.h>

#include "support.hpp"

#include "core/session/fields.hpp"
#include "core/session/rules.hpp"

using namespace pss;

TEST_CASE("docs/rules.md lists every rule with its severity, summary and failing example") {
  const std::string doc = pss::test::read_file(std::string(PSS_DOCS_DIR) + "/rules.md");
  REQUIRE_FALSE(doc.empty());
  for (const auto &rule : rules()) {
    CAPTURE(rule.id);
    CHECK(doc.find("## " + std::string(rule.id) + "\n") != std::string::npos);
    CHECK(doc.find("Severity: **" + std::string(severity_name(rule.severity)) + "**. " +
                   std::string(rule.summary)) != std::string::npos);
    CHECK(doc.find(std::string(rule.bad)) != std::string::npos);
  }
}

TEST_CASE("docs/cli.md names every option of check") {
  const std::string doc = pss::test::read_file(std::string(PSS_DOCS_DIR) + "/cli.md");
  for (const auto option :
       {"--naming",    "--strict",       "--lines",  "--format",         "--color",
        "--quiet",     "--jobs",         "-qq",      "--fail-on",        "--disable",
        "--enable",    "--severity",     "--config", "--no-config",      "--exclude",
        "--include",   "--no-ignore",    "--hidden", "--stdin-filename", ".pss-inspect.toml",
        "FORCE_COLOR", "help [COMMAND]", "-V",       "--max-findings"}) {
    CAPTURE(option);
    CHECK(doc.find(option) != std::string::npos);
  }
}

TEST_CASE("docs/fmt.md names every option of fmt and its escaping choice") {
  const std::string doc = pss::test::read_file(std::string(PSS_DOCS_DIR) + "/fmt.md");
  REQUIRE_FALSE(doc.empty());
  for (const auto option :
       {"--indent", "--tab", "--compact", "--sort-keys", "--canonical", "--naming", "--redact",
        "--lines", "--strict", "--check", "--write", "--color", "NO_COLOR", "\\u2028"}) {
    CAPTURE(option);
    CHECK(doc.find(option) != std::string::npos);
  }
}
