// podsim: plays the container runtime for kwok's simulated pods (see docs/control-plane.md).
// Started by scripts/cluster/up.sh after kwok; stopped by down.sh (SIGTERM).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { configFromEnv } from "./config";
import { ClusterState } from "./kube/cluster-state";
import { errorText, log } from "./log";
import { Kubelet } from "./runtime/kubelet";
import { removeDataOfDeletedVolumes } from "./runtime/volume-cleanup";
import { Simulator } from "./sim";
import { EgressProxy } from "./net/egress-proxy";
import { IngressController } from "./ingress/controller";
import { startProvisioner } from "./storage/provisioner";
import { ControlServer } from "./tools/control-server";
import { startVpaRecommender } from "./vpa/recommender";

async function main(): Promise<void> {
  const started = Date.now();
  const config = configFromEnv();
  mkdirSync(path.join(config.runDir, "work"), { recursive: true });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(config.kubeconfig);
  const state = new ClusterState(kubeConfig);
  const sim = new Simulator(config, kubeConfig, state);
  const control = new ControlServer(sim);
  const binDir = path.join(config.runDir, "bin");
  control.installTools(binDir);
  const url = await control.start();
  writeFileSync(path.join(config.runDir, "token"), control.token, { mode: 0o600 });
  const kubelet = new Kubelet(sim, binDir, () => url, control.token);
  removeDataOfDeletedVolumes(sim);
  const egress = new EgressProxy(sim, path.join(config.runDir, "egress.sock"));
  await egress.start();
  const provisioner = startProvisioner(sim);
  const ingress = new IngressController(sim, config.ingressPort, config.ingressPodIp);
  await state.start();
  await Promise.all([kubelet.resyncAll(), provisioner.reconcile()]);
  await ingress.start();
  const vpa = await startVpaRecommender(sim);
  control.ready = true;
  writeFileSync(path.join(config.runDir, "url"), `${url}\n`);
  log("podsim ready", { url, ingress: `http://127.0.0.1:${config.ingressPort}`, cni: config.cni, ms: Date.now() - started, pods: sim.runtimes.size });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("stopping", { signal });
    // down.sh escalates to SIGKILL after 15 s; leave well before, whatever still hangs
    setTimeout(() => process.exit(0), 5_000).unref();
    await vpa.stop();
    await ingress.stop();
    await state.stop();
    await Promise.all([...sim.runtimes.values()].map((runtime) => runtime.stop()));
    await sim.engines.shutdown();
    await control.stop();
    await egress.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

// A simulator bug must not take the cluster's pods down with it: log it and keep serving.
process.on("uncaughtException", (error) => log("uncaught exception", { error: error.stack ?? errorText(error) }));
process.on("unhandledRejection", (error) => log("unhandled rejection", { error: error instanceof Error ? error.stack ?? error.message : String(error) }));

main().catch((error: unknown) => {
  log("podsim failed to start", { error: errorText(error) });
  process.exit(1);
});
