// One started pod: its containers' personalities and a 127.0.0.1 listener per served port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { V1Container, V1Pod } from "@kubernetes/client-node";
import { errorText, log } from "../log";
import { PEER_HEADER } from "../net/http-client";
import type { Listening } from "../net/network";
import { resolveContainerEnv } from "../pod/container-env";
import { ContainerFiles } from "../pod/container-files";
import { parseImage } from "../pod/image";
import { personalityFor } from "../personalities";
import type { ContainerContext, Personality } from "../personalities/types";
import type { PostgresServer } from "../postgres/server";
import type { Simulator } from "../sim";
import { ContainerLog } from "./container-log";

export interface RunningContainer {
  ctx: ContainerContext;
  personality: Personality;
}

interface Listener {
  server: http.Server;
  localPort: number;
  container: string;
}

export function podLogDir(sim: Simulator, pod: V1Pod): string {
  const meta = pod.metadata ?? {};
  return path.join(sim.config.runDir, "logs", meta.namespace ?? "", `${meta.name}_${meta.uid}`);
}

export function containerLog(sim: Simulator, pod: V1Pod, container: string): ContainerLog {
  return new ContainerLog(path.join(podLogDir(sim, pod), `${container}.log`));
}

export class PodRuntime implements Listening {
  readonly containers = new Map<string, RunningContainer>();
  private readonly listeners = new Map<number, Listener>();
  private stopped = false;

  constructor(readonly sim: Simulator, public pod: V1Pod) {}

  get uid(): string {
    return this.pod.metadata?.uid ?? "";
  }

  get name(): string {
    return `${this.pod.metadata?.namespace}/${this.pod.metadata?.name}`;
  }

  /** Starts every app container (init containers already ran) and opens its listeners. */
  async start(): Promise<void> {
    for (const container of this.pod.spec?.containers ?? []) {
      const ctx = this.context(container);
      this.containers.set(container.name, { ctx, personality: personalityFor(ctx) });
    }
    await Promise.all([...this.containers.values()].map(({ personality }) => personality.ready));
    await this.syncListeners();
  }

  /** Mounted files or cluster state changed: personalities re-read; listeners follow. Returns true when ports changed. */
  async refresh(): Promise<boolean> {
    if (this.stopped) return false;
    for (const { personality } of this.containers.values()) personality.refresh?.();
    return this.syncListeners();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.listeners.values()].map((l) => new Promise<void>((resolve) => {
      l.server.close(() => resolve());
      l.server.closeAllConnections();
    })));
    this.listeners.clear();
    await Promise.all([...this.containers.values()].map(async ({ personality }) => {
      try {
        await personality.stop?.();
      } catch (error) {
        log("container stop failed", { pod: this.name, error: errorText(error) });
      }
    }));
  }

  localPort(port: number): number | undefined {
    return this.listeners.get(port)?.localPort;
  }

  accepts(port: number): boolean {
    if (this.listeners.has(port)) return true;
    return [...this.containers.values()].some(({ personality }) => personality.tcpPorts?.().includes(port));
  }

  /** the pod ports a port-forward can reach, with podsim's 127.0.0.1 port for each */
  forwards(): Array<{ port: number; localPort: number }> {
    return [...this.listeners].map(([port, l]) => ({ port, localPort: l.localPort })).sort((a, b) => a.port - b.port);
  }

  postgres(port: number): PostgresServer | undefined {
    for (const { personality } of this.containers.values()) {
      if (personality.postgres && personality.tcpPorts?.().includes(port)) return personality.postgres;
    }
    return undefined;
  }

  private context(container: V1Container): ContainerContext {
    const env = resolveContainerEnv(this.sim.state, this.pod, container);
    return {
      sim: this.sim,
      runtime: this,
      container,
      image: parseImage(container.image ?? ""),
      env: env.values,
      secretEnvNames: env.secretNames,
      files: new ContainerFiles(this.sim.state, this.pod, container),
      log: containerLog(this.sim, this.pod, container.name),
      pod: () => this.pod,
    };
  }

  private async syncListeners(): Promise<boolean> {
    const wanted = new Map<number, string>();
    for (const [name, { personality }] of this.containers) {
      for (const port of personality.httpPorts()) if (!wanted.has(port)) wanted.set(port, name);
    }
    let changed = false;
    for (const [port, listener] of this.listeners) {
      if (wanted.get(port) === listener.container) continue;
      this.listeners.delete(port);
      listener.server.close();
      listener.server.closeAllConnections();
      changed = true;
    }
    for (const [port, container] of wanted) {
      if (this.listeners.has(port) || this.stopped) continue;
      this.listeners.set(port, await this.listen(port, container));
      changed = true;
    }
    return changed;
  }

  private listen(port: number, containerName: string): Promise<Listener> {
    const server = http.createServer((req, res) => {
      const peerHeader = req.headers[PEER_HEADER];
      delete req.headers[PEER_HEADER];
      const peer = typeof peerHeader === "string" ? peerHeader : "127.0.0.1";
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const personality = this.containers.get(containerName)?.personality;
        Promise.resolve(personality?.handle?.(port, { req, res, peer, body: Buffer.concat(chunks) }))
          .catch((error: unknown) => {
            log("request handler failed", { pod: this.name, port, error: errorText(error) });
            if (!res.headersSent) res.writeHead(500);
            res.end();
          });
      });
    });
    server.keepAliveTimeout = 5_000;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        resolve({ server, localPort: (server.address() as AddressInfo).port, container: containerName });
      });
    });
  }
}
