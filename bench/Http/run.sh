#!/usr/bin/env bash
# HTTP load (issue 10): publishes the portal in Release, starts it on 127.0.0.1 (Production settings, its own SQLite
# database in the bench data folder, as bench/CircuitLoad/run.sh does), seeds one load customer, signs it in, then
# runs wrk against three targets of the same portal in this order, each after a discarded warm-up:
#   1. GET /health/live    the trivial endpoint (routing and the health middleware, no checks): the yardstick
#   2. GET /Account/Login  the sign-in page, anonymous (static SSR, antiforgery token, localization)
#   3. GET /profile        the prerendered profile page with the customer's authentication cookie
# The report (requests/s, p50, p99, errors, ratio to the trivial endpoint) goes to stdout and $DATA/http-report.md;
# docs/performance.md explains it.
#
#   bash bench/Http/run.sh [--seconds 20] [--warmup-seconds 5] [--threads 2] [--connections 32] [--port 5391]
#
# BENCH_DATA_DIR (default bench/Http/bench-data) keeps the database, the cached sign-in cookie, wrk's outputs and the
# logs between runs. Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
script=$(realpath "$0")
cd "$(dirname "$script")/../.."
arguments=("$@")

seconds=20
warmup=5
threads=2
connections=32
port=5391
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup-seconds) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# The whole run is bounded: publishing, seeding and starting (15 minutes at most), then each target's warm-up and
# measure with a margin. The portal stops with the script (bench/portal.sh's exit trap), timeout's signal included.
if [ -z "${BENCH_HTTP_BOUNDED:-}" ]; then
  export BENCH_HTTP_BOUNDED=1
  exec timeout -k 30 $(( 900 + 3 * (warmup + seconds + 60) )) bash "$script" ${arguments[@]+"${arguments[@]}"}
fi

if ! command -v wrk > /dev/null; then
  echo "wrk is missing: apt-get install wrk" >&2
  exit 1
fi

data=$(realpath -m "${BENCH_DATA_DIR:-bench/Http/bench-data}")
mkdir -p "$data/logs"
# shellcheck source=../portal.sh
. bench/portal.sh

portal_publish "$data"
# The first load customer (LoadCustomers.Email(1)), shared password.
portal_seed "$data" 1
email=load-00001@bench.local
portal_start "$data" "$port"
portal_wait_live 120
url=$PORTAL_URL
# wrk runs in the background and the script waits for it, so a signal (timeout's, Ctrl-C) stops it at once rather
# than after its run; the exit trap stops it and then the portal.
wrk_pid=
trap '[ -z "$wrk_pid" ] || kill "$wrk_pid" 2>/dev/null || true; portal_stop' EXIT

# The customer's cookie, from the cache or a new sign-in through the login form (the driver checks that /profile
# accepts it and signs in again if not).
cookie=$(timeout 180 dotnet "$PORTAL_DRIVER" cookie --url "$url" --email "$email" --cookies "$data/cookies.json")

# Each target must answer 200 with its own markup (an extended regular expression) before (and after) it is
# measured: a redirect to the sign-in page or an error page would be measured as a fast page.
check() {
  local name=$1 path=$2 marker=$3 header=${4:-}
  local status args=(-s -m 30 -o "$data/logs/check-$name.html" -w '%{http_code}')
  if [ -n "$header" ]; then args+=(-H "$header"); fi
  status=$(curl "${args[@]}" "$url$path")
  if [ "$status" != 200 ]; then
    echo "GET /$path answered $status, not 200 (body in $data/logs/check-$name.html): not measuring." >&2
    exit 1
  fi
  if ! grep -qE -- "$marker" "$data/logs/check-$name.html"; then
    echo "GET /$path answered 200 without '$marker' (body in $data/logs/check-$name.html): not measuring." >&2
    exit 1
  fi
}

