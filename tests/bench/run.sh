#!/usr/bin/env bash
# Benchmarks pss-inspect against a simdjson-only reference program, jq,
# Python + jsonschema and ajv, and writes build-bench/report.md.
#
#   bash tests/bench/run.sh          (from the repository root)
#
# Environment:
#   BENCH_MIB=256     size of the JSON Lines corpus in MiB
#   BENCH_FILES=2000  number of small session files in the folder corpus
#   BENCH_RUNS=5      hyperfine --runs (after one warm-up run)
#   BENCH_SEED=42     corpus seed
#   BENCH_PYTHON=/usr/bin/python3  Python with Debian's python3-jsonschema
#
# Everything goes to build-bench/ (ignored by git): the CMake build, the
# reference program, node_modules for ajv, the corpus (kept between runs
# while its parameters are the same), hyperfine's JSON, logs and the report.
# A pss-inspect command that fails its probe run (not built yet, unknown
# subcommand or option) is reported as n/a instead of stopping the run.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

BENCH_MIB=${BENCH_MIB:-256}
BENCH_FILES=${BENCH_FILES:-2000}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_SEED=${BENCH_SEED:-42}
PY=${BENCH_PYTHON:-/usr/bin/python3}

OUT=build-bench
CORPUS=$OUT/corpus
BIG=$CORPUS/big.jsonl
DIR=$CORPUS/files
RES=$OUT/results
LOGS=$OUT/logs
HERE=tests/bench
PSS=$OUT/pss-inspect
REF=$OUT/reference
AJV=$OUT/node/node_modules/.bin/ajv
SCHEMA=$OUT/schema.json

START=$(date +%s)
log() { printf '\n== %s\n' "$*" >&2; }
warn() { printf 'run.sh: warning: %s\n' "$*" >&2; }

