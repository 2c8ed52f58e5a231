// A VerticalPodAutoscaler recommender, active while the VPA CRD is installed: for each VPA whose
// target has Running pods, status.recommendation comes from the pods' requests (clamped by the
// resourcePolicy), with condition RecommendationProvided=True, as the real recommender writes it.
import {
  ApiextensionsV1Api, AppsV1Api, CustomObjectsApi, PatchStrategy, makeInformer, setHeaderOptions, type KubernetesObject, type V1LabelSelector, type V1Pod,
} from "@kubernetes/client-node";
import { errorText, log } from "../log";
import { matchesSelector } from "../pod/selectors";
import type { Simulator } from "../sim";

const GROUP = "autoscaling.k8s.io";
const CRD = `verticalpodautoscalers.${GROUP}`;

interface Vpa extends KubernetesObject {
  spec?: {
    targetRef?: { apiVersion?: string; kind?: string; name?: string };
    resourcePolicy?: { containerPolicies?: Array<{ containerName?: string; mode?: string; minAllowed?: Record<string, string>; maxAllowed?: Record<string, string>; controlledResources?: string[] }> };
  };
  status?: { recommendation?: unknown; conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }> };
}

function cpuMillis(q: string | undefined): number | undefined {
  if (!q) return undefined;
  return q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

function bytes(q: string | undefined): number | undefined {
  if (!q) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return undefined;
  const unit = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] ?? ""] ?? 1;
  return Number(m[1]) * unit;
}

const fmtCpu = (m: number) => `${Math.round(m)}m`;
const fmtMem = (b: number) => String(Math.round(b));

