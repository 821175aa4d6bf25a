# The portal under load, shared by the bench scripts (bench/CircuitLoad/run.sh, bench/Http/run.sh). Source it from
# the repository's root; it defines functions only:
#
#   portal_publish DATA        publishes the portal in Release to DATA/portal and builds the driver (bench/CircuitLoad);
#                              sets PORTAL_DRIVER to the driver's dll
#   portal_seed DATA N         migrates DATA/portal.db and creates the load customers 1 to N (bounded: 30 minutes)
#   portal_start DATA PORT     starts the portal on 127.0.0.1:PORT with Production settings, its own SQLite database
#                              and a fresh random scrape token; sets PORTAL_URL (ending with a slash), PORTAL_TOKEN
#                              and PORTAL_PID, and stops it when the calling script exits, even on failure
#   portal_wait_live [SECONDS] waits until /health/live answers (default 120 s); fails if the portal died or did not
#                              answer in time
#   portal_stop                stops the portal (the exit trap calls it)
#
# Logs go to DATA/logs (the portal's stdout in portal.out, Serilog's file in portal-*.log).

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

portal_publish() {
  local data=$1
  mkdir -p "$data/logs"
  dotnet publish ProfilePortal -c Release -o "$data/portal" --nologo -v quiet
  dotnet build bench/CircuitLoad -c Release --nologo -v quiet
  PORTAL_DRIVER=bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll
}

portal_seed() {
  local data=$1 customers=$2
  timeout 1800 dotnet "$PORTAL_DRIVER" seed --database "$data/portal.db" --customers "$customers"
}

portal_start() {
  local data=$1 port=$2
  mkdir -p "$data/logs"
  PORTAL_URL="http://127.0.0.1:$port/"
  # A fresh random scrape token per run, as production requires one (SecretSettings).
  PORTAL_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # The secrets the Production check asks for come as environment variables; the account rate limit is raised
  # because every sign-in comes from 127.0.0.1.
  (
    cd "$data/portal"
    exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$PORTAL_URL" \
      ConnectionStrings__Portal="Data Source=$data/portal.db" \
      Database__MigrateOnStartup=true Database__SeedDemoData=false \
      Metrics__ScrapeToken="$PORTAL_TOKEN" \
      RateLimiting__AccountPostsPerMinute=1000000 \
      Serilog__MinimumLevel__Default=Warning \
      Serilog__WriteTo__1__Args__path="$data/logs/portal-.log" \
      dotnet ProfilePortal.dll
  ) > "$data/logs/portal.out" 2>&1 &
  PORTAL_PID=$!
  PORTAL_LOG="$data/logs/portal.out"
  trap portal_stop EXIT
  # A signal ends the script through its exit trap, so the portal stops with it.
  trap 'exit 143' TERM
  trap 'exit 130' INT
}

portal_wait_live() {
  local seconds=${1:-120}
  for _ in $(seq 1 "$seconds"); do
    if curl -fs -m 5 -o /dev/null "${PORTAL_URL}health/live"; then return 0; fi
    if ! kill -0 "$PORTAL_PID" 2>/dev/null; then
      echo "The portal did not start; see $PORTAL_LOG" >&2
      return 1
    fi
    sleep 1
  done
  echo "The portal did not answer ${PORTAL_URL}health/live within $seconds s; see $PORTAL_LOG" >&2
  return 1
}

portal_stop() {
  if [ -n "${PORTAL_PID:-}" ]; then
    kill "$PORTAL_PID" 2>/dev/null || true
    wait "$PORTAL_PID" 2>/dev/null || true
    PORTAL_PID=
  fi
}
