// The shared parts of the simulation: cluster state, the pod network, running pods, databases.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { KubeConfig, V1Pod } from "@kubernetes/client-node";
import type { PodsimConfig } from "./config";
import type { ClusterState } from "./kube/cluster-state";
import { PodObjects } from "./kube/pod-objects";
import { inPodRequest, type InPodFailure, type InPodRequest, type InPodResponse } from "./net/http-client";
import { Network } from "./net/network";
import { Engines } from "./postgres/engines";
import type { PodRuntime } from "./runtime/pod-runtime";

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = path.join(path.dirname(require.resolve("@electric-sql/pglite")), "..", "package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

export class Simulator {
  readonly runtimes = new Map<string, PodRuntime>();
  readonly network: Network;
  readonly engines: Engines;
  readonly objects: PodObjects;
  /** PostgreSQL data directory -> uid of the pod whose server holds it */
  readonly volumeOwners = new Map<string, string>();

  constructor(readonly config: PodsimConfig, readonly kubeConfig: KubeConfig, readonly state: ClusterState) {
    this.network = new Network(state, config.cni, (pod) => this.runtimeOf(pod));
    this.engines = new Engines(path.join(config.cacheDir, `pglite-${pgliteVersion()}-initdb`));
    this.objects = new PodObjects(kubeConfig, path.join(config.runDir, "work"), config.startedAnnotation);
  }

  runtimeOf(pod: V1Pod): PodRuntime | undefined {
    return this.runtimes.get(pod.metadata?.uid ?? "");
  }

  http(request: InPodRequest): Promise<InPodResponse | InPodFailure> {
    return inPodRequest(this.network, (pod, port) => this.runtimeOf(pod)?.localPort(port), request);
  }
}
