import path from "node:path";

/** process.env or any plain map of settings (tests pass their own). */
export type Env = Record<string, string | undefined>;

export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string };

/** Where Daybook keeps local state (the embedded database, a generated auth secret). */
export const stateDir = (env: Env = process.env) =>
  path.resolve(env.DAYBOOK_DATA_DIR?.trim() || path.join(/*turbopackIgnore: true*/ process.cwd(), ".data"));

/** DATABASE_URL selects a PostgreSQL server; without it Daybook runs its embedded PGlite under DAYBOOK_DATA_DIR. */
export function resolveDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got "${url.split(":")[0]}:…")`);
    }
    return { kind: "postgres", url };
  }
  return { kind: "embedded", dataDir: path.join(stateDir(env), "pglite") };
}
