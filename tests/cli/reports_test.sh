#!/usr/bin/env bash
# SARIF and JUnit reports checked against their published schemas (testdata/schemas/, see the
# README there) and for what a schema cannot say: percent-encoded repository-relative URIs,
# UTF-16 columns, rule indexes, one test suite per file, XML-forbidden characters removed.
# Usage: reports_test.sh PSS_BINARY REPOSITORY_ROOT
set -euo pipefail
pss=$1
root=$2
python=/usr/bin/python3 # Debian's, with python3-jsonschema
scratch=$(mktemp -d)
trap 'chmod -R u+w "$scratch"; rm -rf "$scratch"' EXIT
cd "$scratch"
export -n GITHUB_ACTIONS GITHUB_WORKSPACE 2>/dev/null || true
unset GITHUB_ACTIONS GITHUB_WORKSPACE

fail() {
  echo "FAIL: $*"
  exit 1
}

# A repository with names that need escaping: a space, non-ASCII, '%', '#', '&', a control
# character; a line with a character outside the BMP before the finding; JSON Lines.
mkdir -p .git "fix tures/sub" elsewhere
printf '{"status": "Succeeded"}\n' >"fix tures/café #1.json"
printf '{"😀": 1, "status": "Failed"}\n' >"fix tures/sub/emoji.json"
printf '{"status":"succeeded","status_code":200}\n{"status":"x"}\n\n{"status":"failed"}\n' \
  >"fix tures/log.jsonl"
printf '{"status": "bad"}' >"fix tures/a&b<c>$(printf '\001')\".json"
printf '{"status": "succeeded", "status_code": 200}' >"fix tures/ok.json"
printf '{"status": "x"}' >elsewhere/out.json

# --- SARIF ---
set +e
"$pss" check --format sarif "fix tures" >report.sarif
code=$?
set -e
[ "$code" = 1 ] || fail "sarif exit $code"
"$python" -m jsonschema -i report.sarif "$root/testdata/schemas/sarif-schema-2.1.0.json" \
  2>&1 | grep -v -i deprecat && fail "report.sarif does not match the SARIF 2.1.0 schema"
"$python" - "$scratch" <<'EOF'
import json, sys, urllib.parse
scratch = sys.argv[1]
log = json.load(open("report.sarif"))
assert log["version"] == "2.1.0"
assert len(log["runs"]) == 1, "one run"
run = log["runs"][0]
driver = run["tool"]["driver"]
rules = driver["rules"]
assert driver["name"] == "pss-inspect" and driver["version"]
assert driver["informationUri"].split(":")[0] in ("file", "https", "http")
for rule in rules:
    assert rule["helpUri"].split(":")[0] in ("file", "https", "http"), rule["helpUri"]
    assert "#" in rule["helpUri"] and rule["shortDescription"]["text"]
    assert rule["defaultConfiguration"]["level"] in ("error", "warning")
base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert base == "file://" + urllib.parse.quote(scratch + "/"), base
assert run["columnKind"] == "utf16CodeUnits"
assert run["invocations"][0]["executionSuccessful"] is True
results = run["results"]
uris = []
for r in results:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"], r
    assert r["level"] in ("error", "warning")
    loc = r["locations"][0]["physicalLocation"]
    art = loc["artifactLocation"]
    assert art["uriBaseId"] == "%SRCROOT%"
    uris.append(art["uri"])
    assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    assert r["partialFingerprints"]["pssInspect/v1"]
# RFC 3986: a space is %20, non-ASCII is its UTF-8 percent-encoded, '#' '%' '&' '<' encoded.
assert "fix%20tures/caf%C3%A9%20%231.json" in uris, uris
assert "fix%20tures/a%26b%3Cc%3E%01%22.json" in uris, uris
for uri in uris:
    assert urllib.parse.quote(urllib.parse.unquote(uri), safe="/-._~") == uri, uri
# UTF-16 columns: the emoji counts two code units, so "Failed" (character 20 of its line)
# starts at column 21.
emoji = [r for r in results if r["ruleId"] == "field.enum" and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("emoji.json")]
assert emoji[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 21, emoji
# JSON Lines: the file's lines, in input order.
log_lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results
             if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("log.jsonl")]
assert log_lines == [2, 4], log_lines
EOF

