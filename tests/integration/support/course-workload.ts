/**
 * The course's workloads on the test cluster, for podsim's integration tests (and anyone who
 * needs the guide's pods running). Everything goes through the Kubernetes API.
 *
 *   applyObjects(kubeConfig, objects): Promise<void>
 *       Server-side apply (field manager "daybook-test", force) sent as raw JSON, so fields the
 *       typed client models do not know (x-kubernetes-preserve-unknown-fields, ...) survive.
 *   applyCourseFiles(kubeConfig, namespace, files): Promise<void>
 *       Course pack files (course/…), retargeted to `namespace`, generated Secrets filled.
 *   boundVolume(kubeConfig, namespace, claim, timeoutMs?): Promise<V1PersistentVolume>
 *       Waits until the claim is Bound (the local cluster's default StorageClass provisions it)
 *       and returns its PersistentVolume.
 *   readyPods(kubeConfig, namespace, selector, count, timeoutMs?): Promise<V1Pod[]>
 *       Waits until at least `count` pods match, all Running and Ready and none terminating.
 *   inPod(kubeConfig, namespace, pod, container): { exec(command, stdin?), logs() }
 *       exec returns { stdout, stderr, exitCode }.
 */
import { CoreV1Api, HttpMethod, IsomorphicFetchHttpLibrary, KubernetesObjectApi, PatchStrategy, RequestContext, type KubeConfig, type KubernetesObject, type V1PersistentVolume, type V1Pod } from "@kubernetes/client-node";
import { randomBytes } from "node:crypto";
import { fillGeneratedSecrets, loadManifests, retargetNamespace, type ManifestObject } from "@/lib/pack/manifests";
import { waitFor } from "./cluster";
import { execInPod } from "./pod-exec";

const FIELD_MANAGER = "daybook-test";

export async function applyObjects(kubeConfig: KubeConfig, objects: readonly ManifestObject[]): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kubeConfig);
  const server = kubeConfig.getCurrentCluster()!.server.replace(/\/$/, "");
  for (const obj of objects) {
    const uri = await (client as unknown as { specUriPath(o: KubernetesObject, a: string): Promise<string> })
      .specUriPath(structuredClone(obj) as KubernetesObject, "patch");
    const context = new RequestContext(`${server}${uri}?fieldManager=${FIELD_MANAGER}&force=true`, HttpMethod.PATCH);
    await kubeConfig.applySecurityAuthentication(context);
    context.setHeaderParam("Content-Type", PatchStrategy.ServerSideApply);
    context.setHeaderParam("Accept", "application/json");
    context.setBody(JSON.stringify(obj));
    const response = await new IsomorphicFetchHttpLibrary().send(context).toPromise();
    if (response.httpStatusCode >= 300) {
      throw new Error(`apply ${obj.kind}/${obj.metadata?.name}: ${response.httpStatusCode} ${await response.body.text()}`);
    }
  }
}

export async function applyCourseFiles(kubeConfig: KubeConfig, namespace: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const objects = fillGeneratedSecrets(retargetNamespace(loadManifests(file), namespace), () => randomBytes(18).toString("base64url"));
    await applyObjects(kubeConfig, objects);
  }
}

export async function boundVolume(kubeConfig: KubeConfig, namespace: string, claim: string, timeoutMs = 60_000): Promise<V1PersistentVolume> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  return waitFor(async () => {
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: claim, namespace });
    return pvc.status?.phase === "Bound" && pvc.spec?.volumeName ? core.readPersistentVolume({ name: pvc.spec.volumeName }) : undefined;
  }, { timeoutMs, description: `claim ${namespace}/${claim} Bound` });
}

const isReady = (pod: V1Pod) => pod.status?.phase === "Running" && !pod.metadata?.deletionTimestamp &&
  (pod.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

export async function readyPods(kubeConfig: KubeConfig, namespace: string, selector: string, count = 1, timeoutMs = 90_000): Promise<V1Pod[]> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  return waitFor(async () => {
    const pods = (await core.listNamespacedPod({ namespace, labelSelector: selector })).items.filter((p) => !p.metadata?.deletionTimestamp);
    return pods.length >= count && pods.every(isReady) ? pods : undefined;
  }, { timeoutMs, description: `${count} ready pod(s) ${selector} in ${namespace}` });
}

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function inPod(kubeConfig: KubeConfig, namespace: string, pod: string, container: string) {
  return {
    async exec(command: string[], stdin?: string, timeoutMs?: number): Promise<ExecOutcome> {
      const result = await execInPod(kubeConfig, { namespace, pod, container, command, stdin, timeoutMs });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    },
    logs(): Promise<string> {
      return kubeConfig.makeApiClient(CoreV1Api).readNamespacedPodLog({ namespace, name: pod, container });
    },
  };
}