export async function startVpaRecommender(sim: Simulator): Promise<{ stop(): Promise<void> }> {
  const extensions = sim.kubeConfig.makeApiClient(ApiextensionsV1Api);
  const custom = sim.kubeConfig.makeApiClient(CustomObjectsApi);
  const apps = sim.kubeConfig.makeApiClient(AppsV1Api);
  let vpas: ReturnType<typeof makeInformer<Vpa>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const written = new Map<string, string>();

  const targetPods = async (vpa: Vpa): Promise<V1Pod[]> => {
    const ref = vpa.spec?.targetRef;
    const namespace = vpa.metadata?.namespace ?? "";
    if (!ref?.name) return [];
    let selector: V1LabelSelector | undefined;
    try {
      if (ref.kind === "Deployment") selector = (await apps.readNamespacedDeployment({ name: ref.name, namespace })).spec?.selector;
      else if (ref.kind === "StatefulSet") selector = (await apps.readNamespacedStatefulSet({ name: ref.name, namespace })).spec?.selector;
      else if (ref.kind === "ReplicaSet") selector = (await apps.readNamespacedReplicaSet({ name: ref.name, namespace })).spec?.selector;
      else if (ref.kind === "DaemonSet") selector = (await apps.readNamespacedDaemonSet({ name: ref.name, namespace })).spec?.selector;
    } catch {
      return [];
    }
    return sim.state.pods.list(namespace).filter((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp && matchesSelector(selector, p.metadata?.labels));
  };

  const recommend = async (vpa: Vpa): Promise<void> => {
    const pods = await targetPods(vpa);
    if (pods.length === 0) return;
    const policies = vpa.spec?.resourcePolicy?.containerPolicies ?? [];
    const containerRecommendations = (pods[0]!.spec?.containers ?? []).flatMap((c) => {
      const policy = policies.find((p) => p.containerName === c.name) ?? policies.find((p) => p.containerName === "*");
      if (policy?.mode === "Off") return [];
      const controlled = policy?.controlledResources ?? ["cpu", "memory"];
      const cpu = cpuMillis(c.resources?.requests?.cpu) ?? 100;
      const mem = bytes(c.resources?.requests?.memory) ?? 256 * 1024 ** 2;
      const clampCpu = (v: number) => Math.min(cpuMillis(policy?.maxAllowed?.cpu) ?? Infinity, Math.max(cpuMillis(policy?.minAllowed?.cpu) ?? 0, v));
      const clampMem = (v: number) => Math.min(bytes(policy?.maxAllowed?.memory) ?? Infinity, Math.max(bytes(policy?.minAllowed?.memory) ?? 0, v));
      const point = (cpuValue: number, memValue: number, clamp: boolean) => ({
        ...(controlled.includes("cpu") ? { cpu: fmtCpu(clamp ? clampCpu(cpuValue) : cpuValue) } : {}),
        ...(controlled.includes("memory") ? { memory: fmtMem(clamp ? clampMem(memValue) : memValue) } : {}),
      });
      return [{
        containerName: c.name,
        lowerBound: point(cpu * 0.5, mem * 0.5, true),
        target: point(cpu, mem, true),
        uncappedTarget: point(cpu, mem, false),
        upperBound: point(cpu * 2, mem * 2, true),
      }];
    });
    const previous = vpa.status?.conditions?.find((c) => c.type === "RecommendationProvided");
    const status = {
      recommendation: { containerRecommendations },
      conditions: [{ type: "RecommendationProvided", status: "True", lastTransitionTime: previous?.status === "True" ? previous.lastTransitionTime : new Date().toISOString() }],
    };
    const key = `${vpa.metadata?.namespace}/${vpa.metadata?.name}`;
    const text = JSON.stringify(status.recommendation);
    if (written.get(key) === text && previous?.status === "True") return;
    await custom.patchNamespacedCustomObjectStatus({
      group: GROUP, version: "v1", namespace: vpa.metadata?.namespace ?? "", plural: "verticalpodautoscalers", name: vpa.metadata?.name ?? "",
      body: { status },
    }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
    written.set(key, text);
  };

  const recommendAll = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const vpa of vpas?.list() ?? []) void recommend(vpa).catch((error: unknown) => log("VPA recommendation failed", { vpa: vpa.metadata?.name, error: errorText(error) }));
    }, 200);
  };

  const startVpas = async () => {
    if (vpas) return;
    vpas = makeInformer<Vpa>(sim.kubeConfig, `/apis/${GROUP}/v1/verticalpodautoscalers`,
      () => custom.listClusterCustomObject({ group: GROUP, version: "v1", plural: "verticalpodautoscalers" }) as never);
    vpas.on("add", recommendAll);
    vpas.on("update", recommendAll);
    const informer = vpas;
    vpas.on("error", (error: unknown) => {
      if (vpas !== informer) return;
      log("VPA watch failed; restarting", { error: errorText(error) });
      setTimeout(() => {
        if (vpas === informer) void informer.start().catch(() => undefined);
      }, 1000).unref();
    });
    await vpas.start();
    log("VPA recommender started");
    recommendAll();
  };

  const crds = makeInformer(sim.kubeConfig, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", () => extensions.listCustomResourceDefinition());
  const onCrd = (obj: KubernetesObject) => {
    if (obj.metadata?.name !== CRD) return;
    const established = (obj as { status?: { conditions?: Array<{ type: string; status: string }> } }).status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
    if (established) void startVpas().catch((error: unknown) => log("VPA watch failed", { error: errorText(error) }));
  };
  crds.on("add", onCrd);
  crds.on("update", onCrd);
  crds.on("delete", (obj) => {
    if (obj.metadata?.name !== CRD) return;
    const stale = vpas;
    vpas = undefined;
    written.clear();
    void stale?.stop();
  });
  crds.on("error", () => setTimeout(() => void crds.start().catch(() => undefined), 2000).unref());
  sim.state.onChange((change) => {
    if (vpas && change.kind === "Pod") recommendAll();
  });
  await crds.start();
  return {
    async stop() {
      clearTimeout(timer);
      await vpas?.stop();
      await crds.stop();
    },
  };
}
