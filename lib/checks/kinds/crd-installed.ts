import type { ApiResource } from "@/lib/k8s/discovery";
import type { K8sResult } from "@/lib/k8s/result";
import { checkSchemaOf, defineCheck, name } from "../define";
import { evidence, verdict } from "../evidence";

export const crdInstalled = defineCheck(checkSchemaOf("crdInstalled", { group: name, version: name, resource: name }), {
  fetch: (reads, check) => reads.groupVersion(`${check.group}/${check.version}`),
  evaluate(resources: K8sResult<ApiResource[]>, check) {
    const gv = `${check.group}/${check.version}`;
    const expected = `the cluster serves ${check.resource}.${check.group} (${gv})`;
    if (!resources.ok) {
      const missing = resources.kind === "unsupported";
      return verdict(missing ? "fail" : "error", expected, missing ? `${gv} is not served: the CRD is not installed` : resources.message, [evidence(`kubectl api-resources --api-group=${check.group}`, missing ? "No resources found" : resources.message)]);
    }
    const found = resources.value.some((r) => r.name === check.resource);
    return verdict(found ? "pass" : "fail", expected, found ? `${check.resource} is served` : `${gv} is served, but not ${check.resource}`, [
      evidence(`kubectl api-resources --api-group=${check.group}`, resources.value.filter((r) => !r.name.includes("/")).map((r) => `${r.name}  ${r.kind}`).join("\n")),
    ]);
  },
});
