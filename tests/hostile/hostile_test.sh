#!/usr/bin/env bash
# Hostile inputs: each is generated here and run under `ulimit -v` (512 MiB of address space,
# skipped under AddressSanitizer, which reserves terabytes of it) and `timeout 10`, measured by
# /usr/bin/time -v (one run). Fails when one takes more than 10 s or 512 MiB, or exits in a way
# it should not (a crash, or no message). Prints a table of the measurements (docs/limits.md).
# Usage: hostile_test.sh PSS_INSPECT_BINARY REPO_ROOT
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
limit_kib=$((512 * 1024))
asan=0
if grep -q __asan_init "$bin" 2>/dev/null; then asan=1; fi
# The limits are the release build's. Under AddressSanitizer (10-20x slower, shadow memory in
# the RSS) the script still runs every input, to catch memory errors, with 120 s and no memory
# bound.
seconds=10
if [ $asan = 1 ]; then seconds=120; fi

# Inputs fixed on other branches: an entry here may fail without failing the script; when it
# passes, the script says so, and the entry should go.
declare -A expected_failure=(
)
# Inputs too large for an AddressSanitizer run (its shadow memory and no `ulimit -v`): the
# release build measures them.
declare -A release_only=(
  [finding-on-256mib-line]=1
  # 3 million changes, 192 MB of JSON: about 135 s of CPU in the Debug (-O0) sanitizer build,
  # past its 120 s (3 s in Release); diff-nested-arrays runs the same code under ASan.
  [diff-nested-arrays-10000]=1
  # 119 MB with 10 million findings: about 90 s of CPU under the sanitizers, which would take the
  # script past ctest's 300 s; zeros-array-32mib runs the same compact tape under ASan.
  [findings-10000000]=1
)

printf '| input | command | exit | time (s) | max RSS (MiB) | result |\n|---|---|---|---|---|---|\n'

