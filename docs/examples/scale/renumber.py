#!/usr/bin/env python3
"""Gives findings from `parallel -k --pipe ... pss-inspect check --lines --format json` their
place in the whole input back.

Each job sees only its block of lines on stdin, so its "file" is "<stdin>" and its "line" and
"offset" count from the block's start. With -k (--keep-order) the blocks' outputs come back in
input order, and --format json writes exactly one object per document, so the N-th object is
the N-th document: its line in the input is N when the input has no blank lines (pss-inspect
skips blank lines; remove them first, e.g. grep -v '^$'). Columns need no change (a document
starts its line); byte offsets cannot be recovered and are dropped.

Usage: renumber.py NAME < findings.jsonl   (NAME: the input's name to put in "file")
"""
import json
import sys

name = sys.argv[1]
for number, text in enumerate(sys.stdin, 1):
    document = json.loads(text)
    shift = number - document["line"]
    document["file"] = name
    document["line"] = number
    for finding in document["findings"]:
        finding["line"] += shift
        del finding["offset"]
    print(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
