import { z } from "zod";
import type { AccessAnswer } from "@/lib/k8s/access";
import type { K8sResult } from "@/lib/k8s/result";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, verdict } from "../evidence";

export const canI = defineCheck(
  checkSchemaOf("canI", { as: z.string().regex(/^system:serviceaccount:[a-z0-9-]+:[a-z0-9-]+$/), verb: name, resource: name, namespace, expect: z.boolean() }),
  {
    fetch: (reads, c) => reads.canServiceAccount(c.as, { namespace: c.namespace, verb: c.verb, resource: c.resource }),
    evaluate(answer: K8sResult<AccessAnswer>, c) {
      const expected = `${c.as} ${c.expect ? "may" : "may not"} ${c.verb} ${c.resource} in ${c.namespace}`;
      if (!answer.ok) return apiError(expected, answer, "a SubjectAccessReview");
      const a = answer.value;
      const said = `${a.allowed ? "yes" : "no"}${a.reason ? ` - ${a.reason}` : ""}${a.evaluationError ? ` - ${a.evaluationError}` : ""}`;
      return verdict(a.allowed === c.expect ? "pass" : "fail", expected, said, [evidence(`kubectl auth can-i ${c.verb} ${c.resource} -n ${c.namespace} --as=${c.as}`, said)]);
    },
    lint(c, pack) {
      const [, , ns, sa] = c.as.split(":");
      return ns === c.namespace && sa && !pack.objects.some((o) => o.kind === "ServiceAccount" && o.name === sa) ? [`no ServiceAccount "${sa}" in the pack manifests`] : [];
    },
  },
);
