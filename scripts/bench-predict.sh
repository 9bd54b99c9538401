#!/usr/bin/env bash
# Prediction / plan latency benchmark: HTTP latency of serving a prediction and a plan from a
# stored fit (no refitting), measured with wrk against a running scaleplan.
#
# Starts nothing itself. Creates project "bench-predict" (a 409 if it already exists is fine),
# uploads ~60 synthetic runs from L = 1.8172 + 482.01/N^0.3478 + 2085.43/D^0.3658, fits once
# (chinchilla, bootstrap 200), then for each endpoint runs a 10 s wrk warm-up and a DURATION
# measured run with -t2 -c16 --latency:
#   (a) GET  /api/v1/projects/bench-predict/fits/{id}/prediction?parameters=7e10&tokens=1.4e12
#   (b) GET  /api/v1/projects/bench-predict/fits/{id}/curve?axis=flops&from=1e19&to=1e25&points=50
#   (c) POST /api/v1/projects/bench-predict/plans  (compute-optimal, budget 5.76e23 FLOPs)
#
# Usage:
#   BASE_URL=http://localhost:8092 KEY=<bearer key> scripts/bench-predict.sh
# Environment: BASE_URL (default http://localhost:8080), KEY (bearer key; required when the
#   service enforces API keys), DURATION (default 30s), WARMUP (default 10s),
#   THREADS (default 2), CONNECTIONS (default 16).
# Needs: curl, wrk, jq or python3.
set -euo pipefail

BASE_URL=${BASE_URL:-http://localhost:8080}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
PROJECT=bench-predict
API="$BASE_URL/api/v1"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

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

# 2. ~60 runs: 12 model sizes from 7e7 to 1.6e10 (log-spaced) x 5 tokens-per-parameter ratios 5..80
awk 'BEGIN {
  print "parameters,tokens,loss"
  split("5 10 20 40 80", tpp, " ")
  for (i = 0; i < 12; i++) {
    N = 7e7 * exp(i / 11 * log(1.6e10 / 7e7))
    for (j = 1; j <= 5; j++) {
      D = N * tpp[j]
      L = 1.8172 + 482.01 / (N ^ 0.3478) + 2085.43 / (D ^ 0.3658)
      printf "%.6e,%.6e,%.6f\n", N, D, L
    }
  }
}' > "$WORK/runs.csv"
status=$(curl -sS -o "$WORK/runs.json" -w '%{http_code}' "${AUTH[@]}" -X POST \
  -H 'Content-Type: text/csv' --data-binary "@$WORK/runs.csv" "$API/projects/$PROJECT/runs")
echo "uploaded $(($(wc -l < "$WORK/runs.csv") - 1)) runs: HTTP $status $(head -c 200 "$WORK/runs.json")"
[[ "$status" == 200 || "$status" == 201 ]] || exit 1

# 3. one fit
status=$(curl -sS -o "$WORK/fit.json" -w '%{http_code}' "${AUTH[@]}" -X POST \
  -H 'Content-Type: application/json' -d '{"form":"chinchilla","bootstrap":200}' \
  "$API/projects/$PROJECT/fits?wait=60")
[[ "$status" == 200 || "$status" == 201 ]] || { echo "fit failed: HTTP $status"; cat "$WORK/fit.json"; exit 1; }
FIT_ID=$(json_field id < "$WORK/fit.json")
echo "fit $FIT_ID: HTTP $status"

PREDICT_URL="$API/projects/$PROJECT/fits/$FIT_ID/prediction?parameters=7e10&tokens=1.4e12"
CURVE_URL="$API/projects/$PROJECT/fits/$FIT_ID/curve?axis=flops&from=1e19&to=1e25&points=50"
PLAN_URL="$API/projects/$PROJECT/plans"
PLAN_BODY="{\"objective\":\"compute-optimal\",\"fitId\":$FIT_ID,\"budget\":{\"flops\":5.76e23}}"
# fitId may be a string id: quote it if it is not numeric
[[ "$FIT_ID" =~ ^[0-9]+$ ]] || PLAN_BODY="{\"objective\":\"compute-optimal\",\"fitId\":\"$FIT_ID\",\"budget\":{\"flops\":5.76e23}}"

# sanity: one request of each must succeed before load
curl -fsS -o /dev/null "${AUTH[@]}" "$PREDICT_URL" || { echo "prediction request failed"; exit 1; }
status=$(curl -sS -o "$WORK/plan.json" -w '%{http_code}' "${AUTH[@]}" -X POST \
  -H 'Content-Type: application/json' -d "$PLAN_BODY" "$PLAN_URL")
[[ "$status" == 200 || "$status" == 201 ]] || { echo "plan failed: HTTP $status"; cat "$WORK/plan.json"; exit 1; }

# wrk Lua scripts: headers (and for plans method + body); count non-2xx answers
AUTH_LINE=""
[[ -n "${KEY:-}" ]] && AUTH_LINE="wrk.headers[\"Authorization\"] = \"Bearer $KEY\""
cat > "$WORK/get.lua" <<EOF
wrk.method = "GET"
$AUTH_LINE
EOF
cat > "$WORK/plan.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$PLAN_BODY'
$AUTH_LINE
EOF

run_wrk() { # run_wrk NAME LUA URL
  local name=$1 lua=$2 url=$3
  echo
  echo "== $name: warm-up $WARMUP"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$lua" "$url" > "$WORK/$name-warmup.txt"
  grep -E 'Requests/sec|Non-2xx' "$WORK/$name-warmup.txt" || true
  echo "== $name: measured $DURATION (-t$THREADS -c$CONNECTIONS --latency)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$lua" "$url" | tee "$WORK/$name.txt"
  local rps p50 p90 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$name.txt")
  p90=$(awk '$1 == "90%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")
  SUMMARY+=("$(printf '%-11s %10s req/s  p50 %8s  p90 %8s  p99 %8s' "$name" "$rps" "$p50" "$p90" "$p99")")
}

SUMMARY=()
run_wrk prediction "$WORK/get.lua" "$PREDICT_URL"
run_wrk curve "$WORK/get.lua" "$CURVE_URL"
run_wrk plan "$WORK/plan.lua" "$PLAN_URL"

echo
echo "== summary (fit $FIT_ID, $BASE_URL, -t$THREADS -c$CONNECTIONS, $DURATION)"
printf '%s\n' "${SUMMARY[@]}"
