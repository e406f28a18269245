#!/usr/bin/env python3
"""Writes OUT/report.md from the files tests/bench/run.sh leaves in OUT/results/:
pairs.tsv (id, status, reference command, command, peak KiB of each, the command run for the
peak), one hyperfine --export-json file per measured pair (results[0] the reference,
results[1] the command), tools.tsv and tool-*.json (other tools), facts.tsv and notes.txt.
Stdlib only.

Exit status: 0; with --smoke, 1 when a row could not be measured (the script has rotted)."""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys

# id: (command, input, limit program, target throughput ratio or None,
#      peak memory limit in MiB or "2x" the document's size)
PAIRS = {
    "check_q": ("`check -qq` (the issue's `-q`: exit status only)", "realistic log",
                "per-line DOM parse, five fields read", 0.80, 64),
    "check_q_j1": ("`check -qq -j 1` (one thread, for scale)", "realistic log",
                   "per-line DOM parse, five fields read", None, 64),
    "check_q_strict": ("`check -qq --strict` (warnings decide the exit status: every rule runs)",
                       "realistic log", "per-line DOM parse, five fields read", None, 64),
    "check_q_warn": ("`check -qq` (the issue's `-q`: exit status only)",
                     "log where most sessions carry a warning",
                     "per-line DOM parse, five fields read", 0.75, 64),
    "check_findings_warn": ("`check -q` (every finding with its source line)",
                            "log where most sessions carry a warning",
                            "per-line DOM parse, five fields read", None, 64),
    "check_json_warn": ("`check --format json` (every finding located and printed)",
                        "log where most sessions carry a warning",
                        "per-line DOM parse, five fields read", 0.50, 64),
    "fmt_compact": ("`fmt --compact`", "realistic log",
                    "DOM-validate each line, write it with `simdjson::minify`", 0.70, 64),
    "fmt_pretty": ("`fmt` (pretty)", "realistic log",
                   "DOM-validate, re-indent the bytes in one pass", 0.60, 64),
    "diff_json": ("`diff --format json`", "two logs, 1 % of records changed",
                  "two DOM parses per pair, fields compared", 0.70, 64),
    "check_doc": ("`check`", "one large document",
                  "DOM parse of it, five fields read", 0.30, "2x"),
    "inspect": ("`inspect` (issue 9: one aggregate report) [1]", "realistic log",
                "`check -q` on the same log", 0.80, 64),
}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt_s(x):
    return "n/a" if x is None else ("%.3f" % x if x < 10 else "%.2f" % x)


def fmt_mib(kb):
    return "n/a" if not kb else "%.1f" % (int(kb) / 1024)


def div(a, b):
    return None if a is None or b is None or b == 0 else a / b


def mib(path):
    return os.path.getsize(path) / 2**20 if path and os.path.exists(path) else 0.0


