import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, verdict } from "../evidence";
import { describeQuota, findQuota, type Quota } from "./quota";
import { planOverage, type LimitRange, type OveragePlan } from "./quota-overage";

type Fetched = { quotas: K8sResult<Quota[]>; plan?: OveragePlan; attempt?: K8sResult<KubeObject> };

export const resourceQuotaEnforced = defineCheck(checkSchemaOf("resourceQuotaEnforced", { namespace, name }), {
  async fetch(reads, c): Promise<Fetched> {
    const [quotas, ranges] = await Promise.all([reads.list<Quota>("v1", "ResourceQuota", c.namespace), reads.list<LimitRange>("v1", "LimitRange", c.namespace)]);
    const quota = findQuota(quotas, c.name);
    const plan = quota ? planOverage(quota, ranges.ok ? ranges.value : [], c.namespace) : undefined;
    return { quotas, plan, attempt: plan ? await reads.dryRunCreate(plan.object) : undefined };
  },
  evaluate({ quotas, plan, attempt }: Fetched, c) {
    const expected = `ResourceQuota ${c.name} refuses an object that would exceed it (server-side dry run, nothing is created)`;
    if (!quotas.ok) return apiError(expected, quotas, "resource quotas");
    const quota = findQuota(quotas, c.name);
    if (!quota) return missing(expected, `ResourceQuota ${c.name} not found in ${c.namespace}`);
    if (!plan || !attempt) return verdict("inconclusive", expected, "every limit of the quota has room for one more object of the largest size the LimitRange allows, so a single dry run cannot show enforcement", [describeQuota(quota)]);
    const tried = evidence(`kubectl create --dry-run=server (${plan.object.kind} asking past ${plan.resource})`, `${plan.why}\n${JSON.stringify((plan.object as { spec?: unknown }).spec ?? {}, null, 1).slice(0, 1500)}`);
    if (attempt.ok) return verdict("fail", expected, `the quota admitted a ${plan.object.kind} that exceeds ${plan.resource}`, [describeQuota(quota), tried]);
    if (/exceeded quota/.test(attempt.message)) return verdict("pass", expected, `refused: ${attempt.message}`, [describeQuota(quota), tried, evidence("Answer", `Error from server (Forbidden): ${attempt.message}`)]);
    return verdict("error", expected, `the dry run was refused for another reason: ${attempt.message}`, [describeQuota(quota), tried]);
  },
  lint: (c, pack) => (pack.objects.some((o) => o.kind === "ResourceQuota" && o.name === c.name) ? [] : [`no ResourceQuota "${c.name}" in the pack manifests`]),
});
