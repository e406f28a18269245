// libFuzzer target: fmt's output (pss::format_document) parses, formatting it again gives the
// same bytes (idempotence), and it holds every number literal of the input, as written.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/format.hpp"

namespace {

void collect_numbers(const pss::json::Value &value, std::vector<std::string> &out) {
  if (value.kind == pss::json::Kind::Number) out.push_back(value.text);
  for (const auto &item : value.items) collect_numbers(item, out);
  for (const auto &member : value.members) collect_numbers(member.value, out);
}

std::vector<std::string> sorted_numbers(const pss::json::Value &root) {
  std::vector<std::string> numbers;
  collect_numbers(root, numbers);
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

[[noreturn]] void fail(const char *what, std::string_view output) {
  std::fprintf(stderr, "fmt: %s; output:\n%.*s\n", what, static_cast<int>(output.size()),
               output.data());
  std::abort();
}

// The layouts and orders the CLI offers (`--indent`, `--tab`, `-c`, `-S`, `--canonical`,
// `--naming`, `--redact`), a few combinations each input goes through.
std::vector<pss::FormatOptions> option_sets() {
  std::vector<pss::FormatOptions> sets(5);
  sets[1].compact = true;
  sets[1].sort_keys = true;
  sets[2].tab = true;
  sets[2].canonical = true;
  sets[2].naming = pss::Naming::Sdk;
  sets[3].indent = 0;
  sets[3].canonical = true;
  sets[3].sort_keys = true;
  sets[3].naming = pss::Naming::Wire;
  sets[4].indent = 4;
  sets[4].redact = true;
  return sets;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  const auto parsed = pss::json::parse(text);
  if (parsed.error) return 0; // fmt refuses it before formatting
  static const std::vector<pss::FormatOptions> sets = option_sets();
  const std::vector<std::string> numbers = sorted_numbers(*parsed.value);
  for (const auto &options : sets) {
    const std::string once = pss::format_document(text, options);
    const auto reparsed = pss::json::parse(once);
    if (reparsed.error) fail(("output does not parse: " + reparsed.error->message).c_str(), once);
    const std::string twice = pss::format_document(once, options);
    if (twice != once) fail("formatting the output again changes it", once);
    // Redaction replaces the numbers under secret keys, on purpose.
    if (!options.redact && sorted_numbers(*reparsed.value) != numbers) {
      fail("a number literal changed", once);
    }
  }
  return 0;
}
