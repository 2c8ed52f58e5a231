import fs from "node:fs";
import path from "node:path";
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";

/** The local control plane the test run started (scripts/cluster/up.sh), as a student's own terminal would use it. */
export function localKubeconfig(): KubeConfig | null {
  const file = path.join(process.env.DAYBOOK_CLUSTER_RUN ?? "/tmp/daybook-cluster", "kubeconfig");
  if (!fs.existsSync(file)) return null;
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/** `kubectl patch configmap NAME -n NS` removing one key, done "by hand" behind Daybook's back. */
export async function removeConfigMapKey(namespace: string, name: string, key: string): Promise<void> {
  const kc = localKubeconfig()!;
  const core = kc.makeApiClient(CoreV1Api);
  const cm = await core.readNamespacedConfigMap({ name, namespace });
  delete cm.data?.[key];
  await core.replaceNamespacedConfigMap({ name, namespace, body: cm });
}

export async function deleteNamespace(namespace: string): Promise<void> {
  const kc = localKubeconfig();
  await kc?.makeApiClient(CoreV1Api).deleteNamespace({ name: namespace }).catch(() => undefined);
}

/** `kubectl scale deployment NAME --replicas=N -n NS`, behind Daybook's back. */
export async function scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
  const apps = localKubeconfig()!.makeApiClient(AppsV1Api);
  await apps.patchNamespacedDeploymentScale({ name, namespace, body: { spec: { replicas } } }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
}
