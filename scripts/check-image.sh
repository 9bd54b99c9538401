#!/usr/bin/env bash
# Checks the Docker image without a Docker engine: runs the Dockerfile's build stage on exactly the files it
# COPYs (in a scratch directory, as `docker build` would see them), lays out the run stage from the files it
# COPYs --from=build, then starts that under the ENTRYPOINT as a non-root user against a throwaway
# PostgreSQL and waits until the HEALTHCHECK's readiness URL answers. Then scripts/fuzz-api.py sends every
# operation hostile input and fails the check on a 5xx, an error that is not problem+json, a NaN in a response
# or a row stored by a refused request (CHECK_IMAGE_FUZZ=0 leaves it out).
#
# Usage: scripts/check-image.sh [Dockerfile]   (needs java, curl, runuser, PostgreSQL server binaries;
# run as root, since it switches users; python3 with requests and yaml for the fuzzer). Exit 0 when the started
# image is ready and the fuzzer found nothing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dockerfile="${1:-$root/Dockerfile}"
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
timeout_seconds="${CHECK_IMAGE_TIMEOUT:-180}"
started=$(date +%s)

say() { echo "check-image: $*"; }
fail() { echo "check-image: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (it starts PostgreSQL and the service as other users)"
[ -x "$pg_bin/initdb" ] || fail "no PostgreSQL server binaries (set PG_BIN); Debian: apt-get install postgresql"

work="$(mktemp -d /tmp/scaleplan-image.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$work/pg/postmaster.pid" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- parse: one instruction per line (continuations joined), split into stages -------------------------------
instructions="$work/instructions"
sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' "$dockerfile" | grep -v '^[[:space:]]*#' | grep -v '^[[:space:]]*$' \
  > "$instructions"
build_stage=$(awk 'toupper($1)=="FROM" && tolower($3)=="as" {print $4; exit}' "$instructions")
[ -n "$build_stage" ] || fail "no 'FROM … AS name' build stage in $dockerfile"

# Lines of stage N (1-based), without the FROM line.
stage() { awk -v n="$1" 'toupper($1)=="FROM" {s++; next} s==n' "$instructions"; }
stage_count=$(awk 'toupper($1)=="FROM"' "$instructions" | wc -l)

# --- build stage: the COPYed files, then the RUN steps in WORKDIR ---------------------------------------------
context="$work/context"
build_workdir=""
mkdir -p "$context"
while IFS= read -r line; do
  keyword=$(echo "$line" | awk '{print toupper($1)}')
  rest=$(echo "$line" | sed -E 's/^[[:space:]]*[A-Za-z]+[[:space:]]+//')
  case "$keyword" in
    WORKDIR) build_workdir="$rest"; mkdir -p "$context$build_workdir" ;;
    COPY)
      read -r -a args <<< "$rest"
      dest="${args[${#args[@]}-1]}"
      for source in "${args[@]:0:${#args[@]}-1}"; do
        [[ "$source" == --* ]] && fail "COPY option $source in the build stage is not supported here"
        target="$context$build_workdir/$dest"
        if [ -d "$root/$source" ]; then mkdir -p "$target" && cp -a "$root/${source%/}/." "$target"
        else mkdir -p "$target" && cp -a "$root/$source" "$target"; fi
      done ;;
    RUN)
      # --mount=type=cache keeps Maven's repository between builds; here that is the local one.
      command=$(echo "$rest" | sed -E 's/--mount=[^[:space:]]+[[:space:]]+//g')
      say "build: $command"
      (cd "$context$build_workdir" && bash -euo pipefail -c "$command") > "$work/build.log" 2>&1 \
        || { tail -40 "$work/build.log"; fail "build step failed: $command"; } ;;
    ENV|ARG|LABEL|SHELL|USER|EXPOSE) ;;
    *) fail "build stage instruction $keyword is not understood by this check" ;;
  esac
done < <(stage 1)
say "build stage done in $(( $(date +%s) - started )) s (files: $(cd "$context$build_workdir" && ls -d .mvn mvnw pom.xml src 2>/dev/null | tr '\n' ' '))"

# --- run stage: the files COPY --from=build lays out, the user, environment and entry point -------------------
app="$work/app"
run_workdir="/"
user=""
entrypoint=""
healthcheck=""
declare -A environment=()
while IFS= read -r line; do
  keyword=$(echo "$line" | awk '{print toupper($1)}')
  rest=$(echo "$line" | sed -E 's/^[[:space:]]*[A-Za-z]+[[:space:]]+//')
  case "$keyword" in
    WORKDIR) run_workdir="$rest" ;;
    COPY)
      read -r -a args <<< "$rest"
      [[ "${args[0]}" == "--from=$build_stage" ]] || fail "run stage COPY without --from=$build_stage: $line"
      source="${args[1]}"; dest="${args[2]}"
      [[ "$dest" == ./ || "$dest" == . ]] || fail "run stage COPY to $dest: only ./ is supported here"
      [ -e "$context$source" ] || fail "COPY --from=$build_stage $source: the build stage made no such path"
      mkdir -p "$app" && cp -a "$context${source%/}/." "$app/" ;;
    USER) user="$rest" ;;
    ENV)
      name="${rest%%=*}"; value="${rest#*=}"; value="${value#\"}"; value="${value%\"}"
      environment[$name]="$value" ;;
    ENTRYPOINT) entrypoint="$rest" ;;
    HEALTHCHECK) healthcheck="$rest" ;;
    RUN|EXPOSE|ARG|LABEL) ;;
    *) fail "run stage instruction $keyword is not understood by this check" ;;
  esac
