#!/usr/bin/env bash
# Ingest benchmark: one CSV upload of RUNS (default 100,000) runs into a fresh project of a
# running scaleplan, timed end to end with curl, then the identical upload again (the
# idempotent re-send: every run answers "unchanged").
#
# Starts nothing itself. Usage:
#   BASE_URL=http://localhost:8080 scripts/bench-ingest.sh
# Environment: BASE_URL (default http://localhost:8080), RUNS (default 100000),
#   SCALEPLAN_API_KEY (sent as a Bearer token when set), KEEP=1 keeps the project afterwards.
set -euo pipefail

BASE_URL=${BASE_URL:-http://localhost:8080}
RUNS=${RUNS:-100000}
API="$BASE_URL/api/v1"
WORK=$(mktemp -d)
CSV="$WORK/runs.csv"
PROJECT="bench-$(date +%s)-$$"
AUTH=()
if [[ -n "${SCALEPLAN_API_KEY:-}" ]]; then
  AUTH=(-H "Authorization: Bearer $SCALEPLAN_API_KEY")
fi

cleanup() {
  if [[ "${KEEP:-0}" != 1 ]]; then
    curl -sS -o /dev/null "${AUTH[@]}" -X DELETE "$API/projects/$PROJECT" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Deterministic data: a Chinchilla-like loss over a grid of N and D, 7 columns incl. a tag and a metric.
awk -v n="$RUNS" 'BEGIN {
  print "externalId,parameters,tokens,loss,dataset,tag.sweep,metric.acc"
  for (i = 1; i <= n; i++) {
    N = 1e7 * (1 + i % 97); D = 2e8 * (1 + i % 89)
    L = 1.69 + 406.4 / (N ^ 0.34) + 410.7 / (D ^ 0.28)
    printf "bench-%06d,%.6e,%.6e,%.6f,web-v%d,%d,%.4f\n", i, N, D, L, i % 3, i % 10, (i % 1000) / 1000
  }
}' > "$CSV"
echo "generated $RUNS runs, $(wc -c < "$CSV") bytes: $CSV"

curl -fsS -o /dev/null "${AUTH[@]}" -X POST "$API/projects" -H 'Content-Type: application/json' \
  -d "{\"id\": \"$PROJECT\", \"name\": \"ingest benchmark\"}"
echo "project $PROJECT at $BASE_URL"

upload() {
  curl -sS -o "$WORK/response.json" -w '%{http_code} %{time_total}' "${AUTH[@]}" -X POST \
    -H 'Content-Type: text/csv' --data-binary "@$CSV" "$API/projects/$PROJECT/runs"
}
summary() {
  # created / unchanged from the response, without needing jq
  sed -E 's/.*"created":([0-9]+).*"unchanged":([0-9]+).*/created=\1 unchanged=\2/' "$WORK/response.json" | head -c 200
}

result=$(upload); read -r status seconds <<< "$result"
echo "first upload:  HTTP $status  ${seconds} s  $(summary)"
[[ "$status" == 201 ]] || { echo "unexpected status"; cat "$WORK/response.json"; exit 1; }

result=$(upload); read -r status seconds <<< "$result"
echo "re-send:       HTTP $status  ${seconds} s  $(summary)"
[[ "$status" == 200 ]] || { echo "unexpected status"; cat "$WORK/response.json"; exit 1; }
