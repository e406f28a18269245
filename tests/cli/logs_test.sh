#!/usr/bin/env bash
# Logs: --statistics agrees with the records of --format json; .gz and .zst read as the plain file
# (same findings, same lines); the aggregate inspect is the same for any -j; stdin is sniffed.
# Usage: logs_test.sh PSS_INSPECT_BINARY REPO_ROOT
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# A generated log: valid sessions, warnings, errors, lines that are not JSON, blank lines.
python3 - "$work/log.jsonl" <<'PY'
import json, random, sys
random.seed(7)
with open(sys.argv[1], "w") as out:
    for i in range(5000):
        r = random.random()
        if r < 0.03:
            out.write('{"status":"failed",\n')  # not JSON
            continue
        if r < 0.04:
            out.write("\n")
            continue
        status = random.choice(["succeeded", "failed", "Failed", "succeeded"])
        doc = {"type": "payment-service-session", "status": status}
        if random.random() < 0.8:
            doc["code"] = None if status == "succeeded" else random.choice(["UNKNOWN_ERROR", "TIMEOUT", None])
        if random.random() < 0.9:
            doc["status_code"] = random.choice([200, 201, 502, 504, 700])
        if random.random() < 0.7:
            doc["response_body"] = {"id": "x" * random.randint(0, 300), "n": i}
        if random.random() < 0.05:
            doc["stauts"] = "x"
        out.write(json.dumps(doc, separators=(",", ":")) + "\n")
PY

"$bin" check --format json "$work/log.jsonl" >"$work/records" 2>/dev/null
"$bin" check --statistics --format json "$work/log.jsonl" >"$work/stats" 2>/dev/null
python3 - "$work/records" "$work/stats" <<'PY' || fail "--statistics differs from counts of --format json"
import json, sys, collections
findings, documents = collections.Counter(), collections.Counter()
records = [json.loads(line) for line in open(sys.argv[1])]
for record in records:
    rules = [f["rule"] for f in record["findings"]]
    findings.update(rules)
    documents.update(set(rules))
stats = json.load(open(sys.argv[2]))
got_findings = {r["rule"]: r["findings"] for r in stats["rules"]}
got_documents = {r["rule"]: r["documents"] for r in stats["rules"]}
assert stats["documents"] == len(records), (stats["documents"], len(records))
assert stats["invalid"] == sum(not r["valid"] for r in records)
assert got_findings == dict(findings), (got_findings, findings)
assert got_documents == dict(documents), (got_documents, documents)
for r in stats["rules"]:
    first = next(f for rec in records for f in rec["findings"] if f["rule"] == r["rule"])
    assert (r["first"]["line"], r["first"]["column"]) == (first["line"], first["column"])
PY

# Compressed copies: the same records, line numbers of the decompressed text.
gzip -c "$work/log.jsonl" >"$work/log.jsonl.gz"
zstd -q -c "$work/log.jsonl" >"$work/log.jsonl.zst"
sed 's#"file":"[^"]*"#"file":"F"#' "$work/records" >"$work/plain"
for ext in gz zst; do
  "$bin" check --format json "$work/log.jsonl.$ext" 2>/dev/null | sed 's#"file":"[^"]*"#"file":"F"#' >"$work/$ext"
  cmp -s "$work/plain" "$work/$ext" || fail ".$ext findings differ from the plain file's"
  "$bin" check --format json - <"$work/log.jsonl.$ext" 2>/dev/null | sed 's#"file":"[^"]*"#"file":"F"#' >"$work/$ext.stdin"
  cmp -s "$work/plain" "$work/$ext.stdin" || fail ".$ext on stdin differs from the plain file"
done

# stdin is sniffed as JSON Lines: the same records as the file.
"$bin" check --format json - <"$work/log.jsonl" 2>/dev/null | sed 's#"file":"[^"]*"#"file":"F"#' >"$work/stdin"
cmp -s "$work/plain" "$work/stdin" || fail "stdin JSON Lines differ from the file's records"

# The aggregate report does not depend on -j, and counts every record.
"$bin" inspect -j 1 --format json "$work/log.jsonl" >"$work/agg1" 2>/dev/null
"$bin" inspect -j 3 --format json "$work/log.jsonl" >"$work/agg3" 2>/dev/null
cmp -s "$work/agg1" "$work/agg3" || fail "inspect's aggregate differs between -j 1 and -j 3"
python3 - "$work/agg1" "$work/records" <<'PY' || fail "inspect's aggregate disagrees with the records"
import json, sys
agg = json.load(open(sys.argv[1]))
records = [json.loads(line) for line in open(sys.argv[2])]
assert agg["documents"] == len(records)
assert agg["valid"] == sum(r["valid"] for r in records)
assert sum(o["documents"] for o in agg["outcomes"]) + agg["not_json"] == len(records)
PY

# fmt keeps every line of a log with bad lines and blank lines: line N out is line N in.
want=$(wc -l <"$work/log.jsonl")
got=$("$bin" fmt --redact --compact "$work/log.jsonl" 2>/dev/null | wc -l)
[ "$want" = "$got" ] || fail "fmt --redact wrote $got lines for $want"
# ... each in its place: the lines that are not JSON and the blank lines have the same numbers.
"$bin" fmt --redact --compact "$work/log.jsonl" 2>/dev/null >"$work/log.fmt.jsonl"
for pattern in '{"status":"failed",' ''; do
  cmp -s <(grep -nxF -- "$pattern" "$work/log.jsonl" | cut -d: -f1) \
    <(grep -nxF -- "$pattern" "$work/log.fmt.jsonl" | cut -d: -f1) ||
    fail "fmt --redact moved the lines '$pattern'"
done

exit $status
