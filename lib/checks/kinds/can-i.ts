import { z } from "zod";
import type { AccessAnswer } from "@/lib/k8s/access";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, verdict } from "../evidence";

type Fetched = { answer: K8sResult<AccessAnswer>; account: K8sResult<KubeObject | undefined> };

const accountOf = (as: string) => {
  const [, , ns, sa] = as.split(":");
  return { ns: ns!, sa: sa! };
};

export const canI = defineCheck(
  checkSchemaOf("canI", { as: z.string().regex(/^system:serviceaccount:[a-z0-9-]+:[a-z0-9-]+$/), verb: name, resource: name, namespace, expect: z.boolean() }),
  {
    fetch: async (reads, c): Promise<Fetched> => {
      const { ns, sa } = accountOf(c.as);
      const [answer, account] = await Promise.all([reads.canServiceAccount(c.as, { namespace: c.namespace, verb: c.verb, resource: c.resource }), reads.get("v1", "ServiceAccount", sa, ns)]);
      return { answer, account };
    },
    evaluate({ answer, account }: Fetched, c) {
      const expected = `${c.as} ${c.expect ? "may" : "may not"} ${c.verb} ${c.resource} in ${c.namespace}`;
      if (!answer.ok) return apiError(expected, answer, "a SubjectAccessReview");
      const a = answer.value;
      const said = `${a.allowed ? "yes" : "no"}${a.reason ? ` - ${a.reason}` : ""}${a.evaluationError ? ` - ${a.evaluationError}` : ""}`;
      const items = [evidence(`kubectl auth can-i ${c.verb} ${c.resource} -n ${c.namespace} --as=${c.as}`, said)];
      // Anyone who does not exist is denied everything: a denial only proves least privilege for a real account.
      if (!c.expect && account.ok && account.value === undefined) {
        const { ns, sa } = accountOf(c.as);
        return verdict("fail", expected, `ServiceAccount ${sa} does not exist in ${ns}, so the denial proves nothing`, [...items, evidence(`kubectl get serviceaccount ${sa} -n ${ns}`, `Error from server (NotFound): serviceaccounts "${sa}" not found`)]);
      }
      return verdict(a.allowed === c.expect ? "pass" : "fail", expected, said, items);
    },
    lint(c, pack) {
      const { ns, sa } = accountOf(c.as);
      return ns === c.namespace && sa && !pack.objects.some((o) => o.kind === "ServiceAccount" && o.name === sa) ? [`no ServiceAccount "${sa}" in the pack manifests`] : [];
    },
  },
);
