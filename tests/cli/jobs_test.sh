#!/usr/bin/env bash
# -j N changes nothing but speed (check, inspect, fmt): on a generated corpus with invalid lines (and a line longer than
# a read block), outputs and exit codes with 1, 2 and 3 threads are byte-identical.
# Usage: jobs_test.sh PSS_INSPECT_BINARY REPO_ROOT
set -u
bin=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

python3 "$root/tests/bench/gen_corpus.py" jsonl "$work/logs.jsonl" --mib 6 --seed 7 >/dev/null || exit 1
python3 "$root/tests/bench/gen_corpus.py" files "$work/files" --count 300 --seed 7 >/dev/null || exit 1
# A 3 MiB session on one line: more than a read block (1 MiB), in the middle of the file.
python3 - "$work/logs.jsonl" <<'PY'
import json, sys
path = sys.argv[1]
lines = open(path).read().splitlines(True)
big = {"type": "payment-service-session", "status": "failed", "code": "E", "status_code": 502,
       "response_body": {"items": [{"id": i, "note": "x" * 40} for i in range(50000)]}}
lines.insert(len(lines) // 2, json.dumps(big) + "\n")
lines.insert(len(lines) // 2 + 1, '{"status": "failed", "code": "E", "response_body": {"pan": "4242424242424242"}}\n')
open(path, "w").write("".join(lines))
PY
# The file line of the session after the long line, where a card number was planted.
pan_line=$(grep -n '"pan": "4242424242424242"' "$work/logs.jsonl" | cut -d: -f1)

run() { # name, then pss-inspect arguments
  local name=$1
  shift
  "$bin" "$@" >"$work/$name.out" 2>"$work/$name.err"
  echo $? >"$work/$name.code"
}
for args in "check --format json" "check --format text" "check --format github" "check -q" "inspect" "check --strict --format json" "fmt --compact" "fmt --sort-keys --redact"; do
  for j in 1 2 3; do
    # shellcheck disable=SC2086
    run "j$j" $args -j $j "$work/logs.jsonl" "$work/files"
  done
  for j in 2 3; do
    for part in out err code; do
      cmp -s "$work/j1.$part" "$work/j$j.$part" || fail "'$args' -j $j: $part differs from -j 1"
    done
  done
  [ "$(cat "$work/j1.code")" = 1 ] || fail "'$args' exit $(cat "$work/j1.code"), expected 1 (the corpus has invalid lines)"
done
grep -q '"rule":"json.syntax"' <("$bin" check --format json -j 2 "$work/logs.jsonl") || fail "no json.syntax found in the corpus"
grep -q "^{\"file\":\"$work/logs.jsonl\",\"line\":$pan_line,.*\"rule\":\"pci.pan\"" <("$bin" check --format json -j 2 "$work/logs.jsonl") ||
  fail "no pci.pan reported at line $pan_line, the session after the 3 MiB line"
[ $status = 0 ] && echo "jobs: all passed"
exit $status
