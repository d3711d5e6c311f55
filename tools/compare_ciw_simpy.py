#!/usr/bin/env python3
"""Compare acd with SimPy, Ciw and the exact Erlang A figures on one M/M/n+M queue.

A comparison tool for developers, not part of the product, its tests or CI.
It runs Scenarios/mmn-plus-m.yaml (Poisson arrivals at 6000/h, exponential
handle time of mean 180 s and patience of mean 120 s, 310 agents, service
level within 20 s, 9 h per replication of which the first hour is warm-up,
10 replications) in acd (`acd simulate --format json`), in a hand-written
SimPy model (a Resource of 310, patience as `yield req | env.timeout(p)`) and
in Ciw (`reneging_time_distributions`). It prints, per figure, the exact
Erlang A value (`acd erlang --model a`) and each tool's mean with its 95%
Student-t interval over replications (acd's as it reports it, cut to the
figure's range; `*`: the exact value lies outside it), then each tool's speed in simulated calls (arrivals
after the warm-up) per wall-clock second.

All three count alike: a contact belongs to the period it arrives in, arrivals
stop at the horizon and contacts still in the system are played out;
occupancy is busy over staffed agent-time from the warm-up to the horizon.

Run from the repository root, after `swift build -c release`:

    pip install simpy ciw
    python3 tools/compare_ciw_simpy.py [--replications N] [--hours H] [--acd PATH] [--skip-ciw]

Ciw is slow (a few minutes per million calls): --skip-ciw leaves it out, and
--hours shortens every replication (warm-up included).
"""
import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(REPO, "Scenarios", "mmn-plus-m.yaml")

# The model, as in Scenarios/mmn-plus-m.yaml (times in seconds).
RATE = 6000 / 3600          # arrivals per second
AHT = 180.0                 # mean handle time
PATIENCE = 120.0            # mean patience
AGENTS = 310
THRESHOLD = 20.0            # service-level threshold
WARMUP = 3600.0
HOURS = 9.0

FIGURES = [  # (key, label, scale, unit)
    ("service_level", "service level", 100, "%"),
    ("service_level_answered", "SL over answered", 100, "%"),
    ("asa", "ASA", 1, "s"),
    ("abandon_rate", "abandonment", 100, "%"),
    ("occupancy", "occupancy", 100, "%"),
]

# Two-sided 95% Student-t quantiles for 1..30 degrees of freedom.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t_interval(values):
    """Mean and 95% interval (low, high) over two or more replications."""
    n = len(values)
    mean = statistics.fmean(values)
    t = T975[n - 2] if n <= 31 else 1.96 + 2.37 / (n - 1)  # first-order expansion past 30 df
    half = t * statistics.stdev(values) / math.sqrt(n)
    return mean, mean - half, mean + half


def figures(offered, answered, within, wait_sum, abandoned, busy, end):
    """One replication's figures from its post-warm-up counts."""
    ratio = lambda a, b: a / b if b else float("nan")
    return {"service_level": ratio(within, offered), "service_level_answered": ratio(within, answered),
            "asa": ratio(wait_sum, answered), "abandon_rate": ratio(abandoned, offered),
            "occupancy": busy / (AGENTS * (end - WARMUP))}


def overlap(start, stop, end):
    """Length of [start, stop) inside the reporting window [WARMUP, end)."""
    return max(0.0, min(stop, end) - max(start, WARMUP))


def simpy_replication(seed, end):
    import simpy
    rng = random.Random(seed)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    c = dict(offered=0, answered=0, within=0, wait_sum=0.0, abandoned=0, busy=0.0)

    def contact(talk, patience):
        arrival = env.now
        counted = arrival >= WARMUP
        with agents.request() as req:
            result = yield req | env.timeout(patience)
            if req not in result:            # patience ran out first
                if counted:
                    c["abandoned"] += 1
                return                        # leaving the `with` cancels req
            wait = env.now - arrival
            if counted:
                c["answered"] += 1
                c["wait_sum"] += wait
                c["within"] += wait <= THRESHOLD
            c["busy"] += overlap(env.now, env.now + talk, end)
            yield env.timeout(talk)

    def source():
        while True:
            gap = rng.expovariate(RATE)
            if env.now + gap >= end:         # arrivals stop at the horizon
                return
            yield env.timeout(gap)
            c["offered"] += env.now >= WARMUP
            env.process(contact(rng.expovariate(1 / AHT), rng.expovariate(1 / PATIENCE)))

    env.process(source())
    env.run()                                # plays out contacts still in the system
    return c["offered"], figures(end=end, **c)


