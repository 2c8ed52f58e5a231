// postgres (official image): a real PostgreSQL (PGlite) whose data lives with the volume mounted
// at PGDATA: the bound PersistentVolume when it is a PVC (so data survives pod restarts), else
// the pod (gone with it). Serves no HTTP; psql/pg_isready through exec, and port 5432 to pods.
import { rmSync } from "node:fs";
import path from "node:path";
import { errorText, log } from "../log";
import { PostgresServer } from "../postgres/server";
import type { ContainerContext, Personality, PersonalityFactory } from "./types";

const DEFAULT_PGDATA = "/var/lib/postgresql/data";

/** Where a volume's PostgreSQL data lives: with the PersistentVolume, or the claim while unbound. */
export function volumeDataRoot(runDir: string, claim: { volumeName?: string; uid?: string }): string {
  return path.join(runDir, "volumes", claim.volumeName ? `pv-${claim.volumeName}` : `pvc-${claim.uid}`);
}

function dataDirectory(ctx: ContainerContext): { dir: string; perPod: boolean; inPod: string } {
  const inPod = ctx.env.PGDATA || DEFAULT_PGDATA;
  const pod = ctx.pod();
  const namespace = pod.metadata?.namespace ?? "";
  const volumes = path.join(ctx.sim.config.runDir, "volumes");
  for (const mount of ctx.container.volumeMounts ?? []) {
    const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
    const claimName = volume?.persistentVolumeClaim?.claimName;
    const rel = path.posix.relative(mount.mountPath, inPod);
    if (!claimName || rel.startsWith("..")) continue;
    const claim = ctx.sim.state.claims.get(namespace, claimName);
    const root = volumeDataRoot(ctx.sim.config.runDir, { volumeName: claim?.spec?.volumeName, uid: claim?.metadata?.uid ?? `${namespace}-${claimName}` });
    return { dir: path.join(root, rel || "."), perPod: false, inPod };
  }
  return { dir: path.join(volumes, `pod-${pod.metadata?.uid}`, "pgdata"), perPod: true, inPod };
}

class Postgres implements Personality {
  readonly postgres: PostgresServer;
  readonly ready: Promise<void>;
  private readonly dataDir: ReturnType<typeof dataDirectory>;

  constructor(private readonly ctx: ContainerContext) {
    this.dataDir = dataDirectory(ctx);
    this.postgres = new PostgresServer(ctx.sim.engines, this.dataDir.dir, Number(ctx.env.PGPORT) || 5432);
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    const owners = this.ctx.sim.volumeOwners;
    const uid = this.ctx.runtime.uid;
    const owner = owners.get(this.dataDir.dir);
    if (owner && owner !== uid && [...this.ctx.sim.runtimes.keys()].includes(owner)) {
      this.ctx.log.stderr(...this.postgres.failLocked(this.dataDir.inPod));
      return;
    }
    owners.set(this.dataDir.dir, uid);
    try {
      const initScripts = this.ctx.files.glob("/docker-entrypoint-initdb.d/*");
      const lines = await this.postgres.start(this.ctx.env, initScripts);
      if (!this.ctx.log.hasLines || this.postgres.failure) this.ctx.log.stdout(...lines);
    } catch (error) {
      this.postgres.failure = errorText(error);
      this.ctx.log.stderr(`FATAL:  could not start the server: ${errorText(error)}`);
      log("postgres start failed", { pod: this.ctx.runtime.name, error: errorText(error) });
    }
  }

  httpPorts(): number[] {
    return [];
  }

  tcpPorts(): number[] {
    return this.postgres.accepting ? [this.postgres.port] : [];
  }

  async stop(): Promise<void> {
    await this.ready;
    await this.postgres.stop();
    const owners = this.ctx.sim.volumeOwners;
    if (owners.get(this.dataDir.dir) === this.ctx.runtime.uid) owners.delete(this.dataDir.dir);
    if (this.dataDir.perPod) rmSync(path.dirname(this.dataDir.dir), { recursive: true, force: true });
  }
}

export const postgres: PersonalityFactory = (ctx) => new Postgres(ctx);
