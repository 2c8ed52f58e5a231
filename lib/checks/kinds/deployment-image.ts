import type { K8sResult } from "@/lib/k8s/result";
import type { Deployment } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, verdict } from "../evidence";
import { lintDeploymentContainer } from "./exec-succeeds";

export const deploymentImage = defineCheck(checkSchemaOf("deploymentImage", { namespace, deployment: name, container: name, image: name }), {
  fetch: (reads, c) => reads.get<Deployment>("apps/v1", "Deployment", c.deployment, c.namespace),
  evaluate(d: K8sResult<Deployment | undefined>, c) {
    const expected = `${c.deployment} runs ${c.container}=${c.image}`;
    if (!d.ok) return apiError(expected, d, `deployment ${c.deployment}`);
    if (!d.value) return missing(expected, `deployment ${c.deployment} not found`);
    const image = d.value.spec?.template.spec?.containers.find((x) => x.name === c.container)?.image;
    return verdict(image === c.image ? "pass" : "fail", expected, `${c.container}=${image ?? "(no such container)"}`, [evidence(`kubectl get deployment ${c.deployment} -o jsonpath='{..image}'`, (d.value.spec?.template.spec?.containers ?? []).map((x) => `${x.name}=${x.image}`).join("\n"))]);
  },
  lint: (c, pack) => lintDeploymentContainer(c.deployment, c.container, pack),
});
