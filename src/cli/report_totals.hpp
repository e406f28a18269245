// Turning totals over many documents into bytes: inspect's aggregate report and check's
// --statistics, each as text or as one JSON object (documented in docs/cli.md, "Logs").
#pragma once

#include <span>
#include <string>

#include "cli/terminal.hpp"
#include "cli/walk.hpp"
#include "core/session/stats.hpp"

namespace pss::cli {

// `inputs` names the files that FirstSeen::input indexes. In text, every line fits `width`
// display columns (0: no limit): long values are cut, marked with "...", never wrapped.
[[nodiscard]] std::string format_totals_text(const Totals &totals, std::span<const Source> inputs,
                                             const Palette &palette, std::size_t width);
[[nodiscard]] std::string format_totals_json(const Totals &totals, std::span<const Source> inputs);

// check --statistics: findings per rule, most findings first.
[[nodiscard]] std::string format_statistics_text(const Totals &totals,
                                                 std::span<const Source> inputs, std::size_t width);
[[nodiscard]] std::string format_statistics_json(const Totals &totals,
                                                 std::span<const Source> inputs);

} // namespace pss::cli
