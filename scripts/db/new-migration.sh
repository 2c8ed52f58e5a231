#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema of the last
# commit to the current prisma/schema.prisma. Prisma 7's migrate needs a native engine that cannot be
# downloaded here, so this uses Prisma 6's wasm engine offline (needs a scratch PostgreSQL: SCRATCH_DATABASE_URL).
set -euo pipefail
name=${1:?usage: scripts/db/new-migration.sh <name>}
: "${SCRATCH_DATABASE_URL:?set SCRATCH_DATABASE_URL to an empty PostgreSQL database}"
top=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
# Staged beside prisma/migrations (same file system), so the final rename is atomic.
stage=$(mktemp -d "$top/prisma/.new-migration.XXXXXX")
trap 'rm -rf "$work" "$stage"' EXIT
to_v6() { sed 's/provider = "postgresql"/provider = "postgresql"\n  url = env("DATABASE_URL")/; s#provider = "prisma-client"#provider = "prisma-client-js"#; /^\s*output/d'; }
to_v6 <"$top/prisma/schema.prisma" >"$work/new.prisma"
if git -C "$top" cat-file -e HEAD:prisma/schema.prisma 2>/dev/null; then
  git -C "$top" show HEAD:prisma/schema.prisma | to_v6 >"$work/old.prisma"; from=(--from-schema-datamodel "$work/old.prisma")
else
  from=(--from-empty)
fi
cat >"$work/prisma.config.ts" <<TS
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({ experimental: { adapter: true }, engine: "js", schema: "new.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }) } as never);
TS
(cd "$work" && npm init -y >/dev/null && npm install --silent prisma@6.19.3 @prisma/adapter-pg@6.19.3 pg >/dev/null)
out="$top/prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
# The SQL is written to the scratch folder first and moved into place only when the diff succeeded and
# produced SQL, so a failed run never leaves a partial migration for migrate.ts to apply.
(cd "$work" && DATABASE_URL=$SCRATCH_DATABASE_URL PRISMA_QUERY_ENGINE_LIBRARY=/bin/false CHECKPOINT_DISABLE=1 \
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel new.prisma --script) >"$work/migration.sql"
if ! grep -qv '^\s*\(--.*\)\?$' "$work/migration.sql"; then
  echo "no schema changes since the last commit: nothing written" >&2
  exit 1
fi
mv "$work/migration.sql" "$stage/migration.sql"
chmod 755 "$stage" && mv -T "$stage" "$out"
echo "wrote $out/migration.sql"
