#!/usr/bin/env bash
# Output streams: a reader that goes away ends pss-inspect quietly; a full disk is exit 2.
# Usage: streams_test.sh PSS_INSPECT_BINARY REPO_ROOT
set -u
bin=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# 20,000 sessions with a warning each, enough to fill any pipe buffer several times over.
line='{"type":"payment-service-session","status":"failed","code":null,"status_code":502}'
for _ in $(seq 1 20000); do echo "$line"; done >"$work/big.jsonl"

for format in json text github; do
  "$bin" check --format "$format" "$work/big.jsonl" 2>"$work/err" | head -1 >/dev/null
  code=${PIPESTATUS[0]}
  [ "$code" -le 1 ] || fail "check --format $format | head -1 exited $code"
  [ ! -s "$work/err" ] || fail "check --format $format | head -1 wrote to stderr: $(cat "$work/err")"
done

"$bin" inspect --each "$work/big.jsonl" 2>"$work/err" | head -1 >/dev/null
code=${PIPESTATUS[0]}
[ "$code" -le 1 ] || fail "inspect --each | head -1 exited $code"
[ ! -s "$work/err" ] || fail "inspect --each | head -1 wrote to stderr: $(cat "$work/err")"

if [ -w /dev/full ]; then
  "$bin" check --format json "$work/big.jsonl" >/dev/full 2>"$work/err"
  code=$?
  [ "$code" = 2 ] || fail "check >/dev/full exited $code, expected 2"
  grep -q "error writing output: No space left on device" "$work/err" || fail "no message for a full disk: $(cat "$work/err")"
  "$bin" schema >/dev/full 2>"$work/err"
  [ $? = 2 ] || fail "schema >/dev/full did not exit 2"
fi
# A closed or full stderr, or one whose reader has gone, is exit 2, never an abort (134).
valid=$root/testdata/valid/big-integer.json
invalid=$root/testdata/json.syntax/backslash-at-end-of-input.json
expect_exit() { # expected-code description command...
  local want=$1 what=$2
  shift 2
  "$@"
  local got=$?
  [ "$got" = "$want" ] || fail "$what exited $got, expected $want"
}
expect_exit 2 "check valid 2>&-" "$bin" check "$valid" 2>&-
expect_exit 2 "check invalid 2>&-" "$bin" check "$invalid" >/dev/null 2>&-
expect_exit 2 "check --bogus 2>&-" "$bin" check --bogus 2>&-
expect_exit 2 "--help 2>&- >&-" "$bin" --help >&- 2>&-
expect_exit 0 "check --format json valid 2>&-" "$bin" check --format json "$valid" >/dev/null 2>&-
expect_exit 2 "fmt invalid 2>&-" "$bin" fmt "$invalid" >/dev/null 2>&-
expect_exit 2 "diff 2>&-" "$bin" diff "$valid" "$invalid" >/dev/null 2>&-
if [ -w /dev/full ]; then
  expect_exit 2 "check valid 2>/dev/full" "$bin" check "$valid" 2>/dev/full
  expect_exit 2 "check --bogus 2>/dev/full" "$bin" check --bogus 2>/dev/full
  expect_exit 2 "explain nothing 2>/dev/full" "$bin" explain no.such.thing >/dev/null 2>/dev/full
  # The text format's flush error is reported, like the json format's.
  for command in "check $invalid" "inspect $valid" "--help" "explain status" "diff $valid $root/testdata/valid/escapes.json"; do
    # shellcheck disable=SC2086
    "$bin" $command >/dev/full 2>"$work/err"
    code=$?
    [ "$code" = 2 ] || fail "$command >/dev/full exited $code, expected 2"
    grep -q "error writing output: No space left on device" "$work/err" || fail "$command >/dev/full said: $(cat "$work/err")"
  done
fi
# stdout closed: the message says so on stderr.
"$bin" inspect "$valid" >&- 2>"$work/err"
[ $? = 2 ] || fail "inspect >&- did not exit 2"
grep -q "error writing output: Bad file descriptor" "$work/err" || fail "inspect >&- said: $(cat "$work/err")"
# stderr a pipe whose reader has gone.
code=$(/usr/bin/python3 - "$bin" "$valid" <<'PY'
import os, subprocess, sys
read_end, write_end = os.pipe()
os.close(read_end)
print(subprocess.run([sys.argv[1], "check", sys.argv[2]], stdout=subprocess.DEVNULL, stderr=write_end).returncode)
PY
)
[ "$code" = 2 ] || fail "check with stderr to a gone reader exited $code, expected 2"

[ $status = 0 ] && echo "streams: all passed"
exit $status
