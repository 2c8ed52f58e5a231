import { z } from "zod";
import type { ServedResources } from "@/lib/k8s/discovery";
import type { K8sResult } from "@/lib/k8s/result";
import { checkSchemaOf, defineCheck, name } from "../define";
import { apiError, evidence, verdict } from "../evidence";

export const apiResources = defineCheck(checkSchemaOf("apiResources", { resources: z.array(name).min(1) }), {
  fetch: (reads) => reads.served(),
  evaluate(served: K8sResult<ServedResources>, check) {
    const expected = `the API serves ${check.resources.join(", ")}`;
    if (!served.ok) return apiError(expected, served, "the API's resource list");
    const missing = check.resources.filter((r) => !served.value.names.has(r));
    const found = check.resources.filter((r) => served.value.names.has(r));
    const items = [evidence("kubectl api-resources (matching)", found.join("\n") || "(none)")];
    if (served.value.errors.length) items.push(evidence("Discovery errors (partial list, as kubectl reports them)", served.value.errors.join("\n")));
    return verdict(missing.length ? "fail" : "pass", expected, missing.length ? `missing: ${missing.join(", ")}` : "all served", items);
  },
});
