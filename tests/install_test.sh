#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: the program, man page (rendered by man without a
# warning), completions (bash and fish: asked to complete; zsh: parsed; each offers every option
# of every command), docs, the core library with its
# headers and CMake package; then docs/examples/embed is configured against that prefix, built
# and run on a session, as another project would.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
prefix=$scratch/prefix
fail() {
  echo "FAIL: $*"
  exit 1
}

cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/pss-inspect share/man/man1/pss-inspect.1 \
  share/bash-completion/completions/pss-inspect share/zsh/vendor-completions/_pss-inspect \
  share/fish/vendor_completions.d/pss-inspect.fish share/doc/pss-inspect/README.md \
  share/doc/pss-inspect/rules.md share/doc/pss-inspect/cli.md \
  share/doc/pss-inspect/examples/embed/main.cpp include/pss_inspect/core/session/check.hpp \
  lib/cmake/pss_inspect/pss_inspect-config.cmake lib/cmake/pss_inspect/pss_inspect-targets.cmake; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
ls "$prefix"/lib*/libpss_core.a >/dev/null 2>&1 || ls "$prefix"/lib/*/libpss_core.a >/dev/null ||
  fail "libpss_core.a not installed"
"$prefix/bin/pss-inspect" --version | grep -q '^pss-inspect ' || fail "installed binary"

# The man page renders, and groff has nothing to warn about.
warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$prefix/share/man/man1/pss-inspect.1" 2>&1 >/dev/null)
[ -z "$warnings" ] || fail "man warnings: $warnings"
MANWIDTH=80 man -l "$prefix/share/man/man1/pss-inspect.1" 2>/dev/null | grep -q -- '--output' ||
  fail "man page lacks --output"

# bash completion: the file sources, completes commands, options and values.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pss_inspect;
           printf "%s\n" "${COMPREPLY[@]}"' _ "$prefix/share/bash-completion/completions/pss-inspect" "$@"
}
[ "$(complete_words pss-inspect ch)" = check ] || fail "bash: ch -> $(complete_words pss-inspect ch)"
complete_words pss-inspect check --fo | grep -qx -- --format || fail "bash: check --fo"
complete_words pss-inspect check --format s | grep -qx sarif || fail "bash: --format s"
complete_words pss-inspect diff --format p | grep -qx patch || fail "bash: diff --format p"
complete_words pss-inspect explain field.e | grep -qx field.enum || fail "bash: explain field.e"
complete_words pss-inspect check --stat | grep -qx -- --statistics || fail "bash: check --stat"
complete_words pss-inspect check --fail-on w | grep -qx warning || fail "bash: --fail-on w"
complete_words pss-inspect he | grep -qx help || fail "bash: he -> help"
complete_words pss-inspect completions z | grep -qx zsh || fail "bash: completions z"
complete_words pss-inspect check --disable pci | grep -qx pci.pan || fail "bash: --disable pci"

# Every long option of every command's --help is offered by the three shells' scripts.
zsh_file=$prefix/share/zsh/vendor-completions/_pss-inspect
fish_file=$prefix/share/fish/vendor_completions.d/pss-inspect.fish
zsh -n "$zsh_file" || fail "zsh: the completion script does not parse"
fish -n "$fish_file" || fail "fish: the completion script does not parse"
for command in inspect check fmt diff explain schema completions; do
  options=$("$prefix/bin/pss-inspect" "$command" --help |
    sed -n '/^Options:/,/^$/p' | grep -oE '^ +(-[A-Za-z],)?--[a-z][a-z-]*' | sed 's/.*--/--/')
  offered_bash=$(complete_words pss-inspect "$command" --)
  offered_fish=$(fish -c "source $fish_file; complete -C 'pss-inspect $command --'" | cut -f1)
  for option in $options; do
    grep -qx -- "$option" <<<"$offered_bash" || fail "bash: $command does not offer $option"
    [ "$option" = --help ] || grep -qx -- "$option" <<<"$offered_fish" ||
      fail "fish: $command does not offer $option"
    grep -qF -e "$option[" -e ",$option}" "$zsh_file" ||
      fail "zsh: no spec for $option"
  done
done
fish -c "source $fish_file; complete -C 'pss-inspect check --format '" | cut -f1 | grep -qx sarif ||
  fail "fish: --format values"
fish -c "source $fish_file; complete -C 'pss-inspect explain pci'" | cut -f1 | grep -qx pci.pan ||
  fail "fish: explain topics"

# Another project finds the package and links pss_inspect::core.
cmake -S "$source/docs/examples/embed" -B "$scratch/embed" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null || fail "configuring the example"
cmake --build "$scratch/embed" >/dev/null || fail "building the example"
"$scratch/embed/check_session" "$source/testdata/examples/apple-pay-succeeded.json" ||
  fail "the example on a valid session"
set +e
out=$("$scratch/embed/check_session" "$source/testdata/examples/broken-session.json")
code=$?
set -e
[ "$code" = 1 ] || fail "the example on a broken session: exit $code"
grep -q 'error\[json.duplicate-key\]' <<<"$out" || fail "the example's findings: $out"
echo "install: all passed"