def ciw_replication(seed, end):
    import ciw

    class ArrivalsUntil(ciw.dists.Distribution):
        """Exponential gaps; no arrival at or after the horizon."""
        def sample(self, t=None, ind=None):
            gap = random.expovariate(RATE)
            return gap if t + gap < end else float("inf")

    ciw.seed(seed)
    sim = ciw.Simulation(ciw.create_network(
        arrival_distributions=[ArrivalsUntil()],
        service_distributions=[ciw.dists.Exponential(1 / AHT)],
        reneging_time_distributions=[ciw.dists.Exponential(1 / PATIENCE)],
        number_of_servers=[AGENTS]))
    # With no arrivals left the run ends when the system empties: this plays them out.
    sim.simulate_until_max_time(end + 86400)
    offered = answered = within = abandoned = 0
    wait_sum = busy = 0.0
    for r in sim.get_all_records(include_incomplete=True):
        if r.record_type == "service":
            busy += overlap(r.service_start_date, r.service_end_date, end)
        counted = r.arrival_date >= WARMUP
        offered += counted
        if not counted:
            continue
        if r.record_type == "service":
            answered += 1
            wait_sum += r.waiting_time
            within += r.waiting_time <= THRESHOLD
        elif r.record_type == "renege":
            abandoned += 1
        else:
            raise RuntimeError(f"unexpected Ciw record {r.record_type}")
    return offered, figures(offered, answered, within, wait_sum, abandoned, busy, end)


def run_python(replication, seed_base, replications, end):
    """Runs the replications; returns per-figure values, calls and wall seconds."""
    values = {key: [] for key, *_ in FIGURES}
    calls = 0
    start = time.perf_counter()
    for r in range(replications):
        offered, figs = replication(seed_base + r, end)
        calls += offered
        for key in values:
            values[key].append(figs[key])
    wall = time.perf_counter() - start
    return {k: t_interval(v) for k, v in values.items()}, calls, wall


def run_acd(acd, replications, hours, threads):
    with tempfile.TemporaryDirectory() as tmp:
        scenario = SCENARIO
        if hours != HOURS:  # a copy of the scenario with the new horizon
            with open(SCENARIO) as f:
                text = re.sub(r"(?m)^duration:.*$", f"duration: {hours * 3600:g}", f.read())
            scenario = os.path.join(tmp, "scenario.yaml")
            with open(scenario, "w") as f:
                f.write(text)
        cmd = [acd, "simulate", scenario, "--format", "json", "--quiet",
               "--replications", str(replications), "--out", os.path.join(tmp, "out")]
        cmd += ["--threads", str(threads)] if threads else []
        out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    o = out["overall"]
    stats = {k: (o[k]["mean"], o[k]["ci_low"], o[k]["ci_high"]) for k, *_ in FIGURES}
    return stats, out["calls"], out["wall_seconds"]


def erlang_a(acd):
    cmd = [acd, "erlang", "--model", "a", "--arrival-rate", str(RATE * 3600), "--aht", str(AHT),
           "--patience", str(PATIENCE), "--agents", str(AGENTS), "--target", str(THRESHOLD),
           "--format", "json"]
    e = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    e["abandon_rate"] = e["p_abandon"]
    return e


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--replications", type=int, default=10)
    p.add_argument("--hours", type=float, default=HOURS, help="horizon per replication, warm-up included")
    p.add_argument("--acd", default=os.path.join(REPO, ".build", "release", "acd"))
    p.add_argument("--acd-threads", type=int, help="acd worker threads (default: all cores)")
    p.add_argument("--skip-ciw", action="store_true")
    a = p.parse_args()
    if a.hours * 3600 <= WARMUP or a.replications < 2:
        sys.exit("--hours must exceed the 1 h warm-up and --replications be at least 2 (for an interval)")
    if not os.access(a.acd, os.X_OK):
        sys.exit(f"no acd binary at {a.acd}: run `swift build -c release` first")
    end = a.hours * 3600

    exact = erlang_a(a.acd)
    runs = {"acd": lambda: run_acd(a.acd, a.replications, a.hours, a.acd_threads),
            "SimPy": lambda: run_python(simpy_replication, 1_000, a.replications, end)}
    if not a.skip_ciw:
        runs["Ciw"] = lambda: run_python(ciw_replication, 2_000, a.replications, end)
    tools = {}  # name -> (stats, calls, wall seconds)
    for name, run in runs.items():
        print(f"{name}: {a.replications} replications of {a.hours:g} h...", file=sys.stderr, flush=True)
        tools[name] = run()

    cells = [["figure", "Erlang A exact"] + [f"{n} (mean [95% CI])" for n in tools]]
    for key, label, scale, unit in FIGURES:
        row = [f"{label} ({unit})", f"{exact[key] * scale:.3f}"]
        for stats, _, _ in tools.values():
            mean, low, high = stats[key]
            flag = " " if low <= exact[key] <= high else "*"
            row.append(f"{mean * scale:.3f} [{low * scale:.3f}, {high * scale:.3f}]{flag}")
        cells.append(row)
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    for i, r in enumerate(cells):
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    print("* exact value outside the tool's 95% interval")

    print("\nspeed (simulated calls after warm-up per wall second; acd: its own wall_seconds,"
          f" {a.acd_threads or 'all'} thread(s); Python tools: one thread)")
    speed = {name: calls / wall for name, (_, calls, wall) in tools.items()}
    for name, (_, calls, wall) in tools.items():
        print(f"  {name:6} {calls:>9,} calls in {wall:8.2f} s = {speed[name]:>12,.0f} calls/s")
    for name in tools:
        if name != "acd":
            print(f"  acd is {speed['acd'] / speed[name]:,.0f}x as fast as {name}")


if __name__ == "__main__":
    main()
