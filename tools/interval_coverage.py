#!/usr/bin/env python3
"""Coverage of acd's per-interval service-level confidence intervals.

Runs `acd simulate SCENARIO --seed s` for seeds 1..N and counts the rows of
intervals.csv whose service_level_ci_low..ci_high holds the reference value:
a number (an analytic value such as Erlang A's, for a stationary scenario)
or, per interval and queue, the service_level column of a reference run's
intervals.csv (e.g. one with --replications 2000).

    tools/interval_coverage.py ACD SCENARIO SEEDS (VALUE | REFERENCE.csv) [--replications R]

Not part of CI: it takes a minute or more.
"""
import argparse, csv, subprocess, tempfile

parser = argparse.ArgumentParser()
parser.add_argument("acd")
parser.add_argument("scenario")
parser.add_argument("seeds", type=int)
parser.add_argument("reference")
parser.add_argument("--replications", default=None)
args = parser.parse_args()

try:
    constant = float(args.reference)
    reference = None
except ValueError:
    constant = None
    with open(args.reference) as f:
        reference = {(r["interval_start"], r["queue"]): r["service_level"] for r in csv.DictReader(f)}

covered = below = above = rows = 0
with tempfile.TemporaryDirectory() as out:
    for seed in range(1, args.seeds + 1):
        command = [args.acd, "simulate", args.scenario, "--seed", str(seed), "--quiet", "--out", out]
        if args.replications:
            command += ["--replications", args.replications]
        subprocess.run(command, check=True, capture_output=True)
        with open(f"{out}/intervals.csv") as f:
            for r in csv.DictReader(f):
                truth = constant if reference is None else reference.get((r["interval_start"], r["queue"]), "")
                if truth == "" or not r["service_level_ci_low"]:
                    continue
                truth = float(truth)
                low, high = float(r["service_level_ci_low"]), float(r["service_level_ci_high"])
                rows += 1
                covered += low <= truth <= high
                below += truth < low
                above += truth > high
print(f"{rows} interval CIs: coverage {covered / rows:.4f}, truth below {below / rows:.4f}, above {above / rows:.4f}")
