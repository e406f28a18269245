#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz for a bounded time each, seeded from testdata/, after
# replaying the inputs of tests/fuzz/regressions/ (each must pass) and tests/fuzz/known/ (findings
# not fixed yet: told when one passes). Exits 1 if any target finds a crash, a leak, a timeout or
# a broken property; the input is saved under the work folder.
#
#   tests/fuzz/run.sh [SECONDS [TARGET...]]     (default: 30 seconds, every target)
#
# Build the targets first: cmake --workflow --preset fuzz.
# Environment: PSS_FUZZ_BIN (the targets' folder), PSS_FUZZ_WORK (corpus and crash folder).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${PSS_FUZZ_BIN:-$root/build/fuzz/tests/fuzz}
work=${PSS_FUZZ_WORK:-$root/build/fuzz/work}
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_check fuzz_fmt fuzz_diff fuzz_card fuzz_lines fuzz_redact)

# Bounds of each run: time, memory (MiB, ASan's overhead included), time per input (s), input size.
limits=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=16384)

# Seeds that need a shape of their own, made from testdata/ at run time (nothing copied in git).
seeds=$work/seeds
rm -rf "$seeds"
mkdir -p "$seeds/diff" "$seeds/lines"
for pair in old:new old:new-sdk old-reordered:new card-old:card-new; do
  { cat "$root/testdata/diff/${pair%:*}.json"; printf '\0'; cat "$root/testdata/diff/${pair#*:}.json"; } \
    >"$seeds/diff/${pair/:/-to-}"
done
for file in "$root"/testdata/examples/*.jsonl "$root"/testdata/diff/*.jsonl; do
  # First byte: bit 0 JSON Lines, bit 1 a pipe, the rest the block size.
  for how in '\001' '\003' '\375'; do
    { printf "$how"; cat "$file"; } >"$seeds/lines/$(basename "$file")-$(printf "$how" | od -An -tu1 | tr -d ' ')"
  done
done

failed=()
for target in "${targets[@]}"; do
  case $target in
  fuzz_diff) sources=("$seeds/diff") ;;
  fuzz_lines) sources=("$seeds/lines") ;;
  fuzz_card) sources=("$root/tests/fuzz/corpus/card" "$root/testdata/rules/pci.pan") ;;
  *) sources=("$root/testdata") ;;
  esac
  regressions=$root/tests/fuzz/regressions/$target
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "fuzz: $target: replaying $regressions"
    "$bin/$target" "${limits[@]:1}" "$regressions"/* || { failed+=("$target (regression)"); continue; }
  fi
  # Known findings, not fixed yet: looked at strictly, they must still fail; say when one passes.
  for known in "$root/tests/fuzz/known/$target"/*; do
    [ -f "$known" ] || continue
    if PSS_FUZZ_STRICT=1 "$bin/$target" "$known" >/dev/null 2>&1; then
      echo "fuzz: $target: known finding $(basename "$known") is fixed: move it to regressions/"
    fi
  done
  corpus=$work/corpus/$target
  artifacts=$work/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz: $target for ${seconds}s"
  if ! "$bin/$target" "${limits[@]}" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$corpus" "${sources[@]}" 2>"$work/$target.log"; then
    tail -n 40 "$work/$target.log"
    failed+=("$target")
  fi
  # The last status line (coverage, corpus), then the totals.
  grep -E '^#[0-9]+' "$work/$target.log" | tail -n 1 || true
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$target.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $work/artifacts/)"
  exit 1
fi
echo "fuzz: all targets passed"