def count_lines(path):
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def hyperfine(path):
    """The hyperfine results in PATH: a list of {median, stddev, exit codes}."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        out = []
        for r in json.load(f)["results"]:
            codes = sorted(set(r.get("exit_codes") or []))
            out.append({"median": r["median"], "sd": r.get("stddev"),
                        "codes": ",".join(str(c) for c in codes) or "-"})
        return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--big", required=True)
    ap.add_argument("--warn", required=True)
    ap.add_argument("--doc", required=True)
    ap.add_argument("--mem", required=True)
    ap.add_argument("--dir")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repro", required=True)
    ap.add_argument("--commit", default="")
    ap.add_argument("--versions", default="")
    ap.add_argument("--elapsed", default="")
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()

    facts = dict((row + [""])[:2] for row in read_tsv(os.path.join(a.results, "facts.tsv")))
    doc_mib = mib(a.doc)
    problems = []

    out = []
    w = out.append
    w("# pss-inspect benchmark" + (" (SMOKE RUN: tiny inputs, one run; the ratios mean nothing)"
                                   if a.smoke else ""))
    w("")
    w("- date: %s" % datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"))
    w("- machine: `%s`, nproc %s, CPU: %s, load average (1 min) at the end: %.2f"
      % (sh("uname", "-srm"), sh("nproc"), cpu_model(), os.getloadavg()[0]))
    w("- commit: %s" % a.commit)
    w("- tools: %s" % a.versions)
    w("- reproduce (from the repository root): `%s`" % a.repro)
    w("- realistic log `%s`: %.1f MiB, %d lines; reference: `%s`"
      % (a.big, mib(a.big), count_lines(a.big), facts.get("ref_big", "?")))
    w("- warning-heavy log `%s` (a payment service that never sends `code` and fails 75 %% of the "
      "time): %.1f MiB, %d lines; reference: `%s`; check: %s"
      % (a.warn, mib(a.warn), count_lines(a.warn), facts.get("ref_warn", "?"),
         facts.get("warn_sample", "n/a")))
    w("- large document `%s`: %.1f MiB, pretty-printed, %d lines; check: %s"
      % (a.doc, doc_mib, count_lines(a.doc), facts.get("doc_findings", "n/a")))
    w("- timings: hyperfine, %s warm-up run then %s runs of each command, the reference and the "
      "command in the same hyperfine invocation (reference first); medians of whole-process wall "
      "time, input in the page cache, stdout to /dev/null%s"
      % ("no" if a.smoke else "1", os.environ.get("BENCH_RUNS", "?"),
         "; the whole script took %s s" % a.elapsed if a.elapsed else ""))
    w("")
    w("## Speed")
    w("")
    w("ratio = the command's throughput as a fraction of the limit program's on the same input "
      "= reference median / command median (1.00: as fast as the limit; higher is better). "
      "pss-inspect runs with its default `-j` (one thread per core); every reference is "
      "single-threaded.")
    w("")
    w("peak MiB: GNU `time -v` maximum resident set size of one more run of the command (and "
      "of its reference), with the log replaced by %.0f MiB of JSON Lines (copies of the same "
      "log; diff: of both logs); the large document row on the document itself. Memory limit: "
      "64 MiB for JSON Lines, about twice the size for the single document."
      % mib(a.mem))
    w("")
    w("| command | input | limit program (reference) | reference s | command s | ratio | target "
      "| met | peak MiB (command / reference) | memory limit MiB | met | exit |")
    w("|---|---|---|---:|---:|---:|---:|---|---:|---:|---|---|")
    pairs = read_tsv(os.path.join(a.results, "pairs.tsv"))
    for row in pairs:
        rid, status, ref_cmd, cmd, ref_kb, kb, mem_cmd = (row + [""] * 7)[:7]
        label, inp, limit, target, mem_limit = PAIRS.get(rid, (rid, "", "", None, None))
        if rid == "check_doc":
            inp = "one %.0f MiB document, %s" % (doc_mib, facts.get("doc_findings", "? findings")
                                                 .split(" (")[0])
        if mem_limit == "2x":
            mem_limit = 2 * doc_mib
        mem_met = "-" if mem_limit is None or not kb else (
            "met" if int(kb) / 1024 <= mem_limit else "NOT met")
        mem_cells = "%s / %s | %s | %s" % (fmt_mib(kb), fmt_mib(ref_kb),
                                           "-" if mem_limit is None else "%.0f" % mem_limit,
                                           mem_met)
        res = hyperfine(os.path.join(a.results, rid + ".json")) if status == "ok" else None
        if res is None or len(res) != 2:
            if status == "ok":
                status = "failed"
            problems.append("%s: %s" % (rid, status))
            w("| %s | %s | %s | %s | %s | n/a | %s | n/a | %s | - |"
              % (label, inp, limit, status, status, "-" if target is None else "%.2f" % target,
                 mem_cells))
            continue
        ref, com = res
        ratio = div(ref["median"], com["median"])
        met = "-" if target is None or ratio is None else ("met" if ratio >= target else "NOT met")
        # Exit status 2 is trouble (the input was not read, or not all of it): no figure counts.
        if any(int(code) > 1 for code in str(com["codes"]).replace(",", " ").split()
               if code.strip().isdigit()):
            met = "NOT met (exit status above 1)"
            problems.append("%s: exit status above 1" % rid)
        w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |"
          % (label, inp, limit, fmt_s(ref["median"]), fmt_s(com["median"]),
             "n/a" if ratio is None else "%.2f" % ratio,
             "-" if target is None else ">= %.2f" % target, met, mem_cells, com["codes"]))
        if not kb:
            problems.append("%s: no peak memory" % rid)
    w("")
    w("[1] `inspect` runs as plain `inspect LOG` and measures whatever `inspect` does in the "
      "tested build: %s." % facts.get("inspect_kind", "n/a"))
    w("")
    w("Commands (run by hyperfine through sh; `reference` is tests/bench/reference.cpp):")
    w("")
    for row in pairs:
        rid, status, ref_cmd, cmd, ref_kb, kb, mem_cmd = (row + [""] * 7)[:7]
        w("- %s: `%s` vs `%s`; peak memory: `%s`" % (rid, cmd, ref_cmd, mem_cmd))
    w("")

    tools = read_tsv(os.path.join(a.results, "tools.tsv"))
    if tools:
        ref = check = None
        res = hyperfine(os.path.join(a.results, "check_q.json"))
        if res and len(res) == 2:
            ref, check = res[0]["median"], res[1]["median"]
        med = {}
        for tid, status, cmd in ((row + [""] * 3)[:3] for row in tools):
            res = hyperfine(os.path.join(a.results, "tool-%s.json" % tid)) \
                if status == "ok" else None
            med[tid] = res[0]["median"] if res else None

        def compare(tid):
            m = med.get(tid)
            if tid in ("jq", "python"):
                parts = []
                if div(m, ref):
                    parts.append("%.1f x the reference's time" % div(m, ref))
                if div(m, check):
                    parts.append("`check -qq` is %.1f x faster" % div(m, check))
                return "; ".join(parts) or "-"
            if tid in ("ref_dir", "check_dir") and div(m, med.get("cat_dir")):
                return "%.2f x `cat`'s time" % div(m, med.get("cat_dir"))
            if tid == "ajv" and div(m, med.get("check_dir")):
                return "`check -qq DIR` is %.1f x faster" % div(m, med.get("check_dir"))
            return "-"

        n_files = len(os.listdir(a.dir)) if a.dir and os.path.isdir(a.dir) else 0
        dir_mib = sum(e.stat().st_size for e in os.scandir(a.dir)) / 2**20 if n_files else 0
        w("## Other tools")
        w("")
        w("Each timed on its own. jq and Python run on the realistic log and are compared with "
          "the reference and `check -qq` of the first row; the folder rows use `%s` (%d small "
          "pretty-printed session files, %.2f MiB)." % (a.dir, n_files, dir_mib))
        w("")
        w("| command | median s | comparison | full command |")
        w("|---|---:|---|---|")
        for tid, status, cmd in ((row + [""] * 3)[:3] for row in tools):
            m = med.get(tid)
            w("| %s | %s | %s | `%s` |" % (tid, status if m is None else fmt_s(m), compare(tid),
                                          cmd.replace("|", "\\|")))
        w("")

    notes = read_tsv(os.path.join(a.results, "notes.txt"))
    w("## Notes")
    w("")
    for row in notes:
        w("- " + "\t".join(row))
    w("- n/a: the command failed its probe run on a sample of the input (2,000 lines, 200 with "
      "--smoke): unknown subcommand or option, crash, or exit status above 1 (see "
      "logs/probe-*.err); or hyperfine failed.")
    w("- pss-inspect exits 1 when a document is invalid (the logs hold about 1 % invalid lines), "
      "so hyperfine runs with -i; the exit column shows the codes seen.")
    w("- The references survive invalid documents (count them and go on). The check reference "
      "reads the five top-level fields only: no nested duplicate keys, no card numbers, no "
      "locations, no output.")
    w("")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))

    if a.smoke and problems:
        print("report.py: smoke run: not measured: " + "; ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
