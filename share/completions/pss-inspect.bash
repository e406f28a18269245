# bash completion for pss-inspect: commands, each command's options and their values, paths.
_pss_inspect() {
  local cur prev cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="inspect check fmt diff explain schema"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case " $commands " in *" ${COMP_WORDS[i]} "*) cmd=${COMP_WORDS[i]}; break ;; esac
  done

  case "$prev" in
  --format)
    case "$cmd" in
    diff) COMPREPLY=($(compgen -W "text json patch" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "text json github sarif junit" -- "$cur")) ;;
    esac
    return ;;
  --naming)
    case "$cmd" in
    fmt) COMPREPLY=($(compgen -W "keep wire sdk" -- "$cur")) ;;
    schema) COMPREPLY=($(compgen -W "wire sdk" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "auto wire sdk" -- "$cur")) ;;
    esac
    return ;;
  --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
  -o | --output | --ignore-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  -j | --jobs | --indent | --ignore | --array-key | --key) return ;;
  esac

  local common="-h --help"
  local check="--lines --naming --strict --format -o --output --color -j --jobs"
  local options
  case "$cmd" in
  "") options="$commands --help --version" ;;
  inspect) options="$common $check" ;;
  check) options="$common $check -q --quiet" ;;
  fmt) options="$common --indent --tab -c --compact -S --sort-keys --canonical --naming --redact
    --lines --strict --check --write --color -j --jobs" ;;
  diff) options="$common --format --ignore --ignore-file --array-key --exact-numbers
    --null-equals-missing --lines --key --redact --color" ;;
  explain) options="$common" ;;
  schema) options="$common --naming --strict" ;;
  esac
  if [[ "$cur" == -* || -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    [ -n "$cmd" ] || [[ "$cur" == -* ]] || COMPREPLY+=($(compgen -f -- "$cur"))
  elif [ "$cmd" = explain ]; then
    COMPREPLY=($(compgen -W "type status code status_code response_body json.syntax json.depth
      json.duplicate-key session.not-object field.type field.enum naming.conflict field.unknown
      naming.mixed status-code.range session.failed-without-code session.succeeded-with-code
      session.status-mismatch session.missing-status pci.pan" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _pss_inspect pss-inspect
