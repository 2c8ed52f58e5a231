import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { listObjects } from "./objects";
import { rest } from "./rest";
import { ok, type K8sResult } from "./result";
import type { Pod } from "./types";
import { drainVerdict, type DrainOptions, type PodVerdict } from "./drain-filters";

export type { DrainOptions };
export type DrainReport = { node: string; cordoned: boolean; evicted: string[]; blocked: { pod: string; message: string }[]; refused: PodVerdict[]; skipped: PodVerdict[]; log: string[] };


const nodePath = (node: string) => `/api/v1/nodes/${encodeURIComponent(node)}`;

/** `kubectl cordon|uncordon NODE`. */
export async function setUnschedulable(kc: KubeConfig, node: string, unschedulable: boolean): Promise<K8sResult<string>> {
  const res = await rest(kc, { method: "PATCH", path: nodePath(node), contentType: "application/strategic-merge-patch+json", body: { spec: { unschedulable } } });
  return res.ok ? ok(`node/${node} ${unschedulable ? "cordoned" : "uncordoned"}`) : res;
}

/** One Eviction (policy/v1); a PodDisruptionBudget that would be violated answers 429. */
export async function evictPod(kc: KubeConfig, namespace: string, name: string, dryRun = false): Promise<K8sResult<string>> {
  const res = await rest(kc, {
    method: "POST",
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`,
    query: { dryRun: dryRun ? "All" : undefined },
    body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace } },
  });
  return res.ok ? ok(dryRun ? `pod/${name} could be evicted (dry run)` : `pod/${name} evicted`) : res;
}

export async function podsOnNode(kc: KubeConfig, node: string): Promise<K8sResult<Pod[]>> {
  return listObjects<Pod>(kc, { apiVersion: "v1", kind: "Pod" }, { fieldSelector: `spec.nodeName=${node}` });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `kubectl drain NODE`: cordon, then evict every pod the filters allow, retrying PDB refusals (429)
 * every 5 s until the deadline. A refused pod stops the drain before any eviction, as kubectl does.
 */
export async function drainNode(kc: KubeConfig, node: string, opts: DrainOptions = {}): Promise<K8sResult<DrainReport>> {
  const report: DrainReport = { node, cordoned: false, evicted: [], blocked: [], refused: [], skipped: [], log: [] };
  if (!opts.dryRun) {
    const cordon = await setUnschedulable(kc, node, true);
    if (!cordon.ok) return cordon;
    report.cordoned = true;
    report.log.push(cordon.value);
  }
  const pods = await podsOnNode(kc, node);
  if (!pods.ok) return pods;
  const verdicts = pods.value.map((p) => drainVerdict(p, opts));
  report.skipped = verdicts.filter((v) => v.action === "skip");
  report.refused = verdicts.filter((v) => v.action === "refuse");
  if (report.refused.length > 0) {
    report.log.push(`error: unable to drain node "${node}" due to error: cannot delete ${report.refused.map((r) => `${r.why}: ${r.namespace}/${r.pod}`).join(", ")}`);
    return ok(report);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const pending = verdicts.filter((v) => v.action === "evict");
  await Promise.all(
    pending.map(async (v) => {
      for (;;) {
        const r = await evictPod(kc, v.namespace, v.pod, opts.dryRun);
        if (r.ok || (!r.ok && r.kind === "notFound")) {
          report.evicted.push(`${v.namespace}/${v.pod}`);
          report.log.push(r.ok ? r.value : `pod/${v.pod} already gone`);
          return;
        }
        if (r.kind !== "tooManyRequests" || Date.now() > deadline || opts.dryRun) {
          report.blocked.push({ pod: `${v.namespace}/${v.pod}`, message: r.message });
          report.log.push(`error when evicting pods/"${v.pod}" -n "${v.namespace}": ${r.message}`);
          return;
        }
        report.log.push(`error when evicting pods/"${v.pod}" -n "${v.namespace}" (will retry after 5s): ${r.message}`);
        await sleep(5000);
      }
    }),
  );
  if (report.blocked.length === 0 && !opts.dryRun) report.log.push(`node/${node} drained`);
  return ok(report);
}