# Runs wrk on one target (warm-up, then the measure); writes "rps p50_us p99_us status_errors socket_errors
# bytes_per_response requests" to $data/logs/NAME.result.
measure() {
  local name=$1 path=$2 header=${3:-}
  local args=(-t "$threads" -c "$connections" --timeout 10s --latency -s bench/Http/summary.lua)
  if [ -n "$header" ]; then args+=(-H "$header"); fi
  timeout $(( warmup + 30 )) wrk "${args[@]}" -d "${warmup}s" "$url$path" > "$data/logs/wrk-$name-warmup.txt" &
  wrk_pid=$!
  wait "$wrk_pid"
  timeout $(( seconds + 30 )) wrk "${args[@]}" -d "${seconds}s" "$url$path" > "$data/logs/wrk-$name.txt" &
  wrk_pid=$!
  wait "$wrk_pid"
  wrk_pid=
  awk '/^wrk-summary / {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      print v["rps"], v["p50_us"], v["p99_us"], v["status_errors"], v["socket_errors"], v["bytes_per_response"], v["requests"]
    }' "$data/logs/wrk-$name.txt" > "$data/logs/$name.result"
  # No summary line (wrk failed before its done() hook): read fails and the script stops.
}

# The profile page prerenders its skeletons (profile-loading) and loads the data once the circuit is up; should the
# prerender ever load it, the card (profile-overview) is there instead. Either way the page carries the start marker
# of its interactive server components, and the top bar shows the customer.
profile_marker='data-testid="profile-(loading|overview)"'
check health health/live '"status"'
check login Account/Login 'name="__RequestVerificationToken"'
check profile profile "$profile_marker" "Cookie: $cookie"
for marker in '<!--Blazor:{"type":"server"' "$email"; do
  grep -qF -- "$marker" "$data/logs/check-profile.html" || { echo "/profile lacks '$marker': not measuring." >&2; exit 1; }
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Measuring ${seconds} s per target (after ${warmup} s of warm-up), wrk -t$threads -c$connections, on $url"
measure health health/live
measure login Account/Login
measure profile profile "Cookie: $cookie"
read -r health_rps health_p50 health_p99 health_status health_socket health_bytes health_requests < "$data/logs/health.result"
read -r login_rps login_p50 login_p99 login_status login_socket login_bytes login_requests < "$data/logs/login.result"
read -r profile_rps profile_p50 profile_p99 profile_status profile_socket profile_bytes profile_requests < "$data/logs/profile.result"
# The cookie still opens the profile after the load.
check profile-after profile "$profile_marker" "Cookie: $cookie"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

row() {
  awk -v t="$1" -v rps="$2" -v p50="$3" -v p99="$4" -v st="$5" -v so="$6" -v by="$7" -v n="$8" -v base="$health_rps" 'BEGIN {
    printf "| %s | %.0f | %.2f ms | %.2f ms | %d | %d | %d | %d | %.3f |\n", t, rps, p50 / 1000, p99 / 1000, st, so, by, n, rps / base
  }'
}

report=$(
  echo "HTTP load, $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t$threads -c$connections, ${seconds} s per target after ${warmup} s of warm-up; wrk and the portal on the same machine."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
  echo
  echo "| target | requests/s | p50 | p99 | non-2xx (status ≥ 400) | socket errors | bytes/response | requests | requests/s ÷ /health/live's |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  row "GET /health/live" "$health_rps" "$health_p50" "$health_p99" "$health_status" "$health_socket" "$health_bytes" "$health_requests"
  row "GET /Account/Login (anonymous)" "$login_rps" "$login_p50" "$login_p99" "$login_status" "$login_socket" "$login_bytes" "$login_requests"
  row "GET /profile (signed in)" "$profile_rps" "$profile_p50" "$profile_p99" "$profile_status" "$profile_socket" "$profile_bytes" "$profile_requests"
)
echo
echo "$report"
echo "$report" > "$data/http-report.md"
if [ $(( health_status + login_status + profile_status + health_socket + login_socket + profile_socket )) -ne 0 ]; then
  echo "Some requests failed: see wrk's outputs in $data/logs." >&2
  exit 1
fi
