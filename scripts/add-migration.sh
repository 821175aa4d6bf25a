#!/usr/bin/env bash
# Adds a migration with the same name for both providers, so the two sets stay in step.
# Usage: scripts/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" \
    --project ProfilePortal.Infrastructure --startup-project ProfilePortal.Infrastructure \
    --context "${provider}PortalDbContext" --output-dir "Persistence/Migrations/$provider"
done
rm -f ProfilePortal.Infrastructure/design-time.db
