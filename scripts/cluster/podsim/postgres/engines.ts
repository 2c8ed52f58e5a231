// PGlite engines, one worker thread per open data directory. A data directory holds a whole
// PostgreSQL cluster (all its databases); a worker has one database open as one user, and
// switching reopens it (~150 ms). At most `maxOpen` workers live; idle ones end after `idleMs`.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { errorText, log } from "../log";
import type { WireMessage, WorkerRequest, WorkerResponse } from "./pg-protocol";

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };
type Request = WorkerRequest extends infer R ? R extends { id: number } ? Omit<R, "id"> : never : never;

class Engine {
  private readonly worker = new Worker(new URL("./pg-worker.mjs", import.meta.url));
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  database = "";
  username = "";
  lastUsed = Date.now();

  constructor(readonly dataDir: string) {
    this.worker.on("message", (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      this.pending.delete(response.id);
      pending?.resolve(response);
    });
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.on("exit", () => this.failAll(new Error("PGlite worker exited")));
  }

  async call(request: Request): Promise<WireMessage[]> {
    const id = this.nextId++;
    const response = await new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
    if (!response.ok) throw new Error(response.error);
    return response.messages ?? [];
  }

  async end(): Promise<void> {
    try {
      await this.call({ op: "close" });
    } catch {
      // ending anyway
    }
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

export class Engines {
  private readonly open = new Map<string, Engine>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private templateReady: Promise<void> | undefined;

  constructor(private readonly templateDir: string, private readonly maxOpen = 3, private readonly idleMs = 60_000) {}

  /**
   * Runs `work` as one client session on `database` as `username`: its queries (simple query
   * protocol) are not interleaved with another session's, as PGlite has a single connection.
   */
  session<T>(dataDir: string, database: string, username: string,
    work: (query: (sql: string) => Promise<WireMessage[]>) => Promise<T>): Promise<T> {
    return this.serialized(dataDir, async () => {
      const engine = await this.engine(dataDir, database, username);
      try {
        return await work((sql) => engine.call({ op: "query", sql }));
      } finally {
        engine.lastUsed = Date.now();
        this.scheduleIdleClose(dataDir);
      }
    });
  }

  /** Creates a fresh, initialised PostgreSQL data directory (a copy of the initdb template). */
  async initialize(dataDir: string): Promise<void> {
    await this.ensureTemplate();
    mkdirSync(path.dirname(dataDir), { recursive: true });
    const tmp = `${dataDir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    cpSync(this.templateDir, tmp, { recursive: true });
    renameSync(tmp, dataDir);
  }

  isInitialized(dataDir: string): boolean {
    return existsSync(path.join(dataDir, "PG_VERSION"));
  }

  /** Flushes and ends the engine of a data directory (the pod using it stopped). */
  close(dataDir: string): Promise<void> {
    return this.serialized(dataDir, async () => {
      const engine = this.open.get(dataDir);
      this.open.delete(dataDir);
      clearTimeout(this.idleTimers.get(dataDir));
      this.idleTimers.delete(dataDir);
      await engine?.end();
    });
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.open.keys()].map((dir) => this.close(dir)));
  }

  private serialized<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(dataDir) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.queues.set(dataDir, next.catch(() => undefined));
    return next;
  }

  private async engine(dataDir: string, database: string, username: string): Promise<Engine> {
    let engine = this.open.get(dataDir);
    if (engine && (engine.database !== database || engine.username !== username)) {
      this.open.delete(dataDir);
      await engine.end();
      engine = undefined;
    }
    if (!engine) {
      await this.evictFor(dataDir);
      engine = new Engine(dataDir);
      this.open.set(dataDir, engine);
      try {
        await engine.call({ op: "open", dataDir, database, username });
      } catch (error) {
        this.open.delete(dataDir);
        await engine.end();
        throw error;
      }
      engine.database = database;
      engine.username = username;
    }
    return engine;
  }

  private async evictFor(dataDir: string): Promise<void> {
    while (this.open.size >= this.maxOpen) {
      const [oldestDir] = [...this.open].filter(([dir]) => dir !== dataDir).sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0] ?? [];
      if (!oldestDir) return;
      const engine = this.open.get(oldestDir);
      this.open.delete(oldestDir);
      await engine?.end();
    }
  }

  private scheduleIdleClose(dataDir: string): void {
    clearTimeout(this.idleTimers.get(dataDir));
    const timer = setTimeout(() => {
      this.idleTimers.delete(dataDir);
      void this.close(dataDir).catch((error: unknown) => log("closing an idle database failed", { dataDir, error: errorText(error) }));
    }, this.idleMs);
    timer.unref();
    this.idleTimers.set(dataDir, timer);
  }

  private ensureTemplate(): Promise<void> {
    this.templateReady ??= (async () => {
      if (this.isInitialized(this.templateDir)) return;
      const started = Date.now();
      const tmp = `${this.templateDir}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(path.dirname(tmp), { recursive: true });
      const engine = new Engine(tmp);
      await engine.call({ op: "open", dataDir: tmp, database: "postgres", username: "postgres" });
      await engine.end();
      if (!this.isInitialized(this.templateDir)) renameSync(tmp, this.templateDir);
      else rmSync(tmp, { recursive: true, force: true });
      log("initdb template ready", { dir: this.templateDir, ms: Date.now() - started });
    })();
    return this.templateReady;
  }
}
