#!/usr/bin/env bash
# The pss-inspect benchmark: every command's throughput as a ratio to a limit program (a
# single-threaded simdjson program that does the least any tool must do) timed in the same
# hyperfine invocation, the targets, and peak memory. Writes OUT/report.md and prints it.
#
#   nice -n 10 bash tests/bench/run.sh      (from anywhere; 5-15 minutes on 2 cores, plus about
#                                           4 minutes to generate the corpus the first time)
#   bash tests/bench/run.sh --smoke         (1 MiB inputs, one run each: checks the script works)
#
# Options:
#   --smoke            tiny corpus, one run per command, no other tools, no package installs;
#                      exits 1 if any row could not be measured, 77 if hyperfine or GNU time is
#                      missing (ctest counts that as skipped)
#   --pss PATH         time this pss-inspect binary instead of building one (Release) in OUT
#   --reference PATH   use this reference binary instead of compiling tests/bench/reference.cpp
#   --out DIR          where everything goes (default build-bench/ in the repository root)
#
# Environment (defaults for a full run; --smoke makes them small):
#   BENCH_MIB=128          size of the realistic and the warning-heavy JSON Lines logs in MiB
#   BENCH_DOC_MIB=200      size of the single large document in MiB (pretty-printed)
#   BENCH_DOC_FINDINGS=680 findings planted in it
#   BENCH_MEM_MIB=512      JSON Lines size for the peak memory runs (copies of the timing logs)
#   BENCH_RUNS=5           hyperfine --runs per command (after one warm-up run)
#   BENCH_TOOLS=1          also time jq, Python + jsonschema and ajv (0: skip them)
#   BENCH_FILES=2000       session files in the folder corpus (for the ajv comparison)
#   BENCH_SEED=42          corpus seed
#   BENCH_PYTHON=/usr/bin/python3   Python with Debian's python3-jsonschema
#
# The corpus is kept in OUT/corpus between runs while its parameters and generator are the
# same. A pss-inspect command that fails its probe run (unknown subcommand or option, crash,
# exit status above 1) is reported as n/a instead of stopping the run.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tests/bench

SMOKE=0
PSS_GIVEN=""
REF_GIVEN=""
OUT=""
while (($#)); do
  case $1 in
  --smoke) SMOKE=1 ;;
  --pss) PSS_GIVEN=$(realpath "$2") && shift ;;
  --reference) REF_GIVEN=$(realpath "$2") && shift ;;
  --out) OUT=$(realpath -m "$2") && shift ;;
  -h | --help)
    sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "run.sh: unknown argument: $1 (see --help)" >&2
    exit 2
    ;;
  esac
  shift
done
cd "$ROOT"
OUT=${OUT:-build-bench}

if [[ $SMOKE == 1 ]]; then
  BENCH_MIB=${BENCH_MIB:-1}
  BENCH_DOC_MIB=${BENCH_DOC_MIB:-1}
  BENCH_DOC_FINDINGS=${BENCH_DOC_FINDINGS:-20}
  BENCH_MEM_MIB=${BENCH_MEM_MIB:-2}
  BENCH_RUNS=${BENCH_RUNS:-1}
  BENCH_TOOLS=${BENCH_TOOLS:-0}
  BENCH_FILES=${BENCH_FILES:-50}
  WARMUP=0
  PROBE_LINES=200
  PROBE_DOC_MIB=0.1
else
  WARMUP=1
  PROBE_LINES=2000
  PROBE_DOC_MIB=0.5
fi
BENCH_MIB=${BENCH_MIB:-128}
BENCH_DOC_MIB=${BENCH_DOC_MIB:-200}
BENCH_DOC_FINDINGS=${BENCH_DOC_FINDINGS:-680}
BENCH_MEM_MIB=${BENCH_MEM_MIB:-512}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_TOOLS=${BENCH_TOOLS:-1}
BENCH_FILES=${BENCH_FILES:-2000}
BENCH_SEED=${BENCH_SEED:-42}
PY=${BENCH_PYTHON:-/usr/bin/python3}
[[ -x $PY ]] || PY=python3

