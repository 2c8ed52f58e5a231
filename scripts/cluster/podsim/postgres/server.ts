// The PostgreSQL server of a postgres container, as the official image runs it: first start on an
// empty data directory initialises it from POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB (and
// /docker-entrypoint-initdb.d/*.sql); later starts reuse it, whatever the env says by then.
// Local (socket, 127.0.0.1) connections are trusted, others need the password (scram-sha-256).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Engines } from "./engines";
import { outcomeOf, type StatementOutcome, type WireMessage } from "./pg-protocol";

interface ClusterMeta {
  superuser: string;
  salt: string;
  passwordHash: string;
}

export interface ConnectRequest {
  user: string;
  database: string;
  password?: string;
  /** Unix socket or 127.0.0.1 inside the pod: pg_hba "trust" */
  local: boolean;
}

export type SessionWork<T> = (run: (sql: string) => Promise<StatementOutcome>) => Promise<T>;

export type Connected<T> = { ok: true; value: T } | { ok: false; fatal: string; noPassword?: boolean };

const hash = (salt: string, password: string) => createHash("sha256").update(`${salt}:${password}`).digest("hex");
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class PostgresServer {
  private meta: ClusterMeta | undefined;
  private databases = new Set<string>();
  private roles = new Set<string>();
  /** why the server did not start (the container would crash-loop), if it did not */
  failure: string | undefined;

  constructor(
    private readonly engines: Engines,
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get accepting(): boolean {
    return this.failure === undefined && this.meta !== undefined;
  }

  private get metaFile(): string {
    return `${this.dataDir}.podsim.json`;
  }

  /** Starts the server; returns the log lines the image prints. */
  async start(env: Readonly<Record<string, string>>, initScripts: Array<{ path: string; content: string }>): Promise<string[]> {
    const lines: string[] = [];
    const fresh = !this.engines.isInitialized(this.dataDir) || !existsSync(this.metaFile);
    if (fresh) {
      const superuser = env.POSTGRES_USER || "postgres";
      const password = env.POSTGRES_PASSWORD ?? "";
      if (!password && env.POSTGRES_HOST_AUTH_METHOD !== "trust") {
        this.failure = "superuser password is not specified";
        return [
          "Error: Database is uninitialized and superuser password is not specified.",
          "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
          "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".",
        ];
      }
      await this.engines.initialize(this.dataDir);
      const salt = randomBytes(12).toString("hex");
      this.meta = { superuser, salt, passwordHash: hash(salt, password) };
      const database = env.POSTGRES_DB || superuser;
      const setup: string[] = [];
      if (superuser !== "postgres") setup.push(`CREATE ROLE ${quoteIdent(superuser)} SUPERUSER LOGIN`);
      if (password) setup.push(`ALTER ROLE ${quoteIdent(superuser)} PASSWORD ${quoteLiteral(password)}`);
      if (database !== "postgres") setup.push(`CREATE DATABASE ${quoteIdent(database)}`);
      await this.engines.session(this.dataDir, "postgres", "postgres", async (query) => {
        for (const sql of setup) await query(sql);
      });
      writeFileSync(this.metaFile, JSON.stringify(this.meta), { mode: 0o600 });
      lines.push(
        "The files belonging to this database system will be owned by user \"postgres\".",
        "This user must also own the server process.",
        "",
        "Success. You can now start the database server using:",
        "",
        "waiting for server to start.... done",
        "server started",
        ...(database !== "postgres" ? ["CREATE DATABASE", ""] : [""]),
      );
      for (const script of initScripts) {
        if (!script.path.endsWith(".sql")) {
          lines.push(`/usr/local/bin/docker-entrypoint.sh: ignoring ${script.path}`);
          continue;
        }
        lines.push(`/usr/local/bin/docker-entrypoint.sh: running ${script.path}`);
        await this.engines.session(this.dataDir, database, superuser, async (query) => {
          const outcome = outcomeOf(await query(script.content));
          lines.push(...outcome.results.map((r) => r.tag));
          if (outcome.error) lines.push(`psql:${script.path}: ERROR:  ${outcome.error.message}`);
        });
      }
      lines.push("waiting for server to shut down.... done", "server stopped", "", "PostgreSQL init process complete; ready for start up.", "");
    } else {
      this.meta = JSON.parse(readFileSync(this.metaFile, "utf8")) as ClusterMeta;
      lines.push("", "PostgreSQL Database directory appears to contain a database; Skipping initialization", "");
    }
    await this.refreshCatalog();
    const stamp = () => `${new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, ".000 UTC")}`;
    lines.push(
      `${stamp()} [1] LOG:  starting PostgreSQL (podsim: PGlite in ${this.dataDir.split("/").slice(-2).join("/")})`,
      `${stamp()} [1] LOG:  listening on IPv4 address "0.0.0.0", port ${this.port}`,
      `${stamp()} [1] LOG:  listening on IPv6 address "::", port ${this.port}`,
      `${stamp()} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.${this.port}"`,
      `${stamp()} [1] LOG:  database system is ready to accept connections`,
    );
    return lines;
  }

  /** Refuses to start: another live pod holds this data directory. */
  failLocked(dataDirInPod: string): string[] {
    this.failure = "lock file exists";
    return [
      `FATAL:  lock file "postmaster.pid" already exists`,
      `HINT:  Is another postmaster (PID 1) running in data directory "${dataDirInPod}"?`,
    ];
  }

  async stop(): Promise<void> {
    await this.engines.close(this.dataDir);
  }

  get superuser(): string {
    return this.meta?.superuser ?? "postgres";
  }

  hasDatabase(name: string): boolean {
    return this.databases.has(name);
  }

  /** Authenticates like the image's pg_hba.conf and runs `work` as one session. */
  async connect<T>(request: ConnectRequest, work: SessionWork<T>): Promise<Connected<T>> {
    if (!this.accepting || !this.meta) return { ok: false, fatal: "the database system is starting up" };
    if (!this.roles.has(request.user)) return { ok: false, fatal: `role "${request.user}" does not exist` };
    if (!request.local) {
      if (request.password === undefined) return { ok: false, fatal: "fe_sendauth: no password supplied", noPassword: true };
      const expected = Buffer.from(this.meta.passwordHash, "hex");
      const actual = Buffer.from(hash(this.meta.salt, request.password), "hex");
      if (request.user !== this.meta.superuser || !timingSafeEqual(expected, actual)) {
        return { ok: false, fatal: `password authentication failed for user "${request.user}"` };
      }
    }
    if (!this.databases.has(request.database)) return { ok: false, fatal: `database "${request.database}" does not exist` };
    let catalogChanged = false;
    const value = await this.engines.session(this.dataDir, request.database, request.user, async (query) => {
      let lastStatus = "I";
      const run = async (sql: string): Promise<StatementOutcome> => {
        const messages: WireMessage[] = await query(sql);
        const ready = messages.filter((m) => m.name === "readyForQuery").at(-1) as { status?: string } | undefined;
        lastStatus = ready?.status ?? lastStatus;
        if (/\b(database|role|user)\b/i.test(sql) && /\b(create|drop|alter)\b/i.test(sql)) catalogChanged = true;
        return outcomeOf(messages);
      };
      try {
        return await work(run);
      } finally {
        if (lastStatus !== "I") await query("ROLLBACK");
      }
    });
    if (catalogChanged) await this.refreshCatalog();
    return { ok: true, value };
  }

  private async refreshCatalog(): Promise<void> {
    await this.engines.session(this.dataDir, "postgres", "postgres", async (query) => {
      const databases = outcomeOf(await query("SELECT datname FROM pg_database WHERE datallowconn"));
      const roles = outcomeOf(await query("SELECT rolname FROM pg_roles WHERE rolcanlogin"));
      this.databases = new Set(databases.results[0]?.rows.map((r) => r[0] ?? "") ?? []);
      this.roles = new Set(roles.results[0]?.rows.map((r) => r[0] ?? "") ?? []);
      if (this.meta && this.meta.superuser !== "postgres") this.roles.delete("postgres");
    });
  }
}
