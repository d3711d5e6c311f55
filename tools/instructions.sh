#!/bin/bash
# Instructions the simulator executes per simulated call, counted by
# valgrind (cachegrind, no cache model): exact and repeatable, unlike timings
# on a shared machine, so it compares two builds of a hot-path change.
#
#   tools/instructions.sh [binary] [scenario]     (defaults: .build/release/acd, mmn-plus-m)
#
# Runs 1 and 3 replications on one thread; the difference, divided by the
# post-warm-up calls of 2 replications, leaves out start-up and output.
# Needs valgrind (apt-get install valgrind). Valgrind 3.19 cannot read the
# DWARF 5 debug info of Swift binaries, so it runs a copy without it.
set -euo pipefail
binary=${1:-.build/release/acd}
scenario=${2:-Scenarios/mmn-plus-m.yaml}
copy=$(mktemp)
out=$(mktemp -d)
trap 'rm -rf "$copy" "$out"' EXIT
strip --strip-debug -o "$copy" "$binary"
chmod +x "$copy"
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$copy" simulate "$scenario" --threads 1 --quiet --replications "$1" --out "$out" 2>&1 >/dev/null |
    awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
}
one=$(count 1)
three=$(count 3)
calls=$("$binary" simulate "$scenario" --threads 1 --quiet --replications 2 --format json --out "$out" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["calls"])')
echo "$scenario: $(( (three - one) / calls )) instructions per call ($(( three - one )) for 2 replications, $calls calls)"
