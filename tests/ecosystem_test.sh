#!/usr/bin/env bash
# The CI recipes of docs/ci.md as a runner runs them: the pre-commit hooks of
# .pre-commit-hooks.yaml (entry + the staged files that match `files`), the GitHub Actions steps
# (GITHUB_ACTIONS=true, stdout a log) and the GitLab JUnit step.
# Usage: ecosystem_test.sh PSS_BINARY REPOSITORY_ROOT
set -euo pipefail
pss=$1
root=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/bin" "$scratch/repo"
ln -s "$pss" "$scratch/bin/pss-inspect" # language: system: pss-inspect on the PATH
export PATH="$scratch/bin:$PATH"
unset GITHUB_WORKSPACE
fail() {
  echo "FAIL: $*"
  exit 1
}
cd "$scratch/repo"
mkdir .git fixtures
cp "$root/testdata/examples/apple-pay-succeeded.json" fixtures/ok.json
printf '{"status":"succeeded","status_code":200}\n' >fixtures/compact.json
printf 'not a session\n' >fixtures/notes.txt

# pre-commit: run each hook's entry on the files its `files` pattern selects.
run_hook() {
  /usr/bin/python3 - "$root/.pre-commit-hooks.yaml" "$1" fixtures/* <<'PY'
import re, shlex, subprocess, sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1]))}
hook = hooks[sys.argv[2]]
assert hook["language"] == "system"
files = [f for f in sys.argv[3:] if re.search(hook["files"], f)]
sys.exit(subprocess.run(shlex.split(hook["entry"]) + files).returncode)
PY
}
run_hook pss-inspect-check >/dev/null || fail "pss-inspect-check on valid fixtures"
before=$(cat fixtures/compact.json)
run_hook pss-inspect-fmt || fail "pss-inspect-fmt"
[ "$(cat fixtures/compact.json)" != "$before" ] || fail "pss-inspect-fmt changed nothing"
printf '{"status": "Failed"}\n' >fixtures/bad.json
if run_hook pss-inspect-check >/dev/null 2>&1; then fail "pss-inspect-check passed a bad file"; fi

# GitHub Actions: the format is github without --format; the SARIF step keeps exit 1 as success.
out=$(cd fixtures && GITHUB_ACTIONS=true pss-inspect check ../fixtures/ || true)
grep -q '^::error file=fixtures/bad.json,line=1,col=12,title=field.enum::' <<<"$out" ||
  fail "annotations: $out"
grep -q '^::notice title=pss-inspect::' <<<"$out" || fail "no summary notice: $out"
GITHUB_ACTIONS=true bash -c 'pss-inspect check --format sarif -o pss-inspect.sarif fixtures/ || [ $? -eq 1 ]' ||
  fail "the SARIF step failed"
grep -q '"uri":"fixtures/bad.json","uriBaseId":"%SRCROOT%"' pss-inspect.sarif || fail "SARIF uri"

# GitLab: the JUnit report is written even though the job fails.
if pss-inspect check --format junit -o pss-inspect.xml fixtures/ 2>/dev/null; then fail "junit exit 0"; fi
grep -q '<testsuite name="fixtures/bad.json" tests="1" failures="1" errors="0"' pss-inspect.xml ||
  fail "junit report: $(cat pss-inspect.xml)"
echo "ecosystem: all passed"
