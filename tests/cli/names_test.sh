#!/usr/bin/env bash
# A file name holding ESC, BEL, a newline, a tab, '%', ',' and ':' goes through every command and
# format: escaped for each (text: \u001b \u0007 \n \t; json: the real name JSON-escaped; github:
# %25 %0D %0A, and in properties %3A %2C), and no raw control byte reaches the output.
# Usage: names_test.sh PSS_INSPECT_BINARY REPO_ROOT
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
cd "$work" || exit 1

name=$'bad\e[31m\a\n\t%,:.json'
other=$'ok\e[31m.json'
# A warning (a failed session without a code) and an unformatted layout.
printf '{"type":"payment-service-session","status":"failed","code":null,"status_code":502}\n' >"$name"
printf '{"status":"failed"}\n' >"$other"

shown='bad\u001b[31m\u0007\n\t%,:.json'
json='"file":"bad\u001b[31m\u0007\n\t%,:.json"'
github='file=bad\u001b[31m\u0007%0A\t%25%2C%3A.json,'

# expect DESCRIPTION WANTED-SUBSTRING COMMAND...: stdout and stderr together hold WANTED, and no
# raw C0 control byte other than the newlines that end lines.
expect() {
  local what=$1 wanted=$2
  shift 2
  "$@" >"$work/out" 2>&1
  grep -qF -- "$wanted" "$work/out" || fail "$what: no '$wanted' in: $(cat -v "$work/out")"
  if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$work/out"; then
    fail "$what: a raw control byte in: $(cat -v "$work/out")"
  fi
}

expect "check text" "$shown:1:" "$bin" check --strict "$name"
expect "check json" "$json" "$bin" check --format json "$name"
expect "check github" "$github" "$bin" check --format github "$name"
expect "check of the folder" "$shown:1:" "$bin" check .
expect "inspect" "$shown" "$bin" inspect "$name"
expect "inspect json" "$json" "$bin" inspect --format json "$name"
expect "fmt" "$shown" "$bin" fmt --strict "$name"
expect "fmt --check" "$shown" "$bin" fmt --check "$name"
expect "fmt --check of the folder" 'ok\u001b[31m.json' "$bin" fmt --check .
expect "diff" "/status_code" "$bin" diff "$name" "$other"
broken=$'broken\e[31m\a\n\t%,:.json'
printf '{"status":\n' >"$broken"
expect "diff of invalid JSON" 'broken\u001b[31m\u0007\n\t%,:.json:2:' "$bin" diff "$broken" "$name"
rm "$broken"
expect "diff --format json" '"op"' "$bin" diff --format json "$name" "$other"
expect "unreadable" 'missing\u001b\u0007\n\t%,:.json: No such file' "$bin" check $'missing\e\a\n\t%,:.json'

# The json format gives the real name back.
"$bin" check --format json "$name" | /usr/bin/python3 -c '
import json, sys
name = json.loads(sys.stdin.readline())["file"]
sys.exit(0 if name == "bad\x1b[31m\x07\n\t%,:.json" else 1)' || fail "the json format does not give the real name"

[ $status = 0 ] && echo "names: all passed"
exit $status
