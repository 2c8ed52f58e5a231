// The kubelet's part podsim plays for pods on kwok nodes: mount ConfigMap/Secret volumes and
// resolve env (or report ContainerCreating / CreateContainerConfigError), run init containers
// (Init:0/1 until they finish), then start the containers, write the pod's Logs/Exec/PortForward
// rules and mark the pod started, after which kwok reports it Running and Ready. Stops a pod's
// containers when it is deleted. Driven by watch events only.
import { rmSync } from "node:fs";
import type { V1Container, V1Pod } from "@kubernetes/client-node";
import type { ClusterChange } from "../kube/cluster-state";
import type { WaitingContainer } from "../kube/pod-objects";
import { errorText, isNotFound, log } from "../log";
import { resolveContainerEnv } from "../pod/container-env";
import { ContainerFiles } from "../pod/container-files";
import type { Simulator } from "../sim";
import { InitContainerRun, UnsupportedScript } from "./init-script";
import { PodRuntime, containerLog, podLogDir } from "./pod-runtime";

interface Tracked {
  uid: string;
  namespace: string;
  name: string;
  runtime?: PodRuntime;
  inits: Map<string, InitContainerRun>;
  logsWritten: boolean;
  reported?: string;
  events: Set<string>;
  busy: boolean;
  again: boolean;
  stopped: boolean;
}

const REFRESH_DEBOUNCE_MS = 100;

