// The exit codes of pss-inspect, documented in --help, README.md and docs/cli.md.
#pragma once

namespace pss::cli {

inline constexpr int exit_ok = 0;      // every document valid (diff: equal; fmt --check: formatted)
inline constexpr int exit_invalid = 1; // some document invalid (diff: different; fmt --check: not)
inline constexpr int exit_trouble = 2; // usage error, unreadable input, failed write

} // namespace pss::cli
