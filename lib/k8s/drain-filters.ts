import type { Pod } from "./types";

export type DrainOptions = { ignoreDaemonSets?: boolean; deleteEmptyDirData?: boolean; force?: boolean; timeoutMs?: number; dryRun?: boolean };
export type PodVerdict = { pod: string; namespace: string; action: "evict" | "skip" | "refuse"; why?: string };

const MIRROR = "kubernetes.io/config.mirror";

/** kubectl drain's pod filters, in its order (pkg/drain/filters.go), as a pure function. */
export function drainVerdict(pod: Pod, opts: DrainOptions): PodVerdict {
  const base = { pod: pod.metadata?.name ?? "?", namespace: pod.metadata?.namespace ?? "" };
  const phase = pod.status?.phase;
  const finished = phase === "Succeeded" || phase === "Failed";
  const controller = pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (controller?.kind === "DaemonSet" && !finished) {
    return opts.ignoreDaemonSets ? { ...base, action: "skip", why: "DaemonSet-managed" } : { ...base, action: "refuse", why: "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)" };
  }
  if (pod.metadata?.annotations?.[MIRROR]) return { ...base, action: "skip", why: "mirror pod" };
  if (!finished && (pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined) && !opts.deleteEmptyDirData) {
    return { ...base, action: "refuse", why: "Pods with local storage (use --delete-emptydir-data to override)" };
  }
  if (!controller && !finished && !opts.force) return { ...base, action: "refuse", why: "Pods not managed by a controller (use --force to override)" };
  return { ...base, action: "evict" };
}

