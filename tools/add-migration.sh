#!/usr/bin/env bash
# Adds one migration for both providers (ADR 0001): SqliteKeqingDb into Migrations/Sqlite and PostgresKeqingDb into
# Migrations/Postgres, under the same name. Usage: tools/add-migration.sh <Name>
# To take the last one back out (--force: it does not ask a database whether it was applied):
#   dotnet ef migrations remove --force --project src/Keqing --context SqliteKeqingDb   (then PostgresKeqingDb)
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "Usage: tools/add-migration.sh <Name>   (one migration name, e.g. CustomerExternalId)" >&2
  exit 2
fi
name=$1
if ! [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
  echo "add-migration: '$name' is not a valid migration name (letters, digits and _, not starting with a digit)." >&2
  exit 2
fi

cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Keqing --nologo -v quiet

for provider in Sqlite Postgres; do
  echo "Adding $name for $provider …"
  if ! dotnet ef migrations add "$name" --project src/Keqing --no-build \
      --context "${provider}KeqingDb" --output-dir "Infrastructure/Data/Migrations/$provider"; then
    echo "add-migration: the $provider migration failed." >&2
    if [ "$provider" = Postgres ]; then
      echo "The Sqlite migration $name was added; remove it with:" >&2
      echo "  dotnet ef migrations remove --force --project src/Keqing --context SqliteKeqingDb" >&2
    fi
    exit 1
  fi
done
echo "Added $name for both providers; commit them alone, as the last commit, titled \"Migrations: $name\"."