# run NAME EXPECTED-EXITS COMMAND...: EXPECTED-EXITS is a list such as "0 1".
run() {
  local name=$1 exits=$2
  shift 2
  if [ $asan = 1 ] && [ -n "${release_only[$name]:-}" ]; then
    printf '| %s | - | - | - | - | skipped under AddressSanitizer |\n' "$name"
    return
  fi
  local verdict=ok
  (
    [ $asan = 1 ] || ulimit -v $limit_kib
    exec /usr/bin/time -v -o "$work/time" timeout -s KILL $seconds "$@" >"$work/out" 2>"$work/err"
  )
  local code=$?
  local elapsed rss
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$work/time" 2>/dev/null)
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time" 2>/dev/null)
  # time(1) reports a signal death as "Command terminated by signal N" and exit status 128+N.
  if grep -q "terminated by signal" "$work/time" 2>/dev/null; then
    code=$((128 + $(sed -n 's/.*terminated by signal \([0-9]*\).*/\1/p' "$work/time")))
  fi
  if [ "$code" = 137 ] || [ "$code" = 124 ]; then
    verdict="over $seconds s"
  elif [[ " $exits " != *" $code "* ]]; then
    verdict="exit $code, expected $exits: $(head -c 120 "$work/err" | tr "\n|" "  ")"
  elif [ $asan = 0 ] && [ -n "$rss" ] && [ "$rss" -gt 512 ]; then
    verdict="over 512 MiB"
  fi
  if [ "$verdict" != ok ]; then
    if [ -n "${expected_failure[$name]:-}" ]; then
      verdict="expected failure ($verdict)"
    else
      status=1
      verdict="FAIL: $verdict"
    fi
  elif [ -n "${expected_failure[$name]:-}" ]; then
    verdict="ok (now passes: remove it from expected_failure)"
  fi
  local shown="$*"
  shown=${shown//$work\//}
  shown=${shown//$bin/pss-inspect}
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$name" "$shown" "$code" "${elapsed:-?}" "${rss:-?}" "$verdict"
}

# One line: {"status":"Succeeded","response_body":{"blob":"aaa..."}} with MIB MiB of a's.
long_line() {
  { printf '{"status":"Succeeded","response_body":{"blob":"'; head -c $(($1 << 20)) /dev/zero | tr '\0' 'a'; printf '"}}\n'; }>"$2"
}
# A session followed by COUNT unknown keys, each written by the printf-style FORMAT of its index.
many_keys() {
  /usr/bin/python3 -c "
import sys
w = sys.stdout.write
w('{\"status\":\"succeeded\",\"status_code\":200')
for i in range(int(sys.argv[1])): w(sys.argv[2] % i)
w('}\n')" "$1" "$2"
}
# OLD.json and NEW.json: 300 arrays of LENGTH numbers each, every number different between them.
nested_arrays() {
  /usr/bin/python3 -c "
import sys
length = int(sys.argv[2])
for name, base in ((sys.argv[3], 0), (sys.argv[4], 10**7)):
    with open(sys.argv[1] + '/' + name + '.json', 'w') as f:
        f.write('[' + ','.join('[' + ','.join(str(base + a * 10000 + i) for i in range(length)) + ']' for a in range(300)) + ']\n')
" "$work" "$1" "$2" "$3"
}

session='"type":"payment-service-session","status":"failed","code":"E","status_code":502'

# Endless input.
run dev-zero "2" "$bin" check /dev/zero
run dev-zero-lines "2" "$bin" check --lines /dev/zero

# A FIFO: in a walked folder, and given to fmt --write (no writer: opening it would block).
mkdir "$work/fifo" && mkfifo "$work/fifo/b.json" && echo "{$session}" >"$work/fifo/a.json"
run fifo-in-folder "1 2" "$bin" check "$work/fifo"
mkfifo "$work/pipe.json"
run fmt-write-fifo "2" "$bin" fmt --write "$work/pipe.json"

# A status value of 1 MiB and 10 MiB: the "did you mean" distance.
for mib in 1 10; do
  { printf '{"status":"'; head -c $((mib << 20)) /dev/zero | tr '\0' 's'; printf '"}\n'; } >"$work/status-$mib.json"
  run "status-${mib}mib" "1" "$bin" check "$work/status-$mib.json"
done

# One line with 10,000 unknown keys, text format.
/usr/bin/python3 -c "
import json
doc = {'status': 'succeeded', 'status_code': 200}
doc.update({'unknown_%d' % i: i for i in range(10000)})
print(json.dumps(doc))" >"$work/keys.json"
run unknown-keys-10000 "0 1" "$bin" check "$work/keys.json"

# One finding on a 64 MiB line (the issue's 256 MiB line costs minutes to generate and check on
# a shared 2-core machine; 64 MiB shows the same cost, a quarter of it).
long_line 64 "$work/long.json"
run finding-on-64mib-line "1" "$bin" check "$work/long.json"

# The issue's line: 256 MiB, twice --max-document-size's default, is not read (exit 2) and costs
# nothing; raising the limit to read it costs about twice its size.
long_line 256 "$work/long256.json"
run finding-on-256mib-line "2" "$bin" check "$work/long256.json"
rm -f "$work/long256.json"

# A document with 10,000,000 findings (unknown keys), 119 MB: under the default size limit.
many_keys 10000000 ',"k%x":0' >"$work/findings10m.json"
run findings-10000000 "0 1" "$bin" check "$work/findings10m.json"
rm -f "$work/findings10m.json"

# 32 MiB of one array of zeros: the smallest values JSON has, the most of them.
/usr/bin/python3 -c "
import sys
n = (32 << 20) // 2
sys.stdout.write('{\"status\":\"succeeded\",\"status_code\":200,\"response_body\":{\"a\":[' + '0,' * (n - 1) + '0]}}\n')" >"$work/zeros.json"
run zeros-array-32mib "0 1" "$bin" check "$work/zeros.json"
rm -f "$work/zeros.json"

# A document with 1,000,000 findings (unknown keys), one per line.
many_keys 1000000 $',\n"k%d":0' >"$work/findings.json"
run findings-1000000 "0 1" "$bin" check "$work/findings.json"

# diff of 300 nested arrays of 1,000 numbers each, all different: 300 million comparisons
# without a budget per diff.
nested_arrays 1000 old new
run diff-nested-arrays "1" "$bin" diff --format json "$work/old.json" "$work/new.json"
# The issue's size: 300 arrays of 10,000 numbers, two 27 MB documents and a 192 MB diff,
# compared through compact trees and written as it is found.
nested_arrays 10000 old10k new10k
run diff-nested-arrays-10000 "1" "$bin" diff --format json "$work/old10k.json" "$work/new10k.json"
rm -f "$work/old10k.json" "$work/new10k.json"

# A 19-digit status_code, past the largest 64-bit integer.
echo '{"status":"succeeded","status_code":9999999999999999999}' >"$work/big.json"
run status-code-19-digits "0 1" "$bin" check "$work/big.json"

echo
if [ $asan = 1 ]; then echo "(AddressSanitizer build: no ulimit -v)"; fi
[ $status = 0 ] && echo "hostile: all passed"
exit $status
