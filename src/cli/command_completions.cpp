// completions: shell completion scripts (bash, zsh, fish) made from the command line's own
// definition, so that they offer exactly the commands, options and values pss-inspect has. The
// build writes them for installation; a user without the package can write them too.

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/session/fields.hpp"
#include "core/session/rules.hpp"

namespace pss::cli {
namespace {

// What a shell needs to know of one option.
struct OptionSpec {
  std::vector<std::string> shorts; // "o" for -o
  std::vector<std::string> longs;  // "output" for --output
  std::string help;                // its first sentence
  bool takes_value = false;
  std::vector<std::string> choices; // its values, when it has a closed set
  bool file = false;                // its value is a path
  bool repeatable = false;
};

struct CommandInfo {
  std::string name;
  std::string summary;
  std::vector<OptionSpec> options;
  // What the positional arguments are: paths, or the topics of explain.
  std::vector<std::string> topics; // empty: paths
};

// The help text without its parenthesised asides, up to its first ';': short enough for a
// completion menu ("Colour: auto (on a terminal, ...), always, never" -> "Colour: auto, always,
// never").
std::string short_help(const std::string &description) {
  std::string help;
  int depth = 0;
  for (const char c : description) {
    if (c == '(') ++depth;
    if (depth == 0) {
      if (c == ';') break;
      help += c;
    }
    if (c == ')' && depth > 0) --depth;
  }
  std::string tidy; // no double spaces, nor a space before a comma, where an aside was
  for (const char c : help) {
    if ((c == ' ' || c == ',' || c == '.') && !tidy.empty() && tidy.back() == ' ') tidy.pop_back();
    tidy += c;
  }
  while (!tidy.empty() && (tidy.back() == ' ' || tidy.back() == ':')) tidy.pop_back();
  return tidy;
}

// CLI11 writes a closed set of values into the type name: "TEXT:{auto,wire,sdk}".
std::vector<std::string> choices_of(const std::string &type_name) {
  std::vector<std::string> choices;
  const auto open = type_name.find('{');
  const auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::string item;
  for (const char c : type_name.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      choices.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) choices.push_back(item);
  return choices;
}

std::vector<CommandInfo> describe(const CLI::App &root) {
  std::vector<CommandInfo> commands;
  std::vector<std::string> topics;
  for (const auto &field : fields()) {
    topics.emplace_back(field.wire);
    if (field.has_two_spellings()) topics.emplace_back(field.sdk);
  }
  std::vector<std::string> rule_ids;
  for (const auto &rule : rules()) rule_ids.emplace_back(rule.id);
  topics.insert(topics.end(), rule_ids.begin(), rule_ids.end());
  for (const auto *sub : root.get_subcommands([](const CLI::App *) { return true; })) {
    if (sub->get_group().empty()) continue; // hidden, as this command is
    CommandInfo info{sub->get_name(), sub->get_description(), {}, {}};
    if (info.name == "explain") info.topics = topics;
    for (const auto *opt : sub->get_options()) {
      if (opt->get_positional()) {
        // A positional with a closed set of values (completions' shell) completes to them.
        const auto choices = choices_of(opt->get_type_name());
        if (!choices.empty()) info.topics = choices;
        continue;
      }
      OptionSpec spec;
      for (const auto &name : opt->get_snames()) spec.shorts.push_back(name);
      for (const auto &name : opt->get_lnames()) spec.longs.push_back(name);
      spec.help = short_help(opt->get_description());
      spec.takes_value = opt->get_items_expected_max() > 0;
      spec.choices = choices_of(opt->get_type_name());
      // Rule control takes rule ids (a family prefix works too, but ids are what people type).
      if (spec.longs.size() == 1 && (spec.longs[0] == "disable" || spec.longs[0] == "enable")) {
        spec.choices = rule_ids;
      }
      spec.file = opt->get_type_name() == "FILE";
      spec.repeatable = opt->get_expected_max() > 1;
      info.options.push_back(std::move(spec));
    }
    commands.push_back(std::move(info));
  }
  // `help [COMMAND]` (main.cpp) is a command too.
  CommandInfo help{"help", "Show the help of pss-inspect or of a command", {}, {}};
  for (const auto &command : commands) help.topics.push_back(command.name);
  commands.push_back(std::move(help));
  return commands;
}

std::string join(const std::vector<std::string> &words, std::string_view separator = " ") {
  std::string out;
  for (const auto &word : words) {
    if (!out.empty()) out += separator;
    out += word;
  }
  return out;
}

std::vector<std::string> flags_of(const OptionSpec &spec) {
  std::vector<std::string> flags;
  for (const auto &name : spec.shorts) flags.push_back("-" + name);
  for (const auto &name : spec.longs) flags.push_back("--" + name);
  return flags;
}

// Text inside single quotes of the three shells: ' is written as '\''.
std::string single_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string bash_script(const std::vector<CommandInfo> &commands) {
  std::vector<std::string> names;
  for (const auto &command : commands) names.push_back(command.name);
  std::string out =
      fmt::format(R"(# bash completion for pss-inspect (written by `pss-inspect completions bash`)
_pss_inspect() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD - 1]}} cmd="" i
  local commands="{}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case " $commands " in *" ${{COMP_WORDS[i]}} "*) cmd=${{COMP_WORDS[i]}}; break ;; esac
  done
  local options="" topics="" values="" takes=""
  case "$cmd" in
  "") options="$commands -h --help -V --version" ;;
)",
                  join(names));
  for (const auto &command : commands) {
    std::vector<std::string> all;
    std::vector<std::string> with_value;
    for (const auto &option : command.options) {
      for (const auto &flag : flags_of(option)) {
        all.push_back(flag);
        if (option.takes_value) with_value.push_back(flag);
      }
    }
    out += fmt::format("  {})\n    options={}\n    takes={}\n", command.name,
                       single_quoted(join(all)), single_quoted(" " + join(with_value) + " "));
    if (!command.topics.empty())
      out += fmt::format("    topics={}\n", single_quoted(join(command.topics)));
    out += "    case \"$prev\" in\n";
    for (const auto &option : command.options) {
      if (option.choices.empty()) continue;
      out += fmt::format("    {}) values={} ;;\n", join(flags_of(option), " | "),
                         single_quoted(join(option.choices)));
    }
    out += "    esac ;;\n";
  }
  out += R"(  esac
  if [ -n "$values" ]; then
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  elif [ -n "$cmd" ] && [[ "$takes" == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ "$cur" == -* || -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    [ -n "$cmd" ] || [[ "$cur" == -* ]] || COMPREPLY+=($(compgen -f -- "$cur"))
  elif [ -n "$topics" ]; then
    COMPREPLY=($(compgen -W "$topics" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _pss_inspect pss-inspect
)";
  return out;
}

// zsh's _arguments specs: '(-o --output)'{-o,--output}'[help]:value:action'.
std::string zsh_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    if (c == '\'') {
      out += "'\\''";
      continue;
    }
    out += c;
  }
  return out;
}

