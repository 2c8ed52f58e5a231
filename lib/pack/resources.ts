/**
 * Resource arithmetic for the pack: Kubernetes quantities and the effective
 * requests/limits of a pod, the way ResourceQuota admission counts them
 * (max of the sum of app containers and the largest init container).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity ("250m", "1", "512Mi", "1.5Gi", "1e3") to a plain number (cores, bytes). */
export function parseQuantity(q: string | number): number {
  if (typeof q === "number") return q;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(q.trim());
  if (!m) throw new Error(`invalid quantity: ${q}`);
  const value = Number(m[1]);
  const suffix = m[2] ?? "";
  const mult = BINARY[suffix] ?? DECIMAL[suffix];
  if (mult === undefined || Number.isNaN(value)) throw new Error(`invalid quantity: ${q}`);
  return value * mult;
}

export interface ResourcePair {
  cpu: number; // cores
  memory: number; // bytes
}
export interface PodResources {
  requests: ResourcePair;
  limits: ResourcePair;
}

interface ContainerLike {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
export interface PodSpecLike {
  containers: ContainerLike[];
  initContainers?: ContainerLike[];
}

function pair(r: Record<string, string> | undefined): ResourcePair {
  return { cpu: r?.cpu ? parseQuantity(r.cpu) : 0, memory: r?.memory ? parseQuantity(r.memory) : 0 };
}

/** Effective pod requests/limits (what the quota charges for one pod). */
export function podResources(spec: PodSpecLike): PodResources {
  const sum = (key: "requests" | "limits"): ResourcePair =>
    spec.containers.reduce<ResourcePair>(
      (acc, c) => {
        const p = pair(c.resources?.[key]);
        return { cpu: acc.cpu + p.cpu, memory: acc.memory + p.memory };
      },
      { cpu: 0, memory: 0 },
    );
  const initMax = (key: "requests" | "limits"): ResourcePair =>
    (spec.initContainers ?? []).reduce<ResourcePair>(
      (acc, c) => {
        const p = pair(c.resources?.[key]);
        return { cpu: Math.max(acc.cpu, p.cpu), memory: Math.max(acc.memory, p.memory) };
      },
      { cpu: 0, memory: 0 },
    );
  const eff = (key: "requests" | "limits"): ResourcePair => {
    const s = sum(key);
    const i = initMax(key);
    return { cpu: Math.max(s.cpu, i.cpu), memory: Math.max(s.memory, i.memory) };
  };
  return { requests: eff("requests"), limits: eff("limits") };
}

/** Containers (init and app) that lack a request or limit for cpu or memory. */
export function containersMissingResources(spec: PodSpecLike): string[] {
  return [...(spec.initContainers ?? []), ...spec.containers]
    .filter((c) => !c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.cpu || !c.resources?.limits?.memory)
    .map((c) => c.name);
}