CORPUS=$OUT/corpus
BIG=$CORPUS/big.jsonl      # realistic log
WARN=$CORPUS/warn.jsonl    # most sessions carry a warning
DOC=$CORPUS/document.json  # one large document with findings
# It is larger than --max-document-size's default (128 MiB): the check row raises the limit.
DOC_LIMIT="--max-document-size $((${BENCH_DOC_MIB%.*} * 2 + 1))M"
CLEAN=$CORPUS/clean.jsonl  # BIG without its invalid lines (diff refuses them)
CHANGED=$CORPUS/changed.jsonl
MEM=$CORPUS/mem.jsonl # copies of BIG, for the memory column
MEM_WARN=$CORPUS/mem-warn.jsonl
MEM_CLEAN=$CORPUS/mem-clean.jsonl
MEM_CHANGED=$CORPUS/mem-changed.jsonl
DIR=$CORPUS/files
RES=$OUT/results
LOGS=$OUT/logs
PROBE=$OUT/probe
PSS=${PSS_GIVEN:-$OUT/pss-inspect}
REF=${REF_GIVEN:-$OUT/reference}
AJV=$OUT/node/node_modules/.bin/ajv
SCHEMA=$OUT/schema.json

START=$(date +%s)
log() { printf '\n== %s\n' "$*" >&2; }
warn() { printf 'run.sh: warning: %s\n' "$*" >&2; }

