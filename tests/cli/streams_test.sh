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
[ $status = 0 ] && echo "streams: all passed"
exit $status
