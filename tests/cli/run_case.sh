#!/usr/bin/env bash
# Runs one golden CLI case: tests/cli/<command>/<case>/ holds `args` (one argument a line),
# optional `stdin`, optional `env` (VAR=value lines, e.g. COLUMNS=60: none is set otherwise),
# optional `setup` (bash, run in the scratch folder first), and the expected `expected.stdout`, `expected.stderr` and `expected.exit`. The command runs in the repository
# root (or in a scratch folder, named <scratch> in outputs, when `setup` exists). With `setup`,
# an optional `verify` (bash) runs in the scratch folder afterwards; both get ROOT (the
# repository) and PSS (the binary), for checks a single run cannot show (files, pipes, signals).
# An optional `env` holds NAME=VALUE lines for the command (<scratch> and <root> are replaced);
# GITHUB_ACTIONS and GITHUB_WORKSPACE are unset otherwise, so that a CI runner changes nothing.
# PSS_UPDATE_GOLDEN=1 rewrites the expected files from the actual run.
set -u
binary=$1
case_dir=$2
root=$3

args=()
while IFS= read -r line || [ -n "$line" ]; do args+=("$line"); done <"$case_dir/args"
# PSS_TEST_JOBS=N runs check, inspect and fmt with -j N: the output must not depend on it.
if [ -n "${PSS_TEST_JOBS:-}" ] && { [ "${args[0]:-}" = check ] || [ "${args[0]:-}" = inspect ] || [ "${args[0]:-}" = fmt ]; }; then
  args=("${args[0]}" -j "$PSS_TEST_JOBS" "${args[@]:1}")
fi

work=$root
scratch=""
if [ -f "$case_dir/setup" ]; then
  scratch=$(mktemp -d)
  trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
  (cd "$scratch" && ROOT="$root" PSS="$binary" bash "$case_dir/setup") || { echo "setup failed"; exit 1; }
  work=$scratch
fi

out=$(mktemp)
err=$(mktemp)
stdin_file=/dev/null
[ -f "$case_dir/stdin" ] && stdin_file="$case_dir/stdin"
# The output's width comes from COLUMNS off a terminal: none unless the case's `env` sets it.
envs=()
if [ -f "$case_dir/env" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line//<scratch>/$scratch}
    envs+=("${line//<root>/$root}")
  done <"$case_dir/env"
fi
(cd "$work" && env -u NO_COLOR -u FORCE_COLOR -u GITHUB_ACTIONS -u GITHUB_WORKSPACE -u COLUMNS TERM=dumb "${envs[@]}" "$binary" "${args[@]}" <"$stdin_file" >"$out" 2>"$err")
code=$?

# Replace machine-specific paths with placeholders.
normalise() {
  if [ -n "$scratch" ]; then sed -e "s#$scratch#<scratch>#g" -e "s#$root#<root>#g" "$1"; else sed -e "s#$root#<root>#g" "$1"; fi
}
normalise "$out" >"$out.n"
normalise "$err" >"$err.n"

if [ "${PSS_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$out.n" "$case_dir/expected.stdout"
  cp "$err.n" "$case_dir/expected.stderr"
  echo "$code" >"$case_dir/expected.exit"
fi

status=0
if ! diff -u "$case_dir/expected.stdout" "$out.n"; then echo "stdout differs"; status=1; fi
if ! diff -u "$case_dir/expected.stderr" "$err.n"; then echo "stderr differs"; status=1; fi
expected_code=$(cat "$case_dir/expected.exit")
if [ "$code" != "$expected_code" ]; then
  echo "exit code $code, expected $expected_code"
  status=1
fi
if [ -n "$scratch" ] && [ -f "$case_dir/verify" ]; then
  (cd "$scratch" && ROOT="$root" PSS="$binary" bash "$case_dir/verify") || { echo "verify failed"; status=1; }
fi
rm -f "$out" "$err" "$out.n" "$err.n"
exit $status