mkdir -p "$OUT" "$RES" "$LOGS" "$PROBE"
rm -f "$RES"/*.json "$RES"/*.tsv "$RES"/notes.txt "$LOGS"/*
: >"$RES/pairs.tsv"
: >"$RES/tools.tsv"
: >"$RES/facts.tsv"
: >"$RES/notes.txt"
note() { printf '%s\n' "$*" >>"$RES/notes.txt"; }
fact() { printf '%s\t%s\n' "$1" "$2" >>"$RES/facts.tsv"; }

# ---------------------------------------------------------------- tools
log "checking tools"
if [[ $SMOKE == 1 ]]; then
  for t in hyperfine /usr/bin/time "$PY"; do
    if ! command -v "$t" >/dev/null; then
      echo "run.sh: --smoke needs $t (Debian: hyperfine, time, python3); skipping" >&2
      exit 77
    fi
  done
else
  as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
  }
  apt_pkgs=()
  command -v hyperfine >/dev/null || apt_pkgs+=(hyperfine)
  [[ -x /usr/bin/time ]] || apt_pkgs+=(time)
  command -v cmake >/dev/null || apt_pkgs+=(cmake)
  command -v g++ >/dev/null || apt_pkgs+=(g++)
  for p in libsimdjson-dev libfmt-dev libcli11-dev; do
    dpkg -s "$p" >/dev/null 2>&1 || apt_pkgs+=("$p")
  done
  if [[ $BENCH_TOOLS == 1 ]]; then
    command -v jq >/dev/null || apt_pkgs+=(jq)
    command -v npm >/dev/null || apt_pkgs+=(npm)
    command -v node >/dev/null || apt_pkgs+=(nodejs)
    "$PY" -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null ||
      apt_pkgs+=(python3 python3-jsonschema)
  fi
  if ((${#apt_pkgs[@]})); then
    log "apt-get install ${apt_pkgs[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}"
  fi
  if [[ $BENCH_TOOLS == 1 ]] && { [[ ! -x $AJV ]] || [[ ! -d $OUT/node/node_modules/ajv-formats ]]; }; then
    log "npm install ajv-cli ajv-formats into $OUT/node"
    if ! npm install --prefix "$OUT/node" --no-audit --no-fund --loglevel=error \
      ajv-cli@5 ajv-formats@3 >"$LOGS/npm.log" 2>&1; then
      warn "npm install failed (see $LOGS/npm.log); ajv will be n/a"
    fi
  fi
fi

# ---------------------------------------------------------------- build
PSS_OK=1
if [[ -n $PSS_GIVEN ]]; then
  [[ -x $PSS ]] || PSS_OK=0
else
  log "building pss-inspect (Release) in $OUT"
  if cmake -S . -B "$OUT" -DCMAKE_BUILD_TYPE=Release -DPSS_BUILD_TESTS=OFF >"$LOGS/build.log" 2>&1 &&
    cmake --build "$OUT" -j "$(nproc)" >>"$LOGS/build.log" 2>&1 && [[ -x $PSS ]]; then
    echo "built $PSS" >&2
  else
    PSS_OK=0
    tail -n 15 "$LOGS/build.log" >&2 || true
  fi
fi
if [[ $PSS_OK == 0 ]]; then
  warn "no pss-inspect binary ($PSS); its rows will be n/a"
  note "pss-inspect did not build or was not found; see $LOGS/build.log."
fi
if [[ -z $REF_GIVEN ]]; then
  log "building the reference program"
  g++ -O3 -std=c++20 "$HERE/reference.cpp" -o "$REF" -lsimdjson
fi

# ---------------------------------------------------------------- corpus
# Bump CORPUS_VERSION when this script changes how it derives inputs (the diff pair, the copies).
CORPUS_VERSION=1
GEN_SUM=$(sha256sum "$HERE/gen_corpus.py" | cut -c1-16)
STAMP="v$CORPUS_VERSION mib=$BENCH_MIB doc=$BENCH_DOC_MIB/$BENCH_DOC_FINDINGS mem=$BENCH_MEM_MIB files=$BENCH_FILES tools=$BENCH_TOOLS seed=$BENCH_SEED gen=$GEN_SUM"
if [[ -f $CORPUS/stamp && $(cat "$CORPUS/stamp") == "$STAMP" ]]; then
  log "corpus up to date ($STAMP)"
else
  log "generating the corpus ($STAMP)"
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS"
  gen() { "$PY" "$HERE/gen_corpus.py" "$@"; }
  gen jsonl "$BIG" --mib "$BENCH_MIB" --seed "$BENCH_SEED"
  gen jsonl "$WARN" --mib "$BENCH_MIB" --seed "$BENCH_SEED" --profile warnings
  gen document "$DOC" --mib "$BENCH_DOC_MIB" --findings "$BENCH_DOC_FINDINGS" --seed "$BENCH_SEED"
  if [[ $BENCH_TOOLS == 1 ]]; then
    gen files "$DIR" --count "$BENCH_FILES" --seed "$BENCH_SEED"
  fi
  # diff refuses input that is not JSON (exit 2): it compares the log without its invalid
  # lines with a copy where one record in a hundred has another status_code.
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
  # Peak memory is measured on BENCH_MEM_MIB of JSON Lines: whole copies of the timing logs.
  copies=$(((BENCH_MEM_MIB + BENCH_MIB - 1) / BENCH_MIB))
  for pair in "$BIG:$MEM" "$WARN:$MEM_WARN" "$CLEAN:$MEM_CLEAN" "$CHANGED:$MEM_CHANGED"; do
    : >"${pair#*:}"
    for ((i = 0; i < copies; i++)); do cat "${pair%%:*}" >>"${pair#*:}"; done
  done
  echo "$STAMP" >"$CORPUS/stamp"
fi

# Small samples of every input for the probe runs.
head -n "$PROBE_LINES" "$BIG" >"$PROBE/big.jsonl"
head -n "$PROBE_LINES" "$WARN" >"$PROBE/warn.jsonl"
head -n "$PROBE_LINES" "$CLEAN" >"$PROBE/clean.jsonl"
head -n "$PROBE_LINES" "$CHANGED" >"$PROBE/changed.jsonl"
"$PY" "$HERE/gen_corpus.py" document "$PROBE/document.json" --mib "$PROBE_DOC_MIB" --findings 5 \
  --seed "$BENCH_SEED" 2>/dev/null

# ---------------------------------------------------------------- probes
declare -A OK
# probe NAME CMD...: runs CMD once on small input; exit 0 or 1 counts as working.
probe() {
  local name=$1 rc=0
  shift
  OK[$name]=0
  timeout 300 "$@" >"$LOGS/probe-$name.out" 2>"$LOGS/probe-$name.err" || rc=$?
  echo "$rc" >"$LOGS/probe-$name.rc"
  if [[ $rc -eq 0 || $rc -eq 1 ]]; then
    OK[$name]=1
  else
    warn "probe $name: exit $rc: $(head -c 300 "$LOGS/probe-$name.err" | tr '\n' ' ')"
  fi
}
pss_probe() { # pss_probe NAME ARGS...
  local name=$1
  shift
  if [[ $PSS_OK == 1 ]]; then probe "$name" "$PSS" "$@"; else OK[$name]=0; fi
}

log "probing the commands"
probe ref "$REF" "$PROBE/big.jsonl"
probe ref_minify "$REF" --minify "$PROBE/big.jsonl"
probe ref_pretty "$REF" --pretty "$PROBE/big.jsonl"
probe ref_diff "$REF" --diff "$PROBE/clean.jsonl" "$PROBE/changed.jsonl"
probe ref_doc "$REF" "$PROBE/document.json"
pss_probe check_q check -qq "$PROBE/big.jsonl"
pss_probe check_q_j1 check -qq -j 1 "$PROBE/big.jsonl"
pss_probe check_q_strict check -qq --strict "$PROBE/big.jsonl"
pss_probe check_q_warn check -qq "$PROBE/warn.jsonl"
pss_probe check_findings_warn check -q "$PROBE/warn.jsonl"
pss_probe check_json_warn check --format json "$PROBE/warn.jsonl"
pss_probe fmt_compact fmt --compact "$PROBE/big.jsonl"
pss_probe fmt_pretty fmt "$PROBE/big.jsonl"
pss_probe diff_json diff --format json "$PROBE/clean.jsonl" "$PROBE/changed.jsonl"
pss_probe check_doc check $DOC_LIMIT "$PROBE/document.json"
pss_probe inspect inspect "$PROBE/big.jsonl"
if [[ $BENCH_TOOLS == 1 ]]; then
  probe jq jq -cR 'fromjson?' "$PROBE/big.jsonl"
  probe ref_dir "$REF" "$DIR"
  pss_probe check_dir check -qq "$DIR"
fi

# What the corpora hold, as pss-inspect and the reference see them.
fact ref_big "$("$REF" "$BIG")"
fact ref_warn "$("$REF" "$WARN")"
if [[ ${OK[check_json_warn]} == 1 ]]; then
  fact warn_sample "$("$PY" - "$LOGS/probe-check_json_warn.out" <<'PY'
import json, sys
# check --format json: one record per document, or one array of them; count the documents
# with at least one finding and the findings per rule.
text = open(sys.argv[1], encoding="utf-8").read()
try:
    data = json.loads(text)
    records = data if isinstance(data, list) else data.get("documents", data.get("results", [data]))
except ValueError:
    records = [json.loads(l) for l in text.splitlines() if l.strip()]
docs = len(records)
rules = {}
with_findings = 0
for r in records:
    findings = r.get("findings", []) if isinstance(r, dict) else []
    with_findings += bool(findings)
    for f in findings:
        rules[f.get("rule", "?")] = rules.get(f.get("rule", "?"), 0) + 1
top = ", ".join("%s %d" % kv for kv in sorted(rules.items(), key=lambda kv: -kv[1])[:3])
print("%d of the first %d documents have findings (%s)" % (with_findings, docs, top))
PY
)"
fi
INSPECT_KIND="n/a"
if [[ ${OK[inspect]} == 1 ]]; then
  docs=$(grep -c . "$PROBE/big.jsonl")
  lines=$(wc -l <"$LOGS/probe-inspect.out")
  if ((lines >= docs)); then
    INSPECT_KIND="per-document output ($lines lines for $docs documents): aggregate inspect is not in this build"
  else
    INSPECT_KIND="aggregate output ($lines lines for $docs documents)"
  fi
fi
fact inspect_kind "$INSPECT_KIND"

# ---------------------------------------------------------------- timings
HF_ARGS=(--warmup "$WARMUP" --runs "$BENCH_RUNS" --style basic -i)

# peak_rss ID CMD...: maximum resident set size in KiB (GNU time), stdout discarded.
peak_rss() {
  local id=$1 kb
  shift
  /usr/bin/time -v -o "$LOGS/time-$id.txt" "$@" >/dev/null 2>"$LOGS/time-$id.err" || true
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$LOGS/time-$id.txt" 2>/dev/null)
  echo "${kb:-}"
}

# pair ID REF_PROBE REF_CMD CMD_PROBE CMD [MEM_INPUT...]: the reference and the command in one
# hyperfine run; then the peak memory of each, run once more with their input paths replaced by
# MEM_INPUT (the memory-row copies of the same log; none: the timed input). Commands are plain
# words (no quoting, no redirection).
pair() {
  local id=$1 ref_ok=${OK[$2]} ref_cmd=$3 cmd_ok=${OK[$4]} cmd=$5 status=ok
  shift 5
  local ref_kb="" kb="" ref_mem=$ref_cmd mem_cmd=$cmd
  if (($#)); then
    # The timing inputs are the last words of both commands; swap in the memory inputs.
    local n=$# words
    read -ra words <<<"$ref_cmd"
    ref_mem="${words[*]:0:${#words[@]}-n} $*"
    read -ra words <<<"$cmd"
    mem_cmd="${words[*]:0:${#words[@]}-n} $*"
  fi
  if [[ $ref_ok != 1 || $cmd_ok != 1 ]]; then
    status="n/a"
  else
    log "hyperfine: $ref_cmd  vs  $cmd"
    if ! hyperfine "${HF_ARGS[@]}" --export-json "$RES/$id.json" \
      -n reference "$ref_cmd" -n command "$cmd" >"$LOGS/hyperfine-$id.log" 2>&1; then
      status="failed"
      rm -f "$RES/$id.json"
    fi
    [[ -f $RES/$id.json ]] || status="failed"
    log "peak memory: $mem_cmd"
    # shellcheck disable=SC2086 # the commands are plain words by construction
    ref_kb=$(peak_rss "$id-ref" $ref_mem)
    # shellcheck disable=SC2086
    kb=$(peak_rss "$id" $mem_cmd)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$status" "$ref_cmd" "$cmd" "$ref_kb" "$kb" "$mem_cmd" \
    >>"$RES/pairs.tsv"
}

# Issue 10's `check -q` rows were written when -q printed only the summary line; today that is
# -qq (exit status only), while -q prints every finding with its source line: its own row.
pair check_q ref "$REF $BIG" check_q "$PSS check -qq $BIG" "$MEM"
pair check_q_j1 ref "$REF $BIG" check_q_j1 "$PSS check -qq -j 1 $BIG" "$MEM"
# -qq runs only the rules that can decide the exit status: without --strict, not the warnings
# (pci.pan's card-number search among them). With --strict every rule runs: a row of its own.
pair check_q_strict ref "$REF $BIG" check_q_strict "$PSS check -qq --strict $BIG" "$MEM"
pair check_q_warn ref "$REF $WARN" check_q_warn "$PSS check -qq $WARN" "$MEM_WARN"
pair check_findings_warn ref "$REF $WARN" check_findings_warn "$PSS check -q $WARN" "$MEM_WARN"
pair check_json_warn ref "$REF $WARN" check_json_warn "$PSS check --format json $WARN" "$MEM_WARN"
pair fmt_compact ref_minify "$REF --minify $BIG" fmt_compact "$PSS fmt --compact $BIG" "$MEM"
pair fmt_pretty ref_pretty "$REF --pretty $BIG" fmt_pretty "$PSS fmt $BIG" "$MEM"
pair diff_json ref_diff "$REF --diff $CLEAN $CHANGED" diff_json \
  "$PSS diff --format json $CLEAN $CHANGED" "$MEM_CLEAN" "$MEM_CHANGED"
pair check_doc ref_doc "$REF $DOC" check_doc "$PSS check $DOC_LIMIT $DOC"
pair inspect check_q "$PSS check -q $BIG" inspect "$PSS inspect $BIG" "$MEM"

# The findings in the large document, counted from one run of check --format json.
if [[ ${OK[check_doc]} == 1 ]]; then
  "$PSS" check $DOC_LIMIT --format json "$DOC" >"$LOGS/document-findings.json" 2>/dev/null || true
  fact doc_findings "$("$PY" - "$LOGS/document-findings.json" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    data = json.loads(text)
except ValueError:
    data = [json.loads(l) for l in text.splitlines() if l.strip()]
records = data if isinstance(data, list) else data.get("documents", data.get("results", [data]))
rules = {}
for r in records:
    for f in r.get("findings", []):
        rules[f.get("rule", "?")] = rules.get(f.get("rule", "?"), 0) + 1
print("%d findings (%s)" % (sum(rules.values()),
                            ", ".join("%s %d" % kv for kv in sorted(rules.items()))))
PY
)"
fi

# Other tools against the same reference (the comparison people make).
tool() { # tool ID PROBE CMD: one hyperfine run of CMD
  local id=$1 ok=${OK[$2]} cmd=$3 status=ok
  if [[ $ok != 1 ]]; then
    status="n/a"
  else
    log "hyperfine: $cmd"
    hyperfine "${HF_ARGS[@]}" --export-json "$RES/tool-$id.json" -n "$id" "$cmd" \
      >"$LOGS/hyperfine-tool-$id.log" 2>&1 || status="failed"
    [[ -f $RES/tool-$id.json ]] || status="failed"
  fi
  printf '%s\t%s\t%s\n' "$id" "$status" "$cmd" >>"$RES/tools.tsv"
}
if [[ $BENCH_TOOLS == 1 ]]; then
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
  probe python "$PY" "$HERE/python_check.py" "$SCHEMA" "$PROBE/big.jsonl"
  OK[ajv]=0
  if [[ -x $AJV ]]; then
    probe ajv "$AJV" validate --spec=draft2020 -c ajv-formats --strict=false -s "$SCHEMA" -d "$DIR/session-0000*.json"
  fi
  tool jq jq "jq -cR 'fromjson?' $BIG"
  tool python python "$PY $HERE/python_check.py $SCHEMA $BIG"
  tool cat_dir ref_dir "cat $DIR/*"
  tool ref_dir ref_dir "$REF $DIR"
  tool check_dir check_dir "$PSS check -qq $DIR"
  tool ajv ajv "$AJV validate --spec=draft2020 -c ajv-formats --strict=false -s $SCHEMA -d '$DIR/*.json'"
fi

# ---------------------------------------------------------------- report
log "writing $OUT/report.md"
export BENCH_MIB BENCH_DOC_MIB BENCH_DOC_FINDINGS BENCH_MEM_MIB BENCH_FILES BENCH_RUNS BENCH_SEED
if [[ $SMOKE == 1 ]]; then
  REPRO="bash tests/bench/run.sh --smoke"
else
  REPRO="BENCH_MIB=$BENCH_MIB BENCH_DOC_MIB=$BENCH_DOC_MIB BENCH_MEM_MIB=$BENCH_MEM_MIB BENCH_RUNS=$BENCH_RUNS bash tests/bench/run.sh"
fi
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null | head -n 1) ]]; then COMMIT="$COMMIT (work tree modified)"; fi
VERSIONS="simdjson $(dpkg-query -W -f='${Version}' libsimdjson-dev 2>/dev/null); $(g++ --version | head -n 1); $(hyperfine --version)"
if [[ $BENCH_TOOLS == 1 ]]; then
  VERSIONS="$VERSIONS; $(jq --version 2>/dev/null); python $("$PY" -c 'import sys; print(sys.version.split()[0])') with jsonschema $("$PY" -c 'from importlib.metadata import version; print(version("jsonschema"))' 2>/dev/null); node $(node --version 2>/dev/null); ajv-cli $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$OUT/node/node_modules/ajv-cli/package.json" 2>/dev/null)"
fi
ELAPSED=$(($(date +%s) - START))

report_args=(--results "$RES" --big "$BIG" --warn "$WARN" --doc "$DOC" --mem "$MEM"
  --out "$OUT/report.md" --repro "$REPRO" --commit "$COMMIT" --versions "$VERSIONS"
  --elapsed "$ELAPSED")
[[ $BENCH_TOOLS == 1 ]] && report_args+=(--dir "$DIR")
[[ $SMOKE == 1 ]] && report_args+=(--smoke)
rc=0
"$PY" "$HERE/report.py" "${report_args[@]}" || rc=$?
echo >&2
cat "$OUT/report.md"
exit "$rc"