# The same findings in the json format: SARIF loses none.
set +e
json_findings=$("$pss" check --format json "fix tures" | "$python" -c '
import json, sys
print(sum(len(json.loads(line)["findings"]) for line in sys.stdin))')
set -e
sarif_results=$("$python" -c 'import json; print(len(json.load(open("report.sarif"))["runs"][0]["results"]))')
[ "$json_findings" = "$sarif_results" ] || fail "json has $json_findings findings, sarif $sarif_results"

# A file outside the repository (GITHUB_WORKSPACE names it) gets an absolute file URI; an unreadable input is a notification
# and makes the run unsuccessful (exit 2), the report still complete. /proc/self/mem opens and
# then fails to read (EIO at offset 0), even for root.
(cd "fix tures" && {
  set +e
  GITHUB_WORKSPACE="$scratch/fix tures" "$pss" check --format sarif -o ../outside.sarif \
    ../elsewhere/out.json /proc/self/mem 2>/dev/null
  echo $? >../outside.code
})
[ "$(cat outside.code)" = 2 ] || fail "outside: exit $(cat outside.code)"
"$python" -m jsonschema -i outside.sarif "$root/testdata/schemas/sarif-schema-2.1.0.json" \
  2>&1 | grep -v -i deprecat && fail "outside.sarif does not match the schema"
"$python" - "$scratch" <<'EOF'
import json, sys
run = json.load(open("outside.sarif"))["runs"][0]
uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
assert uri == {"uri": "file://" + sys.argv[1] + "/elsewhere/out.json"}, (uri, sys.argv)
invocation = run["invocations"][0]
assert invocation["executionSuccessful"] is False, invocation
note = invocation["toolExecutionNotifications"][0]
assert note["level"] == "error" and "/proc/self/mem" in note["message"]["text"], note
assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///proc/self/mem", note
EOF

# --- JUnit ---
set +e
"$pss" check --format junit "fix tures" >report.xml
code=$?
set -e
[ "$code" = 1 ] || fail "junit exit $code"
xmllint --noout --schema "$root/testdata/schemas/junit-10.xsd" report.xml 2>xmllint.err ||
  { cat xmllint.err; fail "report.xml does not match junit-10.xsd"; }
"$python" - <<'EOF'
import xml.etree.ElementTree as ET
suites = ET.parse("report.xml").getroot()
assert suites.tag == "testsuites"
by_name = {s.get("name"): s for s in suites.findall("testsuite")}
assert len(by_name) == 5, list(by_name)  # one per file
log = by_name["fix tures/log.jsonl"]
assert (log.get("tests"), log.get("failures"), log.get("errors")) == ("3", "1", "0"), log.attrib
names = [c.get("name") for c in log.findall("testcase")]
assert names == ["fix tures/log.jsonl:1", "fix tures/log.jsonl:2", "fix tures/log.jsonl:4"], names
failure = log.findall("testcase")[1].find("failure")
assert failure.get("type") == "field.enum" and "fix tures/log.jsonl:2:11: error[field.enum]" in failure.text
# A valid document with warnings passes; its findings are shown in <system-out>.
assert "warning[session.failed-without-code]" in log.findall("testcase")[2].find("system-out").text
# The control character in the file name is removed; &, <, > and " come back as they were.
assert 'fix tures/a&b<c>".json' in by_name, list(by_name)
ok = by_name["fix tures/ok.json"]
assert ok.find("testcase").find("failure") is None and ok.get("failures") == "0"
EOF
set +e
"$pss" check --format junit "fix tures/ok.json" /proc/self/mem >errors.xml 2>/dev/null
code=$?
set -e
[ "$code" = 2 ] || fail "junit with a missing file: exit $code"
xmllint --noout --schema "$root/testdata/schemas/junit-10.xsd" errors.xml 2>xmllint.err ||
  { cat xmllint.err; fail "errors.xml does not match junit-10.xsd"; }
grep -q '<testsuite name="/proc/self/mem" tests="1" failures="0" errors="1"' errors.xml ||
  fail "no error suite for /proc/self/mem: $(cat errors.xml)"

# Paths that name nothing (a missing file, a glob without a match) are in the report too, not
# only on stderr: a JUnit error suite, a SARIF notification.
set +e
"$pss" check --format junit "fix tures/ok.json" missing.json 'none*.json' >missing.xml 2>/dev/null
code=$?
"$pss" check --format sarif "fix tures/ok.json" missing.json >missing.sarif 2>/dev/null
sarif_code=$?
set -e
[ "$code" = 2 ] && [ "$sarif_code" = 2 ] || fail "missing paths: exit $code and $sarif_code"
xmllint --noout --schema "$root/testdata/schemas/junit-10.xsd" missing.xml 2>xmllint.err ||
  { cat xmllint.err; fail "missing.xml does not match junit-10.xsd"; }
grep -q '<error type="read" message="missing.json: No such file or directory"/>' missing.xml ||
  fail "no error for missing.json: $(cat missing.xml)"
grep -q '<error type="read" message="none\*.json: no file matches this pattern"/>' missing.xml ||
  fail "no error for the glob: $(cat missing.xml)"
"$python" -m jsonschema -i missing.sarif "$root/testdata/schemas/sarif-schema-2.1.0.json" \
  2>&1 | grep -v -i deprecat && fail "missing.sarif does not match the schema"
"$python" - <<'EOF'
import json
invocation = json.load(open("missing.sarif"))["runs"][0]["invocations"][0]
assert invocation["executionSuccessful"] is False, invocation
notes = invocation["toolExecutionNotifications"]
assert [n["message"]["text"] for n in notes] == ["missing.json: No such file or directory"], notes
EOF

echo "reports: all passed"
