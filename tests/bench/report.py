#!/usr/bin/env python3
"""Writes build-bench/report.md from the files tests/bench/run.sh leaves in
build-bench/results/: rows.tsv (id, group, status, command), one hyperfine
--export-json file per measured row, memory.tsv and notes.txt. Stdlib only."""

import argparse
import datetime
import json
import os
import platform
import subprocess

LABELS = {
    "ref": "reference (simdjson DOM, per line)",
    "pss_j1": "pss-inspect check -q -j 1",
    "pss_j2": "pss-inspect check -q -j 2",
    "pss": "pss-inspect check -q",
    "pss_fmt": "pss-inspect fmt --compact",
    "pss_diff": "pss-inspect diff --format json (1 % of records changed)",
    "jq": "jq -cR 'fromjson?'",
    "python": "python3 python_check.py (json + jsonschema)",
    "cat": "cat DIR/*",
    "ref_dir": "reference DIR",
    "pss_dir": "pss-inspect check -q DIR",
    "ajv": "ajv validate --spec=draft2020",
}
MEMORY_LABELS = {
    "ref": "reference big.jsonl",
    "pss": "pss-inspect check -q big.jsonl",
    "pss_dir": "pss-inspect check -q DIR",
    "pss_fmt": "pss-inspect fmt --compact big.jsonl",
    "pss_diff": "pss-inspect diff --format json clean.jsonl changed.jsonl",
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


def fmt_ratio(x):
    return "n/a" if x is None else "%.2f" % x


def div(a, b):
    return None if a is None or b is None or b == 0 else a / b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--big", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--repro", required=True)
    ap.add_argument("--commit", default="")
    ap.add_argument("--versions", default="")
    ap.add_argument("--elapsed", default="")
    a = ap.parse_args()

    big_bytes = os.path.getsize(a.big)
    with open(a.big, "rb") as f:
        big_lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    dir_files = [e for e in os.scandir(a.dir) if e.is_file()]
    dir_bytes = sum(e.stat().st_size for e in dir_files)
    size = {"jsonl": big_bytes, "dir": dir_bytes}

    rows = []
    with open(os.path.join(a.results, "rows.tsv")) as f:
        for line in f:
            rid, group, status, cmd = line.rstrip("\n").split("\t", 3)
            med = mean = sd = None
            codes = ""
            path = os.path.join(a.results, rid + ".json")
            if status == "ok" and os.path.exists(path):
                with open(path) as jf:
                    r = json.load(jf)["results"][0]
                med, mean, sd = r["median"], r["mean"], r.get("stddev")
                ec = sorted(set(r.get("exit_codes") or []))
                codes = ",".join(str(c) for c in ec)
            rows.append({"id": rid, "group": group, "status": status, "cmd": cmd,
                         "median": med, "mean": mean, "sd": sd, "codes": codes})
    med = {r["id"]: r["median"] for r in rows}

    out = []
    w = out.append
    w("# pss-inspect benchmark")
    w("")
    w("- date: %s" % datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"))
    w("- machine: `%s`, nproc %s, CPU: %s" % (sh("uname", "-srm"), sh("nproc"), cpu_model()))
    w("- commit: %s" % a.commit)
    w("- tools: %s" % a.versions)
    w("- reproduce (from the repository root): `%s`" % a.repro)
    w("- corpus: `%s`, %.1f MiB, %d lines (about 1 %% invalid); folder `%s`, %d pretty-printed "
      "valid session files, %.2f MiB" % (a.big, big_bytes / 2**20, big_lines, a.dir,
                                          len(dir_files), dir_bytes / 2**20))
    w("- timings: hyperfine, 1 warm-up run then %s runs, median whole-process wall time "
      "(input in the page cache)%s" % (os.environ.get("BENCH_RUNS", "?"),
                                       "; whole script took %s s" % a.elapsed if a.elapsed else ""))
    w("")
    w("## Times")
    w("")
    w("JSON Lines rows: ratio = median / median of the reference. Folder rows: ratio = median / median of `cat`.")
    w("")
    w("| command | median s | ± sd | MiB/s | ratio | exit codes | full command |")
    w("|---|---:|---:|---:|---:|---|---|")
    for r in rows:
        base = med.get("ref") if r["group"] == "jsonl" else med.get("cat")
        mibs = div(size[r["group"]] / 2**20, r["median"])
        label = LABELS.get(r["id"], r["id"])
        shown = r["status"] if r["median"] is None else fmt_s(r["median"])
        w("| %s | %s | %s | %s | %s | %s | `%s` |" % (
            label, shown,
            "n/a" if r["sd"] is None else "%.3f" % r["sd"],
            "n/a" if mibs is None else "%.0f" % mibs,
            fmt_ratio(div(r["median"], base)), r["codes"] or "-",
            r["cmd"].replace("|", "\\|")))
    w("")
    w("## Ratios")
    w("")
    pss = med.get("pss")
    w("- pss-inspect check vs the reference (limit): %s x the reference's time" % fmt_ratio(div(pss, med.get("ref"))))
    w("- speed-up of -j 2 over -j 1: %s" % fmt_ratio(div(med.get("pss_j1"), med.get("pss_j2"))))
    w("- pss-inspect check (default -j) over jq: %s times faster" % fmt_ratio(div(med.get("jq"), pss)))
    w("- pss-inspect check (default -j) over Python + jsonschema: %s times faster" % fmt_ratio(div(med.get("python"), pss)))
    w("- pss-inspect check DIR over ajv on the same folder: %s times faster" % fmt_ratio(div(med.get("ajv"), med.get("pss_dir"))))
    w("- pss-inspect check DIR vs cat DIR/*: %s x cat's time" % fmt_ratio(div(med.get("pss_dir"), med.get("cat"))))
    w("- pss-inspect fmt --compact over jq: %s times faster" % fmt_ratio(div(med.get("jq"), med.get("pss_fmt"))))
    w("- pss-inspect diff (two files) over jq (one file): %s times faster" % fmt_ratio(div(med.get("jq"), med.get("pss_diff"))))
    w("")
    w("## Peak resident memory (GNU time -v)")
    w("")
    w("| run | max RSS MiB | command |")
    w("|---|---:|---|")
    with open(os.path.join(a.results, "memory.tsv")) as f:
        for line in f:
            mid, kb, cmd = line.rstrip("\n").split("\t", 2)
            w("| %s | %s | `%s` |" % (MEMORY_LABELS.get(mid, mid),
                                     "n/a" if not kb else "%.1f" % (int(kb) / 1024), cmd))
    w("")
    w("## Notes")
    w("")
    with open(os.path.join(a.results, "notes.txt")) as f:
        for line in f:
            if line.strip():
                w("- " + line.strip())
    w("- n/a: the command failed its probe run (pss-inspect not built, or subcommand/option not "
      "supported yet; see build-bench/logs/probe-*.err) or hyperfine failed.")
    w("- jq runs as `jq -cR 'fromjson?'` (each line read as a string, then parsed) because "
      "`jq -c .` stops at the first invalid line and would time only the start of the corpus.")
    w("- The reference and python_check.py check the five top-level fields only; neither "
      "detects nested duplicate keys (the reference does reject repeated top-level fields). "
      "pss-inspect exits 1 when a document is invalid, so its rows run with hyperfine -i.")
    w("")
    with open(a.out, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
