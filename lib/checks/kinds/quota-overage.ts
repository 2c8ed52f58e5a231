import type { KubeObject } from "@/lib/k8s/types";
import { parseQuantity } from "@/lib/pack/resources";
import type { Quota } from "./quota";

export type LimitRange = KubeObject & { spec?: { limits?: { type: string; max?: Record<string, string>; min?: Record<string, string> }[] } };
export type OveragePlan = { resource: string; object: KubeObject; why: string };

const PROBE = "daybook-quota-probe";
const q = (v: string | undefined) => (v === undefined ? undefined : parseQuantity(v));

function remaining(quota: Quota, resource: string): number | undefined {
  const hard = q(quota.status?.hard?.[resource] ?? quota.spec?.hard?.[resource]);
  if (hard === undefined) return undefined;
  return hard - (q(quota.status?.used?.[resource]) ?? 0);
}

const COUNTED: Record<string, (ns: string) => KubeObject> = {
  "services.nodeports": (ns) => ({ apiVersion: "v1", kind: "Service", metadata: { name: PROBE, namespace: ns }, spec: { type: "NodePort", ports: [{ port: 80 }] } }),
  "services.loadbalancers": (ns) => ({ apiVersion: "v1", kind: "Service", metadata: { name: PROBE, namespace: ns }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }),
  services: (ns) => ({ apiVersion: "v1", kind: "Service", metadata: { name: PROBE, namespace: ns }, spec: { ports: [{ port: 80 }] } }),
  configmaps: (ns) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: PROBE, namespace: ns } }),
  secrets: (ns) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: PROBE, namespace: ns } }),
};

function podWithin(ns: string, resource: "cpu" | "memory", kind: "requests" | "limits", total: number, ranges: LimitRange[]): KubeObject | undefined {
  const limits = ranges.flatMap((r) => r.spec?.limits ?? []);
  const containerMax = Math.min(...limits.filter((l) => l.type === "Container").map((l) => q(l.max?.[resource]) ?? Infinity));
  const podMax = Math.min(...limits.filter((l) => l.type === "Pod").map((l) => q(l.max?.[resource]) ?? Infinity));
  if (total > podMax) return undefined;
  const count = Number.isFinite(containerMax) ? Math.ceil(total / containerMax) : 1;
  if (count > 20) return undefined;
  const per = total / count;
  const minOf = (r: "cpu" | "memory") => Math.max(0, ...limits.filter((l) => l.type === "Container").map((l) => q(l.min?.[r]) ?? 0));
  const fmt = (r: "cpu" | "memory", v: number) => (r === "cpu" ? `${Math.ceil(v * 1000)}m` : `${Math.ceil(v / 2 ** 20)}Mi`);
  const other = resource === "cpu" ? "memory" : "cpu";
  const floor = { cpu: Math.max(minOf("cpu"), 0.01), memory: Math.max(minOf("memory"), 16 * 2 ** 20) };
  const container = (i: number) => {
    const own = kind === "limits" ? { requests: floor[resource], limits: per } : { requests: per, limits: per };
    return {
      name: `c${i}`,
      image: "registry.k8s.io/pause:3.10",
      resources: {
        requests: { [resource]: fmt(resource, own.requests), [other]: fmt(other, floor[other]) },
        limits: { [resource]: fmt(resource, own.limits), [other]: fmt(other, floor[other]) },
      },
    };
  };
  return { apiVersion: "v1", kind: "Pod", metadata: { name: PROBE, namespace: ns }, spec: { containers: Array.from({ length: count }, (_, i) => container(i)) } };
}

/**
 * One object that the quota must refuse and the LimitRange allows, so a dry-run create proves the quota
 * is enforced (an oversized pod would be stopped by the LimitRange before the quota is consulted).
 */
export function planOverage(quota: Quota, ranges: LimitRange[], ns: string): OveragePlan | undefined {
  for (const [resource, make] of Object.entries(COUNTED)) {
    const left = remaining(quota, resource);
    if (left !== undefined && left < 1) return { resource, object: make(ns), why: `${resource}: ${left} left` };
  }
  for (const resource of ["limits.cpu", "requests.cpu", "limits.memory", "requests.memory"] as const) {
    const left = remaining(quota, resource);
    if (left === undefined) continue;
    const [kind, r] = resource.split(".") as ["limits" | "requests", "cpu" | "memory"];
    const pod = podWithin(ns, r, kind, left + (r === "cpu" ? 0.1 : 64 * 2 ** 20), ranges);
    if (pod) return { resource, object: pod, why: `${resource}: asks for more than the ${r === "cpu" ? `${left} CPU` : `${Math.round(left / 2 ** 20)}Mi`} left` };
  }
  return undefined;
}