done < <(stage "$stage_count")
[ -n "$user" ] || fail "the run stage sets no USER: it would run as root"
[ -n "$entrypoint" ] || fail "no ENTRYPOINT"
[[ "$entrypoint" == \[* ]] || fail "ENTRYPOINT is not in exec (JSON array) form: $entrypoint"
# The image creates its user; on this machine an absent one runs as nobody, which equally owns none of the files.
id "$user" >/dev/null 2>&1 || user=nobody
[ "$(id -u "$user")" -ne 0 ] || fail "USER $user is root"
chmod -R a+rX "$app"
mapfile -t command < <(echo "$entrypoint" | sed -E 's/^\[//; s/\]$//' | tr ',' '\n' | sed -E 's/^[[:space:]]*"//; s/"[[:space:]]*$//')
readiness=$(echo "$healthcheck" | grep -oE 'http://localhost:[0-9]+/[^ ]+' | head -1)
[ -n "$readiness" ] || fail "the HEALTHCHECK names no http://localhost:PORT/… URL to wait for"

# --- a throwaway PostgreSQL ------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $(( 20000 + RANDOM % 20000 )); }
pg_port=$(free_port)
mkdir -p "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres --no-sync >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE DATABASE scaleplan"
say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port"

# --- start the image's entry point as its user and wait for readiness ------------------------------------------
http_port=$(free_port)
readiness=$(echo "$readiness" | sed -E "s#localhost:[0-9]+/#localhost:$http_port/#")
env_args=(SERVER_PORT="$http_port" HOME="$app"
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pg_port/scaleplan"
  SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=unused
  SCALEPLAN_BOOTSTRAP_KEY="check-image-bootstrap-key-0123456789")
for name in "${!environment[@]}"; do env_args+=("$name=${environment[$name]}"); done
probe_port=""
if [ -n "${environment[PROBE_PORT]:-}" ]; then probe_port=$(free_port); env_args+=(PROBE_PORT="$probe_port"); fi
say "start as $user in $run_workdir: ${command[*]}"
(cd "$app" && exec runuser -u "$user" -- env -i PATH="$PATH" "${env_args[@]}" "${command[@]}") > "$work/app.log" 2>&1 &
pids+=($!)
deadline=$(( $(date +%s) + timeout_seconds ))
until curl -fsS "$readiness" >/dev/null 2>&1; do
  if ! kill -0 "${pids[0]}" 2>/dev/null; then tail -60 "$work/app.log"; fail "the service exited before it was ready"; fi
  if [ "$(date +%s)" -ge "$deadline" ]; then tail -60 "$work/app.log"; fail "not ready within $timeout_seconds s"; fi
  sleep 1
done
pgrep -u "$user" -f "${command[-1]}" >/dev/null || fail "no ${command[-1]} process runs as $user"
say "ready at $readiness, running as $user, after $(( $(date +%s) - started )) s in all"
if [ -n "$probe_port" ]; then
  curl -fsS "http://localhost:$probe_port/actuator/health/liveness" >/dev/null \
    || fail "the liveness probe's own port (PROBE_PORT, here $probe_port) does not answer"
  say "liveness answers on the probe port"
fi
grep -q "Database: external PostgreSQL at" "$work/app.log" || fail "the service did not use the given PostgreSQL"

# --- the hostile-input fuzzer against the started image (docs/security.md) ------------------------------------
if [ "${CHECK_IMAGE_FUZZ:-1}" = 1 ]; then
  if python3 -c 'import requests, yaml' 2>/dev/null; then
    say "hostile input for every operation: scripts/fuzz-api.py"
    python3 "$root/scripts/fuzz-api.py" --base "http://localhost:$http_port" --key check-image-bootstrap-key-0123456789 \
      --slow 30 --fail-on-findings > "$work/fuzz.log" 2>&1 || { tail -80 "$work/fuzz.log"; fail "the fuzzer found a defect (above)"; }
    say "$(grep '^SUMMARY' "$work/fuzz.log")"
  else
    say "SKIPPED the fuzzer: python3 with requests and yaml is missing (Debian: python3-requests python3-yaml)"
  fi
fi