export class Kubelet {
  private readonly tracked = new Map<string, Tracked>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly sim: Simulator, private readonly binDir: string, private readonly controlUrl: () => string,
    private readonly token: string) {
    sim.state.onChange((change) => this.onChange(change));
  }

  /** Processes every pod the watches know; resolves when each was handled once. */
  async resyncAll(): Promise<void> {
    await Promise.all(this.sim.state.pods.list().map((pod) => this.schedule(pod)));
  }

  private onChange(change: ClusterChange): void {
    if (change.kind === "Pod") void this.schedule(change.object as V1Pod);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      for (const tracked of this.tracked.values()) void this.run(tracked);
    }, REFRESH_DEBOUNCE_MS);
  }

  private schedule(pod: V1Pod): Promise<void> {
    const uid = pod.metadata?.uid;
    if (!uid) return Promise.resolve();
    let tracked = this.tracked.get(uid);
    if (!tracked) {
      if (pod.metadata?.deletionTimestamp || !pod.spec?.nodeName) return Promise.resolve();
      tracked = { uid, namespace: pod.metadata?.namespace ?? "", name: pod.metadata?.name ?? "", inits: new Map(), logsWritten: false, events: new Set(), busy: false, again: false, stopped: false };
      this.tracked.set(uid, tracked);
    }
    return this.run(tracked);
  }

  private async run(tracked: Tracked): Promise<void> {
    if (tracked.busy) {
      tracked.again = true;
      return;
    }
    tracked.busy = true;
    try {
      do {
        tracked.again = false;
        await this.process(tracked);
      } while (tracked.again && !tracked.stopped);
    } catch (error) {
      log("pod processing failed", { pod: `${tracked.namespace}/${tracked.name}`, error: errorText(error) });
    } finally {
      tracked.busy = false;
    }
  }

  private current(tracked: Tracked): V1Pod | undefined {
    const pod = this.sim.state.pods.get(tracked.namespace, tracked.name);
    return pod?.metadata?.uid === tracked.uid ? pod : undefined;
  }

  private async process(tracked: Tracked): Promise<void> {
    const pod = this.current(tracked);
    const phase = pod?.status?.phase;
    if (!pod || pod.metadata?.deletionTimestamp || phase === "Succeeded" || phase === "Failed") {
      await this.stop(tracked);
      return;
    }
    if (!pod.spec?.nodeName) return;
    if (tracked.runtime) {
      tracked.runtime.pod = pod;
      if (await tracked.runtime.refresh()) await this.applyPortForward(pod, tracked.runtime);
      return;
    }
    if (!tracked.logsWritten) {
      await this.quietly(pod, "Logs", () => this.sim.objects.logs(pod, [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
        .map((c) => ({ container: c.name, file: containerLog(this.sim, pod, c.name).file }))));
      tracked.logsWritten = true;
    }
    const started = pod.metadata?.annotations?.[this.sim.config.startedAnnotation] !== undefined;
    if (!started && !(await this.readyToStart(tracked, pod))) return;
    await this.start(tracked, pod, started);
  }

  /** Volumes, init containers and env, in the kubelet's order; reports what the pod waits for. */
  private async readyToStart(tracked: Tracked, pod: V1Pod): Promise<boolean> {
    const all: Array<{ c: V1Container; init: boolean }> = [
      ...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true })),
      ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false })),
    ];
    const mountProblems = all.flatMap(({ c }) => new ContainerFiles(this.sim.state, pod, c).mountProblems());
    if (mountProblems.length > 0) {
      for (const p of mountProblems) await this.event(tracked, pod, "Warning", "FailedMount", `MountVolume.SetUp failed for volume "${p.volume}" : ${p.message}`);
      await this.report(tracked, pod, all.map(({ c, init }) => ({ name: c.name, init, reason: init ? "PodInitializing" : "ContainerCreating" })).filter((w, i, list) => !w.init || list.findIndex((x) => x.init) === i));
      return false;
    }
    for (const init of pod.spec?.initContainers ?? []) {
      const env = resolveContainerEnv(this.sim.state, pod, init);
      if (env.problems.length > 0) {
        await this.event(tracked, pod, "Warning", "Failed", `Error: ${env.problems[0]}`);
        await this.report(tracked, pod, [{ name: init.name, init: true, reason: "CreateContainerConfigError", message: env.problems[0] }]);
        return false;
      }
      let run = tracked.inits.get(init.name);
      if (!run) {
        const log = containerLog(this.sim, pod, init.name);
        try {
          run = new InitContainerRun([...(init.command ?? []), ...(init.args ?? [])], env.values,
            () => ({ sim: this.sim, pod, container: init.name, env: env.values }),
            (stdout, stderr) => {
              if (stdout) log.stdout(...stdout.replace(/\n$/, "").split("\n"));
              if (stderr) log.stderr(...stderr.replace(/\n$/, "").split("\n"));
            });
        } catch (error) {
          if (!(error instanceof UnsupportedScript)) throw error;
          log.stderr(`podsim: ${error.message}; treating the init container as completed`);
          run = new InitContainerRun([], {}, () => ({ sim: this.sim, pod, container: init.name, env: {} }), () => undefined);
        }
        tracked.inits.set(init.name, run);
      }
      const result = await run.advance();
      if (result.state.kind === "waiting") {
        await this.report(tracked, pod, [{ name: init.name, init: true, reason: "", running: true }]);
        return false;
      }
      if (result.state.exitCode !== 0) {
        tracked.inits.delete(init.name);
        await this.event(tracked, pod, "Warning", "BackOff", `Back-off restarting failed container ${init.name} in pod ${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`);
        await this.report(tracked, pod, [{ name: init.name, init: true, reason: "CrashLoopBackOff", message: `back-off 10s restarting failed container=${init.name} pod=${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})` }]);
        return false;
      }
    }
    const configErrors = (pod.spec?.containers ?? []).map((c) => ({ c, problems: resolveContainerEnv(this.sim.state, pod, c).problems })).filter((x) => x.problems.length > 0);
    if (configErrors.length > 0) {
      for (const { problems } of configErrors) await this.event(tracked, pod, "Warning", "Failed", `Error: ${problems[0]}`);
      await this.report(tracked, pod, configErrors.map(({ c, problems }) => ({ name: c.name, init: false, reason: "CreateContainerConfigError", message: problems[0] })));
      return false;
    }
    return true;
  }

  private async start(tracked: Tracked, pod: V1Pod, alreadyStarted: boolean): Promise<void> {
    const runtime = new PodRuntime(this.sim, pod);
    tracked.runtime = runtime;
    this.sim.runtimes.set(tracked.uid, runtime);
    try {
      await runtime.start();
    } catch (error) {
      log("containers did not start", { pod: runtime.name, error: errorText(error) });
      await runtime.stop();
      tracked.runtime = undefined;
      this.sim.runtimes.delete(tracked.uid);
      return;
    }
    await this.quietly(pod, "Exec", () => this.sim.objects.exec(pod, [...runtime.containers].map(([name, { ctx }]) => ({
      container: name,
      env: [
        { name: "PATH", value: `${this.binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` },
        { name: "PODSIM_URL", value: this.controlUrl() },
        { name: "PODSIM_TOKEN", value: this.token },
        { name: "PODSIM_NAMESPACE", value: tracked.namespace },
        { name: "PODSIM_POD", value: tracked.name },
        { name: "PODSIM_CONTAINER", value: name },
        ...Object.entries(ctx.env).filter(([k]) => !ctx.secretEnvNames.has(k) && k !== "PATH").map(([k, v]) => ({ name: k, value: v })),
      ],
    }))));
    await this.applyPortForward(pod, runtime);
    if (!alreadyStarted) await this.quietly(pod, "annotation", () => this.sim.objects.markStarted(pod));
    log("pod started", { pod: runtime.name, ports: runtime.forwards().map((f) => f.port).join(",") });
  }

  private async applyPortForward(pod: V1Pod, runtime: PodRuntime): Promise<void> {
    await this.quietly(pod, "PortForward", () => this.sim.objects.portForward(pod, runtime.forwards()));
  }

  private async stop(tracked: Tracked): Promise<void> {
    if (tracked.stopped) return;
    tracked.stopped = true;
    this.tracked.delete(tracked.uid);
    const runtime = tracked.runtime;
    if (runtime) {
      this.sim.runtimes.delete(tracked.uid);
      await runtime.stop();
      log("pod stopped", { pod: runtime.name });
      rmSync(podLogDir(this.sim, runtime.pod), { recursive: true, force: true });
    }
  }

  private async report(tracked: Tracked, pod: V1Pod, waiting: WaitingContainer[]): Promise<void> {
    const signature = JSON.stringify(waiting);
    if (tracked.reported === signature) return;
    tracked.reported = signature;
    await this.quietly(pod, "status", () => this.sim.objects.reportWaiting(pod, waiting));
  }

  private async event(tracked: Tracked, pod: V1Pod, type: "Normal" | "Warning", reason: string, message: string): Promise<void> {
    const key = `${reason}\u0000${message}`;
    if (tracked.events.has(key)) return;
    tracked.events.add(key);
    await this.quietly(pod, "event", () => this.sim.objects.event(pod, type, reason, message));
  }

  private async quietly(pod: V1Pod, what: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      // a pod deleted meanwhile is not worth a line
      if (!isNotFound(error)) log(`writing ${what} failed`, { pod: `${pod.metadata?.namespace}/${pod.metadata?.name}`, error: errorText(error) });
    }
  }
}
