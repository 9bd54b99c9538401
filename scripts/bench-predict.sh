#!/usr/bin/env bash
# Read-path benchmark: requests per second and latency of a prediction, a curve and a plan answered
# from a stored fit (no refitting), each measured with wrk while a liveness probe runs beside it, so
# one run shows all three targets (prediction >= 3,000 req/s with p99 < 10 ms at 16 connections;
# plan >= 1,000 req/s with p99 < 25 ms; the probe's p99 < 10 ms meanwhile).
#
# Starts nothing itself. Creates project "bench-predict" (a 409 if it already exists is fine),
# uploads 60 synthetic runs from L = 1.8172 + 482.01/N^0.3478 + 2085.43/D^0.3658 (external ids, so a
# re-run uploads nothing new), fits once (chinchilla, bootstrap 200), then per endpoint runs a WARMUP
# wrk run and a DURATION measured run with -t$THREADS -c$CONNECTIONS --latency:
#   prediction  GET  /api/v1/projects/bench-predict/fits/{id}/prediction?parameters=7e10&tokens=1.4e12
#   curve       GET  /api/v1/projects/bench-predict/fits/{id}/curve?axis=flops&from=1e19&to=1e25&points=50
#   plan        POST /api/v1/projects/bench-predict/plans  (compute-optimal, budget 5.76e23 FLOPs)
# During each measured run a second wrk (one connection, one request every PROBE_DELAY_MS) sends
# GET /actuator/health/liveness, as a load balancer would; its latency is the probe's columns. With
# PROBE_PORT (the service's scaleplan.web.probe-port, 8081 in the image) a third wrk probes liveness on
# that port too, as a kubelet would: the "own-port probe" columns.
# Ends with a Markdown table ready to paste into BENCHMARKS.md.
#
# Usage:
#   BASE_URL=http://localhost:8092 KEY=<bearer key> scripts/bench-predict.sh
# Environment: BASE_URL (default http://localhost:8080), KEY (bearer key; required when the
#   service enforces API keys), DURATION (default 30s), WARMUP (default 40s), THREADS (default 2),
#   CONNECTIONS (default 16), ENDPOINTS (default "prediction curve plan"), PROBE_DELAY_MS (default 10),
#   PROBE_PORT (unset: no own-port probe).
# The warm-up is long because the JIT is slow on 2 cores: a fresh JVM answered about 1,100 predictions/s in
# its first 20 s under load, 3,300/s after 80 s and its steady rate only after about two minutes, while C2
# compiled (BENCHMARKS.md). The figures are the steady state a long-running service gives.
# Needs: curl, wrk (installed with apt-get when missing), jq or python3.
set -euo pipefail

BASE_URL=${BASE_URL:-http://localhost:8080}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-40s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
ENDPOINTS=${ENDPOINTS:-prediction curve plan}
PROBE_DELAY_MS=${PROBE_DELAY_MS:-10}
PROJECT=bench-predict
API="$BASE_URL/api/v1"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! command -v wrk > /dev/null; then
  SUDO=""
  if [[ "$(id -u)" -ne 0 ]] && command -v sudo > /dev/null; then SUDO="sudo"; fi
  echo "Installing wrk"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk > /dev/null \
    || { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
         && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk > /dev/null; }
fi

AUTH=()
if [[ -n "${KEY:-}" ]]; then
  AUTH=(-H "Authorization: Bearer $KEY")
fi

json_field() { # json_field FIELD < json
  if command -v jq > /dev/null; then
    jq -r ".$1"
  else
    python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"
  fi
}

# 1. project (409 = already there)
status=$(curl -sS -o "$WORK/project.json" -w '%{http_code}' "${AUTH[@]}" -X POST "$API/projects" \
  -H 'Content-Type: application/json' -d "{\"id\": \"$PROJECT\", \"name\": \"prediction benchmark\"}")
case "$status" in
  201|200|409) echo "project $PROJECT: HTTP $status" ;;
  *) echo "creating project failed: HTTP $status"; cat "$WORK/project.json"; exit 1 ;;
esac

# 2. 60 runs: 12 model sizes from 7e7 to 1.6e10 (log-spaced) x 5 tokens-per-parameter ratios 5..80
awk 'BEGIN {
  print "externalId,parameters,tokens,loss"
  split("5 10 20 40 80", tpp, " ")
  for (i = 0; i < 12; i++) {
    N = 7e7 * exp(i / 11 * log(1.6e10 / 7e7))
    for (j = 1; j <= 5; j++) {
      D = N * tpp[j]
      L = 1.8172 + 482.01 / (N ^ 0.3478) + 2085.43 / (D ^ 0.3658)
      printf "bench-%d-%d,%.6e,%.6e,%.6f\n", i, j, N, D, L
    }
  }
}' > "$WORK/runs.csv"
status=$(curl -sS -o "$WORK/runs.json" -w '%{http_code}' "${AUTH[@]}" -X POST \
  -H 'Content-Type: text/csv' --data-binary "@$WORK/runs.csv" "$API/projects/$PROJECT/runs")
echo "uploaded $(($(wc -l < "$WORK/runs.csv") - 1)) runs: HTTP $status $(head -c 120 "$WORK/runs.json")"
[[ "$status" == 200 || "$status" == 201 ]] || exit 1

# 3. one fit
status=$(curl -sS -o "$WORK/fit.json" -w '%{http_code}' "${AUTH[@]}" -X POST \
  -H 'Content-Type: application/json' -d '{"form":"chinchilla","bootstrap":200}' \
  "$API/projects/$PROJECT/fits?wait=60")
