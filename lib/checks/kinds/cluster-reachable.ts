import type { K8sResult } from "@/lib/k8s/result";
import type { ServerVersion } from "@/lib/k8s/version";
import { checkSchemaOf, defineCheck } from "../define";
import { apiError, evidence, verdict } from "../evidence";

// The cluster could not be reached at all; any other failure means it answered, but Daybook may not ask.
const UNREACHED = new Set(["unreachable", "timeout", "tls"]);

export const clusterReachable = defineCheck(checkSchemaOf("clusterReachable", {}), {
  fetch: (reads) => reads.version(),
  evaluate(v: K8sResult<ServerVersion>) {
    const expected = "the API server answers GET /version";
    if (!v.ok && !UNREACHED.has(v.kind)) return apiError(expected, v, "the server version");
    if (!v.ok) return verdict("fail", expected, v.message, [evidence("kubectl cluster-info", `error: ${v.message}`)]);
    return verdict("pass", expected, `Server Version: ${v.value.gitVersion}`, [evidence("kubectl version", `Server Version: ${v.value.gitVersion}${v.value.platform ? `\nPlatform: ${v.value.platform}` : ""}`)]);
  },
});
