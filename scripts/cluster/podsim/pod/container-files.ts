// The files a container sees from its ConfigMap, Secret and projected volumes, read live: the
// kubelet refreshes such volumes when the object changes (subPath mounts excepted). A claim's
// volume mounts once the claim is bound.
import type { V1Container, V1KeyToPath, V1Pod, V1Volume } from "@kubernetes/client-node";
import path from "node:path";
import type { ClusterState } from "../kube/cluster-state";

export interface MountProblem {
  volume: string;
  message: string;
}

function keyFiles(data: Record<string, string>, items: V1KeyToPath[] | undefined): Map<string, string> {
  const files = new Map<string, string>();
  if (!items || items.length === 0) {
    for (const [key, value] of Object.entries(data)) files.set(key, value);
    return files;
  }
  for (const item of items) {
    const value = data[item.key];
    if (value !== undefined) files.set(item.path, value);
  }
  return files;
}

const decodeAll = (data: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));

/** file name (relative to the mount) -> content, or undefined when the volume cannot be mounted */
function volumeFiles(state: ClusterState, namespace: string, volume: V1Volume): Map<string, string> | MountProblem | undefined {
  if (volume.configMap) {
    const cm = state.configMaps.get(namespace, volume.configMap.name ?? "");
    if (!cm) {
      return volume.configMap.optional ? new Map() : { volume: volume.name, message: `configmap "${volume.configMap.name}" not found` };
    }
    for (const item of volume.configMap.items ?? []) {
      if (cm.data?.[item.key] === undefined && !volume.configMap.optional) {
        return { volume: volume.name, message: `configmap references non-existent config key: ${item.key}` };
      }
    }
    return keyFiles(cm.data ?? {}, volume.configMap.items);
  }
  if (volume.secret) {
    const secret = state.secrets.get(namespace, volume.secret.secretName ?? "");
    if (!secret) {
      return volume.secret.optional ? new Map() : { volume: volume.name, message: `secret "${volume.secret.secretName}" not found` };
    }
    return keyFiles(decodeAll(secret.data), volume.secret.items);
  }
  if (volume.projected) {
    const files = new Map<string, string>();
    for (const source of volume.projected.sources ?? []) {
      if (source.configMap) {
        const cm = state.configMaps.get(namespace, source.configMap.name ?? "");
        if (!cm && !source.configMap.optional) return { volume: volume.name, message: `configmap "${source.configMap.name}" not found` };
        for (const [k, v] of keyFiles(cm?.data ?? {}, source.configMap.items)) files.set(k, v);
      }
      if (source.secret) {
        const secret = state.secrets.get(namespace, source.secret.name ?? "");
        if (!secret && !source.secret.optional) return { volume: volume.name, message: `secret "${source.secret.name}" not found` };
        for (const [k, v] of keyFiles(decodeAll(secret?.data), source.secret.items)) files.set(k, v);
      }
    }
    return files;
  }
  if (volume.persistentVolumeClaim) {
    // the scheduler waits for the binding too; this covers a watch that lags behind it
    const name = volume.persistentVolumeClaim.claimName;
    const claim = state.claims.get(namespace, name);
    if (!claim) return { volume: volume.name, message: `persistentvolumeclaim "${name}" not found` };
    if (!claim.spec?.volumeName) return { volume: volume.name, message: `PVC ${namespace}/${name} is not bound` };
  }
  return undefined;
}

export class ContainerFiles {
  constructor(
    private readonly state: ClusterState,
    private readonly pod: V1Pod,
    private readonly container: V1Container,
  ) {}

  /** absolute path -> content of every file mounted from an API object */
  all(): Map<string, string> {
    const files = new Map<string, string>();
    const namespace = this.pod.metadata?.namespace ?? "";
    for (const mount of this.container.volumeMounts ?? []) {
      const volume = this.pod.spec?.volumes?.find((v) => v.name === mount.name);
      if (!volume) continue;
      const contents = volumeFiles(this.state, namespace, volume);
      if (!(contents instanceof Map)) continue;
      for (const [name, content] of contents) {
        if (mount.subPath) {
          if (name === mount.subPath) files.set(mount.mountPath, content);
        } else {
          files.set(path.posix.join(mount.mountPath, name), content);
        }
      }
    }
    return files;
  }

  read(file: string): string | undefined {
    return this.all().get(path.posix.normalize(file));
  }

  /** files in a directory (not recursive), sorted, as `glob("/etc/x/*.yml")` would list them */
  glob(pattern: string): Array<{ path: string; content: string }> {
    const dir = path.posix.dirname(pattern);
    const base = path.posix.basename(pattern);
    const regex = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
    return [...this.all()]
      .filter(([file]) => path.posix.dirname(file) === dir && regex.test(path.posix.basename(file)))
      .map(([file, content]) => ({ path: file, content }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  /** volumes the kubelet could not mount (ContainerCreating with FailedMount) */
  mountProblems(): MountProblem[] {
    const namespace = this.pod.metadata?.namespace ?? "";
    const problems: MountProblem[] = [];
    for (const mount of this.container.volumeMounts ?? []) {
      const volume = this.pod.spec?.volumes?.find((v) => v.name === mount.name);
      if (!volume) continue;
      const contents = volumeFiles(this.state, namespace, volume);
      if (contents && !(contents instanceof Map)) problems.push(contents);
    }
    return problems;
  }

  /** whether a volume is mounted at `dir` or above it (hiding the image's own files there) */
  isMounted(dir: string): boolean {
    return (this.container.volumeMounts ?? []).some((mount) => !path.posix.relative(mount.mountPath, dir).startsWith(".."));
  }

  /** the PersistentVolumeClaim mounted at or above `dir`, if any */
  claimAt(dir: string): string | undefined {
    for (const mount of this.container.volumeMounts ?? []) {
      const volume = this.pod.spec?.volumes?.find((v) => v.name === mount.name);
      if (!volume?.persistentVolumeClaim) continue;
      const rel = path.posix.relative(mount.mountPath, dir);
      if (!rel.startsWith("..")) return volume.persistentVolumeClaim.claimName;
    }
    return undefined;
  }
}