[[ "$status" == 200 || "$status" == 201 ]] || { echo "fit failed: HTTP $status"; cat "$WORK/fit.json"; exit 1; }
FIT_ID=$(json_field id < "$WORK/fit.json")
echo "fit $FIT_ID: HTTP $status"

# The fit's backtest (which calibrated bands use) is computed on first request: compute it now, so no
# refitting runs in the background of the measured runs.
status=$(curl -sS -o "$WORK/backtest.json" -w '%{http_code}' "${AUTH[@]}" "$API/projects/$PROJECT/fits/$FIT_ID/backtest")
echo "backtest of fit $FIT_ID: HTTP $status"

PREDICT_URL="$API/projects/$PROJECT/fits/$FIT_ID/prediction?parameters=7e10&tokens=1.4e12"
CURVE_URL="$API/projects/$PROJECT/fits/$FIT_ID/curve?axis=flops&from=1e19&to=1e25&points=50"
PLAN_URL="$API/projects/$PROJECT/plans"
PROBE_URL="$BASE_URL/actuator/health/liveness"
OWN_PROBE_URL=""
if [[ -n "${PROBE_PORT:-}" ]]; then
  OWN_PROBE_URL="$(echo "$BASE_URL" | sed -E "s#:[0-9]+/?\$##"):$PROBE_PORT/actuator/health/liveness"
fi
PLAN_BODY="{\"objective\":\"compute-optimal\",\"fitId\":$FIT_ID,\"budget\":{\"flops\":5.76e23}}"

# sanity: one request of each must succeed before load
for url in "$PREDICT_URL" "$CURVE_URL" "$PROBE_URL" $OWN_PROBE_URL; do
  curl -fsS -o /dev/null "${AUTH[@]}" "$url" || { echo "request failed: $url"; exit 1; }
done
status=$(curl -sS -o "$WORK/plan.json" -w '%{http_code}' "${AUTH[@]}" -X POST \
  -H 'Content-Type: application/json' -d "$PLAN_BODY" "$PLAN_URL")
[[ "$status" == 200 || "$status" == 201 ]] || { echo "plan failed: HTTP $status"; cat "$WORK/plan.json"; exit 1; }

# wrk Lua scripts: headers (and for plans method + body); the probe waits between its requests
AUTH_LINE=""
[[ -n "${KEY:-}" ]] && AUTH_LINE="wrk.headers[\"Authorization\"] = \"Bearer $KEY\""
printf 'wrk.method = "GET"\n%s\n' "$AUTH_LINE" > "$WORK/get.lua"
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n%s\n' \
  "'$PLAN_BODY'" "$AUTH_LINE" > "$WORK/plan.lua"
printf 'function delay()\n  return %d\nend\n' "$PROBE_DELAY_MS" > "$WORK/probe.lua"

field() { # field FILE PERCENTILE|rps|non2xx|max
  case "$2" in
    rps) awk '/Requests\/sec/ {print $2}' "$1" ;;
    non2xx) awk '/Non-2xx/ {n = $NF} END {print n + 0}' "$1" ;;
    max) awk '$1 == "Latency" && NF >= 4 {print $4; exit}' "$1" ;;
    *) awk -v p="$2" '$1 == p {print $2}' "$1" ;;
  esac
}

ROWS=()
run_wrk() { # run_wrk NAME LUA URL
  local name=$1 lua=$2 url=$3
  echo
  echo "== $name: warm-up $WARMUP"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$lua" "$url" > "$WORK/$name-warmup.txt"
  grep -E 'Requests/sec|Non-2xx' "$WORK/$name-warmup.txt" || true
  echo "== $name: measured $DURATION (-t$THREADS -c$CONNECTIONS --latency), liveness probe beside it"
  wrk -t1 -c1 -d"$DURATION" --latency -s "$WORK/probe.lua" "$PROBE_URL" > "$WORK/$name-probe.txt" &
  local probes=($!) own
  if [[ -n "$OWN_PROBE_URL" ]]; then
    wrk -t1 -c1 -d"$DURATION" --latency -s "$WORK/probe.lua" "$OWN_PROBE_URL" > "$WORK/$name-own-probe.txt" &
    probes+=($!)
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$lua" "$url" | tee "$WORK/$name.txt"
  wait "${probes[@]}"
  local f="$WORK/$name.txt" p="$WORK/$name-probe.txt" o="$WORK/$name-own-probe.txt"
  [[ -n "$OWN_PROBE_URL" ]] && own="$(field "$o" 50%) | $(field "$o" 99%) | $(field "$o" max)" || own="— | — | —"
  ROWS+=("| $name | $(field "$f" rps) | $(field "$f" 50%) | $(field "$f" 90%) | $(field "$f" 99%) | $(field "$f" max) | $(field "$f" non2xx) | $(field "$p" rps) | $(field "$p" 50%) | $(field "$p" 99%) | $(field "$p" max) | $own |")
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for endpoint in $ENDPOINTS; do
  case "$endpoint" in
    prediction) run_wrk prediction "$WORK/get.lua" "$PREDICT_URL" ;;
    curve) run_wrk curve "$WORK/get.lua" "$CURVE_URL" ;;
    plan) run_wrk plan "$WORK/plan.lua" "$PLAN_URL" ;;
    *) echo "unknown endpoint $endpoint"; exit 1 ;;
  esac
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $BASE_URL, fit $FIT_ID, wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP)," \
  "probe every ${PROBE_DELAY_MS} ms on one connection; nproc $(nproc); load average before $LOAD_BEFORE, after $LOAD_AFTER"
echo
echo "| endpoint | req/s | p50 | p90 | p99 | max | non-2xx | probe req/s | probe p50 | probe p99 | probe max | own-port probe p50 | own-port probe p99 | own-port probe max |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
