#!/usr/bin/env python3
"""Python comparison for the pss-inspect benchmarks.

  python_check.py SCHEMA.json FILE.jsonl [FILE.jsonl ...]

For each non-blank line: json.loads, then validation against the schema with
jsonschema.Draft202012Validator (Debian's python3-jsonschema; the validator
is built once). Prints: documents=N valid=V invalid=I

Like the reference program it does not see duplicate keys (json.loads keeps
the last one). Exit 0, or 2 on a usage or I/O error.
"""

import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("python_check.py: %s: %s" % (argv[1], e), file=sys.stderr)
        return 2
    is_valid = jsonschema.Draft202012Validator(schema).is_valid
    loads = json.loads
    documents = valid = 0
    for path in argv[2:]:
        try:
            with open(path, "rb") as f:
                for line in f:
                    if line.isspace():
                        continue
                    documents += 1
                    try:
                        doc = loads(line)
                    except ValueError:  # JSONDecodeError and UnicodeDecodeError
                        continue
                    if is_valid(doc):
                        valid += 1
        except OSError as e:
            print("python_check.py: %s: %s" % (path, e), file=sys.stderr)
            return 2
    print("documents=%d valid=%d invalid=%d" % (documents, valid, documents - valid))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
