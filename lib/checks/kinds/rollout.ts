import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import { isControlledBy, selectorToString } from "@/lib/k8s/pods";
import { rolloutStatus } from "@/lib/k8s/rollout-status";
import type { Deployment, ReplicaSet } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, table, verdict } from "../evidence";
import type { ClusterReads } from "../types";
import { deploymentTable, notFoundText } from "./workloads";

type History = { deployment: K8sResult<Deployment | undefined>; sets: K8sResult<ReplicaSet[]> };

async function history(reads: ClusterReads, ns: string, name: string): Promise<History> {
  const deployment = await reads.get<Deployment>("apps/v1", "Deployment", name, ns);
  if (!deployment.ok || !deployment.value) return { deployment, sets: { ok: true, value: [] } };
  const sets = await reads.list<ReplicaSet>("apps/v1", "ReplicaSet", ns, { labelSelector: selectorToString(deployment.value.spec?.selector) });
  return { deployment, sets: sets.ok ? { ok: true, value: sets.value.filter((rs) => isControlledBy(rs, deployment.value!)) } : sets };
}

const revision = (rs: ReplicaSet) => Number.parseInt(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? "0", 10);
const imageOf = (containers: { name: string; image?: string }[] | undefined, container: string) => containers?.find((x) => x.name === container)?.image;

function revisionsTable(sets: ReplicaSet[], container: string) {
  const rows = [...sets].sort((a, b) => revision(a) - revision(b)).map((rs) => [revision(rs), imageOf(rs.spec?.template?.spec?.containers, container) ?? "?", `${rs.status?.readyReplicas ?? 0}/${rs.spec?.replicas ?? 0}`]);
  return evidence("kubectl rollout history (with images)", table(["REVISION", "IMAGE", "READY"], rows));
}

const shape = { namespace, deployment: name, container: name };

export const rolloutComplete = defineCheck(checkSchemaOf("rolloutComplete", { ...shape, image: name.optional() }), {
  fetch: (reads, c) => history(reads, c.namespace, c.deployment),
  evaluate({ deployment, sets }: History, c) {
    const expected = `deployment ${c.deployment} has finished rolling out${c.image ? ` ${c.container}=${c.image}` : ""}`;
    if (!deployment.ok) return apiError(expected, deployment, `deployment ${c.deployment}`);
    const d = deployment.value;
    if (!d) return missing(expected, `deployment ${c.deployment} not found`, [evidence(`kubectl rollout status deployment/${c.deployment}`, notFoundText("deployments.apps", c.deployment))]);
    const status = rolloutStatus(d);
    const image = imageOf(d.spec?.template.spec?.containers, c.container);
    const items = [evidence(`kubectl rollout status deployment/${c.deployment}`, status.message), evidence(`kubectl get deployment ${c.deployment}`, deploymentTable(d)), ...(sets.ok ? [revisionsTable(sets.value, c.container)] : [])];
    if (c.image && image !== c.image) return verdict("fail", expected, `${c.container} runs ${image ?? "no such container"}`, items);
    return verdict(status.state === "done" ? "pass" : "fail", expected, status.message, items);
  },
});

/** The revision history shows these images in this order, the last one being what runs now. */
export const rolloutHistory = defineCheck(checkSchemaOf("rolloutHistory", { ...shape, sequence: z.array(name).min(2) }), {
  fetch: (reads, c) => history(reads, c.namespace, c.deployment),
  evaluate({ deployment, sets }: History, c) {
    const expected = `the revision history of ${c.deployment} runs ${c.sequence.join(" → ")}, the last being current and rolled out`;
    if (!deployment.ok) return apiError(expected, deployment, `deployment ${c.deployment}`);
    const d = deployment.value;
    if (!d) return missing(expected, `deployment ${c.deployment} not found`);
    if (!sets.ok) return apiError(expected, sets, "replica sets");
    const ordered = [...sets.value].sort((a, b) => revision(a) - revision(b)).map((rs) => imageOf(rs.spec?.template?.spec?.containers, c.container));
    const tail = ordered.slice(-c.sequence.length);
    const current = imageOf(d.spec?.template.spec?.containers, c.container);
    const status = rolloutStatus(d);
    const items = [revisionsTable(sets.value, c.container), evidence(`kubectl rollout status deployment/${c.deployment}`, status.message)];
    if (JSON.stringify(tail) !== JSON.stringify(c.sequence) || current !== c.sequence.at(-1)) {
      return verdict("fail", expected, `history ends ${tail.join(" → ") || "(empty)"}; running ${current ?? "?"}`, items);
    }
    if (status.state !== "done") return verdict("fail", expected, status.message, items);
    return verdict("pass", expected, `${c.sequence.join(" → ")}, rolled out`, items);
  },
});
