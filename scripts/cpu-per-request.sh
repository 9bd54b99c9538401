#!/usr/bin/env bash
# CPU per request of the service and of PostgreSQL, for one endpoint: runs wrk for DURATION at a few
# connections and divides the CPU time both used (from /proc/<pid>/stat, so the JVM's figure includes its
# JIT and GC threads) by the requests served. Less sensitive to other load on the machine than req/s.
#
# Usage (the service and PostgreSQL on this machine; the plan body names an existing fit):
#   KEY=<bearer key> scripts/cpu-per-request.sh http://localhost:8462/api/v1/projects/bench-predict/fits/1/prediction?parameters=7e10\&tokens=1.4e12
#   KEY=<bearer key> BODY='{"objective":"compute-optimal","fitId":1,"budget":{"flops":5.76e23}}' \
#     scripts/cpu-per-request.sh http://localhost:8462/api/v1/projects/bench-predict/plans
# Environment: KEY, BODY (POSTs it as JSON when set), DURATION (default 15s), CONNECTIONS (default 4),
#   JVM_PATTERN (pgrep -f pattern of the service; default "scaleplan.*\.jar").
set -euo pipefail
URL=$1
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-4}
JVM_PID=$(pgrep -f "${JVM_PATTERN:-scaleplan.*\.jar}" | head -1)
LUA=$(mktemp --suffix=.lua)
trap 'rm -f "$LUA"' EXIT
[[ -n "${KEY:-}" ]] && echo "wrk.headers[\"Authorization\"] = \"Bearer $KEY\"" >> "$LUA"
if [[ -n "${BODY:-}" ]]; then
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' "'$BODY'" >> "$LUA"
fi

ticks() { cut -d' ' -f14,15 "/proc/$1/stat" 2>/dev/null | awk '{print $1 + $2}'; }
postgres_ticks() { # backends stay open (a connection pool), so their CPU is counted across the run
  local sum=0
  for pid in $(pgrep -x postgres || true); do sum=$((sum + $(ticks "$pid" || echo 0))); done
  echo "$sum"
}

jvm_before=$(ticks "$JVM_PID"); pg_before=$(postgres_ticks)
out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$LUA" "$URL")
jvm_after=$(ticks "$JVM_PID"); pg_after=$(postgres_ticks)
requests=$(echo "$out" | awk '/requests in/ {print $1}')
non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
awk -v n="$requests" -v j=$((jvm_after - jvm_before)) -v p=$((pg_after - pg_before)) -v hz="$(getconf CLK_TCK)" \
  -v bad="${non2xx:-0}" 'BEGIN {printf "requests %d (non-2xx %d)  JVM %.0f us/request  PostgreSQL %.0f us/request\n",
  n, bad, 1e6 * j / hz / n, 1e6 * p / hz / n}'
