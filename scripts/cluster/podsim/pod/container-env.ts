// A container's environment as the kubelet builds it at start: envFrom, then env (later wins),
// with configMapKeyRef/secretKeyRef/fieldRef resolved and $(VAR) references expanded.
import type { V1Container, V1Pod } from "@kubernetes/client-node";
import type { ClusterState } from "../kube/cluster-state";

export interface ResolvedEnv {
  values: Record<string, string>;
  /** names whose value came from a Secret (kept out of kwok's Exec objects) */
  secretNames: Set<string>;
  /** why the kubelet would refuse to start the container (CreateContainerConfigError), if it would */
  problems: string[];
}

const decode = (b64: string): string => Buffer.from(b64, "base64").toString("utf8");

function secretData(state: ClusterState, namespace: string, name: string): Record<string, string> | undefined {
  const secret = state.secrets.get(namespace, name);
  if (!secret) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) out[key] = decode(value);
  for (const [key, value] of Object.entries(secret.stringData ?? {})) out[key] = value;
  return out;
}

function fieldValue(pod: V1Pod, fieldPath: string): string {
  const labelMatch = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (labelMatch) return (labelMatch[1] === "labels" ? pod.metadata?.labels : pod.metadata?.annotations)?.[labelMatch[2]!] ?? "";
  switch (fieldPath) {
    case "metadata.name": return pod.metadata?.name ?? "";
    case "metadata.namespace": return pod.metadata?.namespace ?? "";
    case "metadata.uid": return pod.metadata?.uid ?? "";
    case "spec.nodeName": return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName": return pod.spec?.serviceAccountName ?? "default";
    case "status.podIP": return pod.status?.podIP ?? "";
    case "status.hostIP": return pod.status?.hostIP ?? "";
    default: return "";
  }
}

function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (whole === "$$") return "$";
    return name !== undefined && Object.hasOwn(env, name) ? env[name]! : whole;
  });
}

export function resolveContainerEnv(state: ClusterState, pod: V1Pod, container: V1Container): ResolvedEnv {
  const namespace = pod.metadata?.namespace ?? "";
  const values: Record<string, string> = {};
  const secretNames = new Set<string>();
  const problems: string[] = [];

  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? "";
    if (source.configMapRef) {
      const cm = state.configMaps.get(namespace, source.configMapRef.name ?? "");
      if (!cm) {
        if (!source.configMapRef.optional) problems.push(`configmap "${source.configMapRef.name}" not found`);
        continue;
      }
      for (const [key, value] of Object.entries(cm.data ?? {})) {
        values[prefix + key] = value;
        secretNames.delete(prefix + key);
      }
    }
    if (source.secretRef) {
      const data = secretData(state, namespace, source.secretRef.name ?? "");
      if (!data) {
        if (!source.secretRef.optional) problems.push(`secret "${source.secretRef.name}" not found`);
        continue;
      }
      for (const [key, value] of Object.entries(data)) {
        values[prefix + key] = value;
        secretNames.add(prefix + key);
      }
    }
  }

  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (!from) {
      values[variable.name] = expand(variable.value ?? "", values);
      secretNames.delete(variable.name);
      continue;
    }
    if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const cm = state.configMaps.get(namespace, ref.name ?? "");
      const value = cm?.data?.[ref.key];
      if (value === undefined) {
        if (!ref.optional) problems.push(cm ? `couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}` : `configmap "${ref.name}" not found`);
        continue;
      }
      values[variable.name] = value;
      secretNames.delete(variable.name);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const data = secretData(state, namespace, ref.name ?? "");
      const value = data?.[ref.key];
      if (value === undefined) {
        if (!ref.optional) problems.push(data ? `couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}` : `secret "${ref.name}" not found`);
        continue;
      }
      values[variable.name] = value;
      secretNames.add(variable.name);
    } else if (from.fieldRef) {
      values[variable.name] = fieldValue(pod, from.fieldRef.fieldPath);
      secretNames.delete(variable.name);
    }
  }
  if (!values.HOSTNAME) values.HOSTNAME = pod.metadata?.name ?? "";
  return { values, secretNames, problems };
}
