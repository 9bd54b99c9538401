#!/usr/bin/env bash
# Fit benchmarks in one command, with scipy beside them: JMH's fullGrid (Hoffmann's 4,500-start grid on the
# 240-run benchmark data), fullGridWithHoldout (the same plus the held-out check: what a default chinchilla
# fit without bootstrap computes) and backtest240Runs (a first GET .../backtest of that fit), then
# scripts/scipy-grid.py fitting the same runs from the same grid with L-BFGS-B. Ends with a Markdown table.
#
# Usage: scripts/bench-fit.sh            (from the repository root or anywhere)
# Environment: JMH_ARGS (default "-wi 1 -w 3 -i 3 -r 3 -f 1"), SCIPY_PROCESSES (default: every core),
#   SCIPY=0 skips scipy (it takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
JMH_ARGS=${JMH_ARGS:--wi 1 -w 3 -i 3 -r 3 -f 1}
OUT=target/bench-fit
mkdir -p "$OUT"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

./mvnw -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test > "$OUT/build.log" || { tail -40 "$OUT/build.log"; exit 1; }
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -cp "$CP" dev.scaleplan.bench.BenchmarkRuns > "$OUT/runs.csv"

# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main 'FitBenchmark.fullGridWithHoldout|FitBenchmark.fullGrid$|CrossCheckBenchmark.backtest240Runs' \
  $JMH_ARGS -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"
if [[ "${SCIPY:-1}" != 0 ]]; then
  echo "== scipy: 4,500 L-BFGS-B starts on the same runs"
  python3 scripts/scipy-grid.py "$OUT/runs.csv" ${SCIPY_PROCESSES:-} | tee "$OUT/scipy.txt"
else
  : > "$OUT/scipy.txt"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$OUT" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, re, sys, os
out, before, after = sys.argv[1:4]
jmh = {r["benchmark"].split(".")[-1]: r for r in json.load(open(f"{out}/jmh.json"))}
text = open(f"{out}/jmh.txt").read()
ours = re.search(r"objective at the best fit ([0-9.eE+-]+)", text)
scipy = dict(kv.split("=", 1) for kv in open(f"{out}/scipy.txt").read().split())
def ms(name):
    r = jmh.get(name)
    if not r:
        return None, "—"
    m = r["primaryMetric"]
    raw = ", ".join(f"{v:,.0f}" for v in m["rawData"][0])
    return m["score"], f"**{m['score']:,.0f}** ± {m['scoreError']:,.0f} ms ({raw})"
grid, grid_text = ms("fullGrid")
holdout, holdout_text = ms("fullGridWithHoldout")
backtest, backtest_text = ms("backtest240Runs")
print()
print(f"nproc {os.cpu_count()}; load average before {before}, after {after}; JMH {' '.join(jmh[next(iter(jmh))]['jvmArgs']) or 'default JVM'}")
print()
print("| what | figure | target | |")
print("|---|---|---|---|")
def verdict(value, bound):
    return "—" if value is None else ("met" if value <= bound else "missed")
print(f"| fullGrid (4,500 starts, 240 runs) | {grid_text} | — | |")
print(f"| fullGridWithHoldout (fit + held-out check) | {holdout_text} | ≤ 1,200 ms | {verdict(holdout, 1200)} |")
print(f"| backtest240Runs | {backtest_text} | ≤ 5,000 ms | {verdict(backtest, 5000)} |")
if scipy:
    wall = float(scipy["wall_s"]) * 1000
    print(f"| scipy L-BFGS-B, same 4,500 starts ({scipy['processes']} processes) | **{wall:,.0f} ms** wall, "
          f"{float(scipy['cpu_s']):,.1f} s CPU | — | |")
    if holdout:
        ratio = wall / holdout
        print(f"| scipy's grid / our fit + held-out check | **{ratio:,.0f}×** | ≥ 200× | {'met' if ratio >= 200 else 'missed'} |")
    print(f"| best objective: ours / scipy's | {ours.group(1) if ours else '?'} / {float(scipy['objective']):.15g} | ours ≤ scipy's | "
          f"{'met' if ours and float(ours.group(1)) <= float(scipy['objective']) else 'missed'} |")
PY
