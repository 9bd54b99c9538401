#!/usr/bin/env bash
# Ingest benchmark: one CSV upload of RUNS (default 100,000) runs into a fresh project of a
# running scaleplan, timed end to end with curl, then the identical upload again (the
# idempotent re-send: every run answers "unchanged"); then the floor: the same rows, as the service
# stores them, loaded with psql's \copy into an equivalent table (LIKE run INCLUDING ALL: the same
# columns, checks and indexes) on the service's PostgreSQL. Ends with a Markdown table and the ratio.
#
# Starts nothing itself. Usage:
#   BASE_URL=http://localhost:8080 PSQL_URL=postgresql://postgres@localhost:5432/scaleplan scripts/bench-ingest.sh
# Environment: BASE_URL (default http://localhost:8080), RUNS (default 100000),
#   SCALEPLAN_API_KEY or KEY (sent as a Bearer token when set), KEEP=1 keeps the project afterwards,
#   PSQL_URL (a psql connection string to the service's database; without it the \copy is skipped).
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

BASE_URL=${BASE_URL:-http://localhost:8080}
RUNS=${RUNS:-100000}
API="$BASE_URL/api/v1"
WORK=$(mktemp -d)
CSV="$WORK/runs.csv"
PROJECT="bench-$(date +%s)-$$"
AUTH=()
SCALEPLAN_API_KEY=${SCALEPLAN_API_KEY:-${KEY:-}}
if [[ -n "${SCALEPLAN_API_KEY:-}" ]]; then
  AUTH=(-H "Authorization: Bearer $SCALEPLAN_API_KEY")
fi

cleanup() {
  if [[ "${KEEP:-0}" != 1 ]]; then
    curl -sS -o /dev/null "${AUTH[@]}" -X DELETE "$API/projects/$PROJECT" || true
  fi
  if [[ -n "${PSQL_URL:-}" ]]; then
    psql "$PSQL_URL" -qc "DROP TABLE IF EXISTS bench_copy_run" > /dev/null 2>&1 || true
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

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
result=$(upload); read -r status first <<< "$result"
echo "first upload:  HTTP $status  ${first} s  $(summary)"
[[ "$status" == 201 ]] || { echo "unexpected status"; cat "$WORK/response.json"; exit 1; }

result=$(upload); read -r status resend <<< "$result"
echo "re-send:       HTTP $status  ${resend} s  $(summary)"
[[ "$status" == 200 ]] || { echo "unexpected status"; cat "$WORK/response.json"; exit 1; }

copy=""
if [[ -n "${PSQL_URL:-}" ]]; then
  # The rows as the service stores them: flops = 6 N D (not given), total parameters = N, tags and metrics as JSON.
  awk -F, -v project="$PROJECT-copy" 'NR > 1 {
    printf "%s,%s,%s,%s,%.17g,%s,%s,\"{\"\"sweep\"\": \"\"%s\"\"}\",\"{\"\"acc\"\": %s}\",%s,false\n",
      project, $1, $2, $3, 6 * $2 * $3, $4, $5, $6, $7, $2
  }' "$CSV" > "$WORK/copy.csv"
  psql "$PSQL_URL" -v ON_ERROR_STOP=1 -qc "DROP TABLE IF EXISTS bench_copy_run" \
    -c "CREATE TABLE bench_copy_run (LIKE run INCLUDING ALL)" > /dev/null
  start=$(date +%s.%N)
  psql "$PSQL_URL" -v ON_ERROR_STOP=1 -qc "\\copy bench_copy_run (project_id, external_id, parameters, tokens, flops, loss, dataset, tags, metrics, total_parameters, flops_given) FROM '$WORK/copy.csv' (FORMAT csv)" > /dev/null
  copy=$(echo "$(date +%s.%N) - $start" | bc -l)
  rows=$(psql "$PSQL_URL" -Atqc "SELECT count(*) FROM bench_copy_run")
  printf 'psql \\copy:    %d rows  %.3f s\n' "$rows" "$copy"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $BASE_URL, $RUNS runs ($(wc -c < "$CSV") bytes of CSV); nproc $(nproc);" \
  "load average before $LOAD_BEFORE, after $LOAD_AFTER"
echo
echo "| what | seconds | vs psql \\copy |"
echo "|---|---|---|"
ratio() { [[ -n "$copy" ]] && printf '%.1f×' "$(echo "$1 / $copy" | bc -l)" || echo "—"; }
echo "| CSV upload through the API (201, all new) | $first | $(ratio "$first") |"
echo "| the same upload again (200, all unchanged) | $resend | $(ratio "$resend") |"
[[ -n "$copy" ]] && printf '| psql \\copy of the same rows into LIKE run INCLUDING ALL | %.3f | 1 |\n' "$copy"
exit 0
