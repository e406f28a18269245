// The words of an option with a closed set of values (--color auto|always|never) and the typed
// value each stands for: one table per option, read by CLI11 while parsing and by messages that
// name the value again, so that no command compares words after parsing.
#pragma once

#include <optional>
#include <string_view>

namespace pss::cli {

// One word of an option and the value it stands for.
template <typename T> struct Choice {
  std::string_view word;
  T value;
};

// The value `word` stands for in `choices` (a range of Choice), or nothing when it is none of
// them.
template <typename Choices>
[[nodiscard]] constexpr auto value_of(const Choices &choices, std::string_view word)
    -> std::optional<decltype(choices.begin()->value)> {
  for (const auto &choice : choices) {
    if (choice.word == word) return choice.value;
  }
  return std::nullopt;
}

// The word that stands for `value` in `choices`, or "" when none does.
template <typename Choices, typename T>
[[nodiscard]] constexpr std::string_view word_of(const Choices &choices, const T &value) {
  for (const auto &choice : choices) {
    if (choice.value == value) return choice.word;
  }
  return {};
}

} // namespace pss::cli
