#!/usr/bin/env bash
# The GNU parallel recipe of docs/scale.md, word for word, on a generated 200 MB JSON Lines log
# with 4 jobs: renumbered, its findings equal a single-process run's (without offsets).
# Usage: scale_test.sh PSS_BINARY REPOSITORY_ROOT
set -euo pipefail
pss=$1
root=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/bin"
ln -s "$pss" "$scratch/bin/pss-inspect"
export PATH="$scratch/bin:$PATH"
cd "$scratch"

# The commands as docs/scale.md shows them.
recipe=$(sed -n '/^## GNU parallel, one machine/,/^## /p' "$root/docs/scale.md")
grep -qF 'parallel --will-cite -k --pipe --block 8M -j 4 \' <<<"$recipe" || { echo "recipe changed in docs"; exit 1; }
grep -qF 'pss-inspect check --lines --format json <sessions.jsonl >findings.jsonl' <<<"$recipe" || { echo "recipe changed"; exit 1; }
grep -qF 'python3 docs/examples/scale/renumber.py sessions.jsonl <findings.jsonl >located.jsonl' <<<"$recipe" || { echo "renumber changed"; exit 1; }

python3 "$root/tests/bench/gen_corpus.py" jsonl sessions.jsonl --mib 200 --seed 7 >/dev/null
[ "$(stat -c %s sessions.jsonl)" -ge 200000000 ] || { echo "corpus too small"; exit 1; }
! grep -q '^$' sessions.jsonl || { echo "the corpus has blank lines"; exit 1; }

set +e
parallel --will-cite -k --pipe --block 8M -j 4 \
  pss-inspect check --lines --format json <sessions.jsonl >findings.jsonl
set -e
python3 "$root/docs/examples/scale/renumber.py" sessions.jsonl <findings.jsonl >located.jsonl

set +e
pss-inspect check -j 1 --lines --format json sessions.jsonl >single.jsonl
set -e
# The single run without offsets, in the renumbering's serialisation.
python3 - <<'PY'
import json
with open("single.jsonl") as src, open("single-no-offsets.jsonl", "w") as out:
    for text in src:
        d = json.loads(text)
        for f in d["findings"]:
            del f["offset"]
        out.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
PY
documents=$(wc -l <single.jsonl)
findings=$(grep -o '"rule":' single.jsonl | wc -l)
[ "$findings" -gt 1000 ] || { echo "too few findings to compare: $findings"; exit 1; }
sort located.jsonl >a.sorted
sort single-no-offsets.jsonl >b.sorted
cmp -s a.sorted b.sorted || { diff a.sorted b.sorted | head; echo "parallel and single runs differ"; exit 1; }
# -k keeps the order too.
cmp -s located.jsonl single-no-offsets.jsonl || { echo "order differs"; exit 1; }
echo "scale: $documents documents, $findings findings: parallel (4 jobs) equals one process"
