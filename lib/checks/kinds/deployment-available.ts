import { z } from "zod";
import { rolloutStatus } from "@/lib/k8s/rollout-status";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, verdict } from "../evidence";
import { deploymentPods, deploymentTable, notFoundText, podsTable, readyPods, type DeploymentPods } from "./workloads";

export const deploymentAvailable = defineCheck(checkSchemaOf("deploymentAvailable", { namespace, name, minReady: z.number().int().positive().optional() }), {
  fetch: (reads, c) => deploymentPods(reads, c.namespace, c.name),
  evaluate({ deployment, pods }: DeploymentPods, c) {
    const expected = `deployment ${c.name} is Available and fully rolled out${c.minReady ? ` with at least ${c.minReady} ready pods` : ""}`;
    if (!deployment.ok) return apiError(expected, deployment, `deployment ${c.name}`);
    const d = deployment.value;
    if (!d) return missing(expected, `deployment ${c.name} not found in ${c.namespace}`, [evidence(`kubectl get deployment ${c.name} -n ${c.namespace}`, notFoundText("deployments.apps", c.name))]);
    if (c.minReady && !pods.ok) return apiError(expected, pods, "pods");
    const available = d.status?.conditions?.some((x) => x.type === "Available" && x.status === "True") ?? false;
    const rollout = rolloutStatus(d);
    const ready = pods.ok ? readyPods(pods.value).length : 0;
    const enough = !c.minReady || ready >= c.minReady;
    // A deployment scaled to zero is "Available" to the controller, but serves nothing.
    const scaledToZero = d.spec?.replicas === 0;
    const ok = available && rollout.state === "done" && enough && !scaledToZero;
    const actual = ok ? `${d.status?.availableReplicas ?? 0}/${d.spec?.replicas ?? 0} available` : scaledToZero ? "scaled to zero replicas" : !available ? "not Available" : rollout.state !== "done" ? rollout.message : `only ${ready} ready pods`;
    return verdict(ok ? "pass" : "fail", expected, actual, [
      evidence(`kubectl get deployment ${c.name} -n ${c.namespace}`, deploymentTable(d)),
      evidence(`kubectl rollout status deployment/${c.name}`, rollout.message),
      evidence("Pods", pods.ok ? podsTable(pods.value) : pods.message),
    ]);
  },
  lint: (c, pack) => (pack.objects.some((o) => o.kind === "Deployment" && o.name === c.name) ? [] : [`no Deployment "${c.name}" in the pack manifests`]),
});