std::string zsh_spec(const OptionSpec &option) {
  const auto flags = flags_of(option);
  std::string tail = "[" + zsh_escape(option.help) + "]";
  if (option.takes_value) {
    const std::string what = option.longs.empty() ? "value" : option.longs.front();
    tail += ":" + what + ":";
    if (!option.choices.empty()) {
      tail += "(" + join(option.choices) + ")";
    } else if (option.file) {
      tail += "_files";
    }
  }
  std::string spec = option.repeatable ? "'*'" : "";
  if (flags.size() == 1) return spec + "'" + flags.front() + tail + "'";
  return (option.repeatable ? "'*'" : "'(" + join(flags) + ")'") + "{" + join(flags, ",") + "}'" +
         tail + "'";
}

std::string zsh_script(const std::vector<CommandInfo> &commands) {
  std::string out = R"(#compdef pss-inspect
# zsh completion for pss-inspect (written by `pss-inspect completions zsh`)
_pss-inspect() {
  local -a commands
  commands=(
)";
  for (const auto &command : commands) {
    out += "    " + single_quoted(command.name + ":" + command.summary) + "\n";
  }
  out += R"(  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'pss-inspect command' commands
    _files
    return
  fi
  local command=$words[2]
  shift words
  (( CURRENT-- ))
  case $command in
)";
  for (const auto &command : commands) {
    out += "  " + command.name + ")\n    _arguments -s \\\n";
    for (const auto &option : command.options) out += "      " + zsh_spec(option) + " \\\n";
    if (command.topics.empty()) {
      out += "      '*:path:_files' ;;\n";
    } else {
      out += "      '1:topic:(" + join(command.topics) + ")' ;;\n";
    }
  }
  out += R"(  *) _files ;;
  esac
}

_pss-inspect "$@"
)";
  return out;
}

std::string fish_script(const std::vector<CommandInfo> &commands) {
  std::vector<std::string> names;
  for (const auto &command : commands) names.push_back(command.name);
  std::string out =
      fmt::format(R"(# fish completion for pss-inspect (written by `pss-inspect completions fish`)
set -l commands {}
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Print the version'
complete -c pss-inspect -s h -l help -d 'Print help'
)",
                  join(names));
  for (const auto &command : commands) {
    out += fmt::format("complete -c pss-inspect -n \"not __fish_seen_subcommand_from $commands\" "
                       "-f -a {} -d {}\n",
                       command.name, single_quoted(command.summary));
  }
  for (const auto &command : commands) {
    const std::string when = single_quoted("__fish_seen_subcommand_from " + command.name);
    out += "\n# " + command.name + "\n";
    for (const auto &option : command.options) {
      if (option.longs.size() == 1 && option.longs.front() == "help") continue;
      std::string line = "complete -c pss-inspect -n " + when;
      for (const auto &name : option.shorts) line += " -s " + name;
      for (const auto &name : option.longs) line += " -l " + name;
      if (!option.choices.empty()) {
        line += " -x -a " + single_quoted(join(option.choices));
      } else if (option.file) {
        line += " -r -F";
      } else if (option.takes_value) {
        line += " -x";
      }
      out += line + " -d " + single_quoted(option.help) + "\n";
    }
    if (!command.topics.empty()) {
      out += "complete -c pss-inspect -n " + when + " -f -a " +
             single_quoted(join(command.topics)) + "\n";
    }
  }
  return out;
}

} // namespace

void add_completions_options(CLI::App &command, CompletionsArgs &args) {
  add_choice_option(command, "shell", args.shell, shell_choices, "bash, zsh or fish", false)
      ->required();
  args.program = command.get_parent();
}

int run_completions(const CompletionsArgs &args) {
  const auto commands = describe(*args.program);
  switch (args.shell) {
  case Shell::Bash:
    write_out(bash_script(commands));
    break;
  case Shell::Zsh:
    write_out(zsh_script(commands));
    break;
  case Shell::Fish:
    write_out(fish_script(commands));
    break;
  }
  return finish_output(exit_ok);
}

} // namespace pss::cli
