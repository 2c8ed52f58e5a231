import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck } from "../define";
import { apiError, evidence, table, verdict } from "../evidence";

const DEFAULT_KEYS = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"];
const isDefault = (sc: KubeObject) => DEFAULT_KEYS.some((k) => sc.metadata?.annotations?.[k] === "true");

export const storageClassExists = defineCheck(checkSchemaOf("storageClassExists", { requireDefault: z.boolean().optional() }), {
  fetch: (reads) => reads.list("storage.k8s.io/v1", "StorageClass"),
  evaluate(classes: K8sResult<KubeObject[]>, check) {
    const expected = check.requireDefault ? "a default StorageClass" : "at least one StorageClass";
    if (!classes.ok) return apiError(expected, classes, "storage classes");
    const rows = classes.value.map((sc) => [`${sc.metadata?.name}${isDefault(sc) ? " (default)" : ""}`, String(sc.provisioner ?? ""), String(sc.reclaimPolicy ?? "Delete")]);
    const ok = check.requireDefault ? classes.value.some(isDefault) : classes.value.length > 0;
    const actual = classes.value.length === 0 ? "no StorageClass" : `${classes.value.length} StorageClass(es)${classes.value.some(isDefault) ? ", one is the default" : ", none is the default"}`;
    return verdict(ok ? "pass" : "fail", expected, actual, [evidence("kubectl get storageclass", rows.length ? table(["NAME", "PROVISIONER", "RECLAIMPOLICY"], rows) : "No resources found")]);
  },
});
