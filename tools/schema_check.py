#!/usr/bin/env python3
"""Checks Scenarios/scenario.schema.json against acd with a real JSON Schema
validator (Python's jsonschema, Draft 2020-12).

CI runs only `swift test`, whose SchemaAgreementTests check the same cases
with a small validator of its own; this script is the independent check, run
by hand after changing the schema or the loader:

- every shipped scenario (Scenarios/*.yaml) is valid under the schema and
  loads in acd;
- every case of Tests/schema-cases.json loads in acd, or fails with the
  expected message, and the schema accepts it exactly when acd does; a case
  whose "schema" entry explains why JSON Schema cannot agree must still
  disagree, or the entry is out of date.

Documents are read as YAML 1.2 (ruamel.yaml), as editors read them.
Needs `pip install jsonschema ruamel.yaml`.

    swift build -c release --product acd
    python3 tools/schema_check.py --binary .build/release/acd

Exits 0 when every check passes, 1 when one fails.
"""
import argparse, glob, json, os, subprocess, sys, tempfile

import jsonschema
from ruamel.yaml import YAML

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def schema_verdict(validator, text):
    """None when the schema accepts the YAML text, else its first complaint."""
    document = json.loads(json.dumps(YAML(typ="safe", pure=True).load(text)))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    e = errors[0]
    return "/".join(map(str, e.absolute_path)) + ": " + e.message[:160]


def acd_verdict(binary, path, work):
    """None when acd simulates the file, else its error message."""
    run = subprocess.run([binary, "simulate", path, "--replications", "1", "--quiet", "--format", "json",
                          "--out", os.path.join(work, "out")], capture_output=True, text=True, timeout=600)
    return None if run.returncode == 0 else (run.stderr.strip() or f"exit {run.returncode}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "acd"))
    args = parser.parse_args()
    schema = json.load(open(os.path.join(ROOT, "Scenarios", "scenario.schema.json")))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0

    def fail(line):
        nonlocal failures
        failures += 1
        print("FAIL " + line)

    with tempfile.TemporaryDirectory() as work:
        for path in sorted(glob.glob(os.path.join(ROOT, "Scenarios", "*.yaml"))):
            text = open(path, encoding="utf-8").read()
            name = os.path.relpath(path, ROOT)
            schema, acd = schema_verdict(validator, text), acd_verdict(args.binary, path, work)
            if schema or acd:
                fail(f"{name}: schema: {schema or 'valid'}; acd: {acd or 'loads'}")
            else:
                print(f"ok   {name}")

        cases = json.load(open(os.path.join(ROOT, "Tests", "schema-cases.json")))
        for case in cases["cases"]:
            text = cases["base"]
            for old, new in case["edit"].items():
                assert old in text, f"'{old}' is not in the base scenario"
                text = text.replace(old, new, 1)
            path = os.path.join(work, "probe.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            label = json.dumps(case["edit"], ensure_ascii=False)
            schema, acd = schema_verdict(validator, text), acd_verdict(args.binary, path, work)
            expected = case["acd"]
            if (acd is None) != (expected is None) or (expected is not None and expected not in acd):
                fail(f"{label}: acd: {acd or 'loads'}; expected: {expected or 'loads'}")
            elif "schema" in case:
                if (schema is None) == (acd is None):
                    fail(f"{label}: schema and acd agree now; remove the limitation '{case['schema']}'")
                else:
                    print(f"ok   {label} (known: {case['schema']})")
            elif (schema is None) != (acd is None):
                fail(f"{label}: schema: {schema or 'valid'}; acd: {acd or 'loads'}")
            else:
                print(f"ok   {label}")
    print(f"{failures} failure(s)" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
