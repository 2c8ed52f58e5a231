import path from "node:path";

export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string };

/** DATABASE_URL selects a PostgreSQL server; without it Daybook runs its embedded PGlite in DAYBOOK_DATA_DIR. */
export function resolveDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got "${url.split(":")[0]}:…")`);
    }
    return { kind: "postgres", url };
  }
  const dataDir = env.DAYBOOK_DATA_DIR?.trim() || path.join(process.cwd(), ".data", "pglite");
  return { kind: "embedded", dataDir: path.resolve(dataDir) };
}
