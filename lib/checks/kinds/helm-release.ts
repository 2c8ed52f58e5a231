import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { age, apiError, evidence, missing, table, verdict } from "../evidence";

// Helm 3 stores each release revision as a Secret of type helm.sh/release.v1 with these labels.
export const helmRelease = defineCheck(checkSchemaOf("helmRelease", { namespace, release: name, status: z.enum(["deployed", "failed", "pending-install"]) }), {
  fetch: (reads, c) => reads.list("v1", "Secret", c.namespace, { labelSelector: `owner=helm,name=${c.release}` }),
  evaluate(list: K8sResult<KubeObject[]>, c) {
    const expected = `Helm release ${c.release} is ${c.status}`;
    if (!list.ok) return apiError(expected, list, "Helm release records");
    const revisions = list.value.map((s) => ({ version: Number(s.metadata?.labels?.version ?? 0), status: s.metadata?.labels?.status ?? "?", created: s.metadata?.creationTimestamp })).sort((a, b) => a.version - b.version);
    if (revisions.length === 0) return missing(expected, `no Helm release ${c.release} in ${c.namespace}`, [evidence(`helm status ${c.release} -n ${c.namespace}`, "Error: release: not found")]);
    const latest = revisions.at(-1)!;
    return verdict(latest.status === c.status ? "pass" : "fail", expected, `revision ${latest.version} is ${latest.status}`, [evidence(`helm history ${c.release} -n ${c.namespace}`, table(["REVISION", "STATUS", "AGE"], revisions.map((r) => [r.version, r.status, age(r.created)])))]);
  },
});
