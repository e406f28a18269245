#!/usr/bin/env bash
# Output that fits the window: under a real pseudo-terminal (script, from util-linux) the width
# is the window's (stty cols), COLUMNS only off a terminal; long messages wrap at spaces on a
# terminal only; the cost of showing a finding does not grow with the length of its line.
# Usage: terminal_test.sh PSS_INSPECT_BINARY REPO_ROOT
set -u
bin=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# The widest line of a file, ANSI styles and carriage returns removed (the inputs are ASCII).
widest() { python3 -c '
import re, sys
text = re.sub(r"\x1b\[[0-9;]*m", "", open(sys.argv[1], encoding="utf-8").read()).replace("\r", "")
print(max((len(line) for line in text.split("\n")), default=0))' "$1"; }

# Runs a command on a terminal whose window has COLS columns; its output (and stderr) in $2.
on_terminal() { # COLS OUT COMMAND...
  local cols=$1 out=$2
  shift 2
  TERM=xterm script -qec "stty cols $cols rows 24; $*" /dev/null >"$out"
}

cd "$root" || exit 2
broken=testdata/examples/broken-session.json

on_terminal 50 "$work/tty" "$bin" "$broken"
[ "$(widest "$work/tty")" -le 50 ] || fail "inspect on a 50-column terminal printed a line of $(widest "$work/tty") columns"
grep -q '^    ' "$work/tty" || fail "no wrapped message on a 50-column terminal"
grep -q '\^~~~~~~~~~~' "$work/tty" || fail "no underline on a terminal"
grep -q $'\x1b\\[1;31merror' "$work/tty" || fail "no colour on a terminal"

# The window wins over COLUMNS on a terminal.
on_terminal 50 "$work/tty_columns" COLUMNS=200 "$bin" "$broken"
[ "$(widest "$work/tty_columns")" -le 50 ] || fail "COLUMNS=200 overrode a 50-column window"

on_terminal 60 "$work/diff" "$bin" diff testdata/diff/old.json testdata/diff/new.json
[ "$(widest "$work/diff")" -le 60 ] || fail "diff on a 60-column terminal printed a line of $(widest "$work/diff") columns"

# Off a terminal: COLUMNS sets the excerpt's width; messages stay one line per finding.
COLUMNS=50 "$bin" check "$broken" >"$work/pipe" 2>/dev/null
grep -q 'error\[field.enum\]: `status` is "Succeeded", which is not allowed (allowed: "succeeded", "failed"); did you mean "succeeded"?$' "$work/pipe" ||
  fail "a message was wrapped on a pipe"
! grep -q '^    ' "$work/pipe" || fail "a continuation line on a pipe"
excerpts=$(grep '^[0-9 ]* |' "$work/pipe" | awk '{ if (length($0) > w) w = length($0) } END { print w }')
[ "$excerpts" -le 50 ] || fail "COLUMNS=50 off a terminal gave an excerpt line of $excerpts columns"
env -u COLUMNS "$bin" check "$broken" >"$work/default" 2>/dev/null
grep -q '"expiry": "12/29"},$' "$work/default" || fail "without COLUMNS, excerpts are not 120 columns wide"

# 10,000 findings on one line (all shown: no --max-findings cap), and one finding at the end of a 32 MiB line: each excerpt is
# read from a window around its finding, and columns are counted once along the line.
python3 -c '
keys = ",".join("\"k%d\":%d" % (i, i) for i in range(10000))
open("'"$work"'/many.json", "w").write("{\"status\":\"succeeded\"," + keys + "}\n")
open("'"$work"'/long.json", "w").write("{\"status\":\"succeeded\",\"response_body\":{\"pad\":\"" + "x" * (32 << 20) + "\"},\"stauts\":1}\n")'
# 10 s for the release build; AddressSanitizer runs 10-20x slower.
limit=10
if grep -q __asan_init "$bin" 2>/dev/null; then limit=120; fi
timeout $limit "$bin" check --max-findings 0 "$work/many.json" >"$work/many.out" 2>/dev/null
[ $? = 0 ] || fail "10,000 findings on one line: not done in $limit s"
[ "$(grep -c 'warning\[field.unknown\]' "$work/many.out")" = 10000 ] || fail "10,000 findings on one line: not all shown"
timeout $limit "$bin" check "$work/long.json" >"$work/long.out" 2>/dev/null
[ $? = 0 ] || fail "a finding on a 32 MiB line: not done in $limit s"
[ "$(widest "$work/long.out")" -le 120 ] || fail "a finding on a 32 MiB line: excerpt wider than 120 columns"
grep -q ':1:33554482: warning\[field.unknown\]' "$work/long.out" || fail "a finding on a 32 MiB line: wrong column: $(head -1 "$work/long.out")"

[ $status = 0 ] && echo "terminal: all passed"
exit $status
