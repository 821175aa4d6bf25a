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
# shellcheck source=../portal.sh
. bench/portal.sh

# Each circuit holds a WebSocket on both sides of the loopback.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

portal_publish "$data"
portal_seed "$data" "$most"
portal_start "$data" "$port"
portal_wait_live 120

# Bounded: each step's ramp, idle wait and hold, plus a margin (the driver bounds itself the same way).
timeout $(( steps * (step_minutes * 60 + idle + hold + 180) )) dotnet "$PORTAL_DRIVER" run --url "$PORTAL_URL" --token "$PORTAL_TOKEN" \
  --cookies "$data/cookies.json" --circuits "$circuits" --idle-seconds "$idle" --active "$active" --hold-seconds "$hold" \
  --step-minutes "$step_minutes" --server-pid "$PORTAL_PID" --report "$data/report.md"