mkdir -p "$OUT" "$RES" "$LOGS"
rm -f "$RES"/*.json "$RES"/rows.tsv "$RES"/memory.tsv "$RES"/notes.txt
: >"$RES/rows.tsv"
: >"$RES/memory.tsv"
: >"$RES/notes.txt"
note() { printf '%s\n' "$*" >>"$RES/notes.txt"; }

# ---------------------------------------------------------------- (a) tools
log "checking tools"
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}
apt_pkgs=()
command -v jq >/dev/null || apt_pkgs+=(jq)
command -v hyperfine >/dev/null || apt_pkgs+=(hyperfine)
[[ -x /usr/bin/time ]] || apt_pkgs+=(time)
command -v cmake >/dev/null || apt_pkgs+=(cmake)
command -v g++ >/dev/null || apt_pkgs+=(g++)
command -v npm >/dev/null || apt_pkgs+=(npm)
command -v node >/dev/null || apt_pkgs+=(nodejs)
"$PY" -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null || apt_pkgs+=(python3 python3-jsonschema)
for p in libsimdjson-dev libfmt-dev libcli11-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || apt_pkgs+=("$p")
done
if ((${#apt_pkgs[@]})); then
  log "apt-get install ${apt_pkgs[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}"
fi

if [[ ! -x $AJV ]] || [[ ! -d $OUT/node/node_modules/ajv-formats ]]; then
  log "npm install ajv-cli ajv-formats into $OUT/node"
  if ! npm install --prefix "$OUT/node" --no-audit --no-fund --loglevel=error \
    ajv-cli@5 ajv-formats@3 >"$LOGS/npm.log" 2>&1; then
    warn "npm install failed (see $LOGS/npm.log); ajv will be n/a"
  fi
fi

# ---------------------------------------------------------------- (b) build
log "building pss-inspect (Release) in $OUT"
PSS_OK=1
if cmake -S . -B "$OUT" -DCMAKE_BUILD_TYPE=Release -DPSS_BUILD_TESTS=OFF >"$LOGS/build.log" 2>&1 &&
  cmake --build "$OUT" -j "$(nproc)" >>"$LOGS/build.log" 2>&1 && [[ -x $PSS ]]; then
  echo "built $PSS" >&2
else
  PSS_OK=0
  warn "pss-inspect did not build (see $LOGS/build.log); its rows will be n/a"
  tail -n 15 "$LOGS/build.log" >&2 || true
  note "pss-inspect did not build; see $LOGS/build.log."
fi

log "building the reference program"
g++ -O3 -std=c++20 "$HERE/reference.cpp" -o "$REF" -lsimdjson

# ---------------------------------------------------------------- (c) corpus
GEN_SUM=$(sha256sum "$HERE/gen_corpus.py" | cut -c1-16)
STAMP="mib=$BENCH_MIB files=$BENCH_FILES seed=$BENCH_SEED gen=$GEN_SUM"
if [[ -f $CORPUS/stamp && $(cat "$CORPUS/stamp") == "$STAMP" && -f $BIG && -d $DIR ]]; then
  log "corpus up to date ($STAMP)"
else
  log "generating the corpus ($STAMP)"
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS"
  "$PY" "$HERE/gen_corpus.py" jsonl "$BIG" --mib "$BENCH_MIB" --seed "$BENCH_SEED"
  "$PY" "$HERE/gen_corpus.py" files "$DIR" --count "$BENCH_FILES" --seed "$BENCH_SEED"
  echo "$STAMP" >"$CORPUS/stamp"
fi
head -n 2000 "$BIG" >"$OUT/probe.jsonl"
# diff refuses input that is not JSON (exit 2): it compares the corpus without its invalid lines
# with a copy where one record in a hundred is changed.
CLEAN=$CORPUS/clean.jsonl
CHANGED=$CORPUS/changed.jsonl
if [[ ! -f $CHANGED || $CHANGED -ot $BIG ]]; then
  "$PY" - "$BIG" "$CLEAN" "$CHANGED" <<'PY'
import json, re, sys
with open(sys.argv[1], encoding="utf-8", errors="surrogateescape") as src, \
     open(sys.argv[2], "w", encoding="utf-8", errors="surrogateescape") as clean, \
     open(sys.argv[3], "w", encoding="utf-8", errors="surrogateescape") as changed:
    kept = 0
    for line in src:
        try:
            json.loads(line)
        except ValueError:
            continue
        clean.write(line)
        if kept % 100 == 7:
            line = re.sub(r'"status_code":(\s*)(-?\d+|null)', r'"status_code":\g<1>599', line, count=1)
        changed.write(line)
        kept += 1
PY
fi

# ---------------------------------------------------------------- schema
SCHEMA_SRC="tests/bench/session.schema.json (fallback)"
if [[ $PSS_OK == 1 ]] && timeout 60 "$PSS" schema >"$SCHEMA.tmp" 2>"$LOGS/schema.err" &&
  "$PY" -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' "$SCHEMA.tmp" 2>>"$LOGS/schema.err"; then
  mv "$SCHEMA.tmp" "$SCHEMA"
  SCHEMA_SRC="\`pss-inspect schema\`"
else
  rm -f "$SCHEMA.tmp"
  cp "$HERE/session.schema.json" "$SCHEMA"
  warn "using the fallback schema $HERE/session.schema.json"
fi
note "Schema for Python and ajv: $SCHEMA_SRC."

# ---------------------------------------------------------------- probes
# probe NAME CMD...: runs CMD once on small input; exit 0 or 1 counts as working.
probe() {
  local name=$1
  shift
  local rc=0
  timeout 300 "$@" >"$LOGS/probe-$name.out" 2>"$LOGS/probe-$name.err" || rc=$?
  echo "$rc" >"$LOGS/probe-$name.rc"
  if [[ $rc -eq 0 || $rc -eq 1 ]]; then
    return 0
  fi
  warn "probe $name: exit $rc: $(head -c 300 "$LOGS/probe-$name.err" | tr '\n' ' ')"
  return 1
}

log "probing the commands"
declare -A OK
pss_probe() { # pss_probe NAME ARGS...
  local name=$1
  shift
  OK[$name]=0
  if [[ $PSS_OK == 1 ]] && probe "$name" "$PSS" "$@"; then OK[$name]=1; fi
}
pss_probe pss_j1 check -q -j 1 "$OUT/probe.jsonl"
pss_probe pss_j2 check -q -j 2 "$OUT/probe.jsonl"
pss_probe pss check -q "$OUT/probe.jsonl"
pss_probe pss_fmt fmt --compact "$OUT/probe.jsonl"
pss_probe pss_dir check -q "$DIR"
head -n 2000 "$CLEAN" >"$OUT/probe-clean.jsonl"
pss_probe pss_diff diff --format json "$OUT/probe-clean.jsonl" "$OUT/probe-clean.jsonl"
OK[ref]=0 && probe ref "$REF" "$OUT/probe.jsonl" && OK[ref]=1
OK[ref_dir]=0 && probe ref_dir "$REF" "$DIR" && OK[ref_dir]=1
OK[jq]=0 && probe jq jq -cR 'fromjson?' "$OUT/probe.jsonl" && OK[jq]=1
OK[python]=0 && probe python "$PY" "$HERE/python_check.py" "$SCHEMA" "$OUT/probe.jsonl" && OK[python]=1
OK[cat]=1
OK[ajv]=0
if [[ -x $AJV ]] && probe ajv "$AJV" validate --spec=draft2020 -c ajv-formats --strict=false -s "$SCHEMA" -d "$DIR/session-0000*.json"; then
  OK[ajv]=1
  [[ $(cat "$LOGS/probe-ajv.rc") == 0 ]] || note "ajv said some sample files are invalid against the schema (see $LOGS/probe-ajv.out)."
fi
note "Probe on the first 2000 lines: reference says \`$(cat "$LOGS/probe-ref.out" 2>/dev/null)\`, python_check.py says \`$(cat "$LOGS/probe-python.out" 2>/dev/null)\`."
note "Reference on the whole corpus: \`$("$REF" "$BIG")\`; on the folder: \`$("$REF" "$DIR")\`."

# ---------------------------------------------------------------- (d) timings
# bench ID GROUP IGNORE_FAILURE COMMAND
bench() {
  local id=$1 group=$2 ignore=$3 cmd=$4 status=ok
  if [[ ${OK[$id]} != 1 ]]; then
    status="n/a"
  else
    log "hyperfine: $cmd"
    local args=(--warmup 1 --runs "$BENCH_RUNS" --export-json "$RES/$id.json" --command-name "$cmd")
    [[ $ignore == 1 ]] && args+=(-i)
    if ! hyperfine "${args[@]}" "$cmd" 2>&1 | tee "$LOGS/hyperfine-$id.log" >&2; then
      status="failed"
      rm -f "$RES/$id.json"
    fi
    [[ -f $RES/$id.json ]] || status="failed"
  fi
  printf '%s\t%s\t%s\t%s\n' "$id" "$group" "$status" "$cmd" >>"$RES/rows.tsv"
}

bench ref jsonl 0 "$REF $BIG"
bench pss_j1 jsonl 1 "$PSS check -q -j 1 $BIG"
bench pss_j2 jsonl 1 "$PSS check -q -j 2 $BIG"
bench pss jsonl 1 "$PSS check -q $BIG"
bench pss_fmt jsonl 1 "$PSS fmt --compact $BIG >/dev/null"
bench pss_diff jsonl 1 "$PSS diff --format json $CLEAN $CHANGED >/dev/null"
bench jq jsonl 0 "jq -cR 'fromjson?' $BIG >/dev/null"
bench python jsonl 0 "$PY $HERE/python_check.py $SCHEMA $BIG"
bench cat dir 0 "cat $DIR/* >/dev/null"
bench ref_dir dir 0 "$REF $DIR"
bench pss_dir dir 1 "$PSS check -q $DIR"
bench ajv dir 1 "$AJV validate --spec=draft2020 -c ajv-formats --strict=false -s $SCHEMA -d '$DIR/*.json'"

# ---------------------------------------------------------------- (e) memory
# peak_rss ID COMMAND...: maximum resident set size in KiB, via GNU time.
peak_rss() {
  local id=$1
  shift
  /usr/bin/time -v -o "$LOGS/time-$id.txt" "$@" >/dev/null 2>&1 || true
  local kb
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$LOGS/time-$id.txt" 2>/dev/null)
  printf '%s\t%s\t%s\n' "$id" "${kb:-}" "$*" >>"$RES/memory.tsv"
}
log "peak memory"
peak_rss ref "$REF" "$BIG"
if [[ ${OK[pss]} == 1 ]]; then peak_rss pss "$PSS" check -q "$BIG"; else printf 'pss\t\t%s\n' "$PSS check -q $BIG" >>"$RES/memory.tsv"; fi
if [[ ${OK[pss_dir]} == 1 ]]; then peak_rss pss_dir "$PSS" check -q "$DIR"; else printf 'pss_dir\t\t%s\n' "$PSS check -q $DIR" >>"$RES/memory.tsv"; fi
if [[ ${OK[pss_fmt]} == 1 ]]; then peak_rss pss_fmt "$PSS" fmt --compact "$BIG"; fi
if [[ ${OK[pss_diff]} == 1 ]]; then peak_rss pss_diff "$PSS" diff --format json "$CLEAN" "$CHANGED"; fi

# ---------------------------------------------------------------- (f) report
log "writing $OUT/report.md"
export BENCH_MIB BENCH_FILES BENCH_RUNS BENCH_SEED
REPRO="BENCH_MIB=$BENCH_MIB BENCH_FILES=$BENCH_FILES BENCH_RUNS=$BENCH_RUNS BENCH_SEED=$BENCH_SEED bash tests/bench/run.sh"
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
if [[ -n $(git status --porcelain 2>/dev/null | head -n 1) ]]; then COMMIT="$COMMIT (work tree modified)"; fi
VERSIONS="simdjson $(dpkg-query -W -f='${Version}' libsimdjson-dev 2>/dev/null); $(g++ --version | head -n 1); $(jq --version); $(hyperfine --version); python $("$PY" -c 'import sys; print(sys.version.split()[0])') with jsonschema $("$PY" -c 'from importlib.metadata import version; print(version("jsonschema"))' 2>/dev/null); node $(node --version 2>/dev/null); ajv-cli $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$OUT/node/node_modules/ajv-cli/package.json" 2>/dev/null)"
ELAPSED=$(($(date +%s) - START))

"$PY" "$HERE/report.py" \
  --results "$RES" --big "$BIG" --dir "$DIR" --out "$OUT/report.md" \
  --repro "$REPRO" --commit "$COMMIT" --versions "$VERSIONS" --elapsed "$ELAPSED"
echo >&2
cat "$OUT/report.md"
