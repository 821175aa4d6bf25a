#!/usr/bin/env bash
# Circuit load (issue 10): publishes the portal in Release, starts it on 127.0.0.1 (Production settings, its own
# SQLite database in the bench data folder), seeds the load customers, ramps the circuits and stops the portal.
# The report goes to $DATA/report.md and stdout; docs/performance.md explains it.
#
#   bash bench/CircuitLoad/run.sh [--circuits 100,1000,5000,10000] [--idle-seconds 30] [--active 1000]
#                                 [--hold-seconds 60] [--step-minutes 10] [--port 5390]
#
# Each step opens its circuits, leaves them idle, forces a full collection on the portal and reads its memory
# (memory per idle circuit), then makes --active of them click once a second for --hold-seconds.
#
# BENCH_DATA_DIR (default bench/CircuitLoad/bench-data) keeps the database, the cached sign-in cookies and the logs
# between runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

circuits=100,1000,5000,10000
hold=60
idle=30
active=1000
step_minutes=10
port=5390
while [ $# -gt 0 ]; do
  case "$1" in
    --circuits) circuits=$2; shift 2 ;;
    --hold-seconds) hold=$2; shift 2 ;;
    --idle-seconds) idle=$2; shift 2 ;;
    --active) active=$2; shift 2 ;;
    --step-minutes) step_minutes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

data=$(realpath -m "${BENCH_DATA_DIR:-bench/CircuitLoad/bench-data}")
mkdir -p "$data/logs"
steps=$(echo "$circuits" | tr ',' '\n' | wc -l)
most=$(echo "$circuits" | tr ',' '\n' | sort -n | tail -1)
url="http://127.0.0.1:$port/"
# A fresh random scrape token per run, as production requires one (SecretSettings).
token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

# Each circuit holds a WebSocket on both sides of the loopback.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish ProfilePortal -c Release -o "$data/portal" --nologo -v quiet
dotnet build bench/CircuitLoad -c Release --nologo -v quiet
driver=bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll

timeout 1800 dotnet "$driver" seed --database "$data/portal.db" --customers "$most"

(
  cd "$data/portal"
  exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" \
    ConnectionStrings__Portal="Data Source=$data/portal.db" \
    Database__MigrateOnStartup=true Database__SeedDemoData=false \
    Metrics__ScrapeToken="$token" \
    RateLimiting__AccountPostsPerMinute=1000000 \
    Serilog__MinimumLevel__Default=Warning \
    Serilog__WriteTo__1__Args__path="$data/logs/portal-.log" \
    dotnet ProfilePortal.dll
) > "$data/logs/portal.out" 2>&1 &
portal=$!
trap 'kill "$portal" 2>/dev/null; wait "$portal" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -fs -o /dev/null "${url}health/live"; then break; fi
  if ! kill -0 "$portal" 2>/dev/null; then echo "The portal did not start; see $data/logs/portal.out" >&2; exit 1; fi
  sleep 1
done

# Bounded: each step's ramp and hold, plus a margin (the driver bounds itself the same way).
timeout $(( steps * (step_minutes * 60 + idle + hold + 180) )) dotnet "$driver" run --url "$url" --token "$token" \
  --cookies "$data/cookies.json" --circuits "$circuits" --idle-seconds "$idle" --active "$active" --hold-seconds "$hold" \
  --step-minutes "$step_minutes" --server-pid "$portal" --report "$data/report.md"
