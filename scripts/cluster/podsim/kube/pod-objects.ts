// The kwok rule objects podsim keeps per pod (PortForward, Exec, Logs: named like the pod, owned
// by it so the garbage collector removes them), the "started" annotation, and kubelet-style
// status and Events for a pod whose containers cannot start yet.
import {
  CoreV1Api, KubernetesObjectApi, PatchStrategy, setHeaderOptions, type KubeConfig, type KubernetesObject, type V1Pod,
} from "@kubernetes/client-node";

const FIELD_MANAGER = "podsim";
const KWOK = "kwok.x-k8s.io/v1alpha1";

export interface ExecTarget {
  container: string;
  env: Array<{ name: string; value: string }>;
}

export interface LogTarget {
  container: string;
  file: string;
}

export interface WaitingContainer {
  name: string;
  init: boolean;
  reason: string;
  message?: string;
  running?: boolean;
}

export class PodObjects {
  private readonly objects: KubernetesObjectApi;
  private readonly core: CoreV1Api;

  constructor(kubeConfig: KubeConfig, private readonly workDir: string, private readonly startedAnnotation: string) {
    this.objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  private owned(pod: V1Pod, kind: string, spec: object): KubernetesObject {
    return {
      apiVersion: KWOK,
      kind,
      metadata: {
        name: pod.metadata?.name,
        namespace: pod.metadata?.namespace,
        labels: { "app.kubernetes.io/managed-by": "podsim" },
        ownerReferences: [{ apiVersion: "v1", kind: "Pod", name: pod.metadata?.name ?? "", uid: pod.metadata?.uid ?? "", blockOwnerDeletion: false }],
      },
      spec,
    } as KubernetesObject;
  }

  private apply(object: KubernetesObject): Promise<KubernetesObject> {
    return this.objects.patch(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }

  portForward(pod: V1Pod, forwards: Array<{ port: number; localPort: number }>): Promise<KubernetesObject> {
    return this.apply(this.owned(pod, "PortForward", {
      forwards: forwards.map((f) => ({ ports: [f.port], target: { port: f.localPort, address: "127.0.0.1" } })),
    }));
  }

  exec(pod: V1Pod, targets: ExecTarget[]): Promise<KubernetesObject> {
    return this.apply(this.owned(pod, "Exec", {
      execs: targets.map((t) => ({ containers: [t.container], local: { workDir: this.workDir, envs: t.env } })),
    }));
  }

  logs(pod: V1Pod, targets: LogTarget[]): Promise<KubernetesObject> {
    return this.apply(this.owned(pod, "Logs", {
      logs: targets.map((t) => ({ containers: [t.container], logsFile: t.file, follow: true })),
    }));
  }

  /** kwok's pod-ready stage waits for this annotation before it reports the pod Running and Ready. */
  markStarted(pod: V1Pod): Promise<KubernetesObject> {
    return this.objects.patch(
      { apiVersion: "v1", kind: "Pod", metadata: { name: pod.metadata?.name, namespace: pod.metadata?.namespace, annotations: { [this.startedAnnotation]: new Date().toISOString() } } },
      undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch,
    );
  }

  /** Pending status with waiting containers, as the kubelet reports ContainerCreating / Init / config errors. */
  async reportWaiting(pod: V1Pod, waiting: WaitingContainer[]): Promise<void> {
    const now = new Date().toISOString();
    const initDone = !waiting.some((w) => w.init);
    const status = (c: { name: string; image?: string }, init: boolean) => {
      const w = waiting.find((x) => x.name === c.name && x.init === init);
      const state = w?.running
        ? { running: { startedAt: now } }
        : w ? { waiting: { reason: w.reason, ...(w.message ? { message: w.message } : {}) } }
          : init ? { terminated: { exitCode: 0, reason: "Completed", startedAt: now, finishedAt: now } }
            : { waiting: { reason: "PodInitializing" } };
      return { name: c.name, image: c.image ?? "", imageID: "", ready: false, restartCount: 0, started: Boolean(w?.running), state };
    };
    const body = {
      status: {
        phase: "Pending",
        conditions: [
          { type: "PodScheduled", status: "True", lastTransitionTime: now },
          { type: "Initialized", status: initDone ? "True" : "False", lastTransitionTime: now, ...(initDone ? {} : { reason: "ContainersNotInitialized" }) },
          { type: "Ready", status: "False", lastTransitionTime: now, reason: "ContainersNotReady" },
          { type: "ContainersReady", status: "False", lastTransitionTime: now, reason: "ContainersNotReady" },
        ],
        initContainerStatuses: (pod.spec?.initContainers ?? []).map((c) => status(c, true)),
        containerStatuses: (pod.spec?.containers ?? []).map((c) => status(c, false)),
      },
    };
    await this.core.patchNamespacedPodStatus(
      { name: pod.metadata?.name ?? "", namespace: pod.metadata?.namespace ?? "", body },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
  }

  /** A Warning/Normal Event on the pod from "kubelet", like `kubectl describe pod` shows. */
  async event(pod: V1Pod, type: "Normal" | "Warning", reason: string, message: string): Promise<void> {
    const now = new Date();
    await this.core.createNamespacedEvent({
      namespace: pod.metadata?.namespace ?? "",
      body: {
        metadata: { generateName: `${pod.metadata?.name}.` },
        involvedObject: { apiVersion: "v1", kind: "Pod", name: pod.metadata?.name, namespace: pod.metadata?.namespace, uid: pod.metadata?.uid },
        reason, message, type, count: 1, firstTimestamp: now, lastTimestamp: now,
        source: { component: "kubelet", host: pod.spec?.nodeName },
        reportingComponent: "kubelet", reportingInstance: pod.spec?.nodeName ?? "",
      },
    });
  }
}
