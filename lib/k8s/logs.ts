import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { rest } from "./rest";
import { ok, type K8sResult } from "./result";

/** `from: "head"` reads the log from its start (up to limitBytes) instead of its last tailLines lines. */
export type LogRequest = { namespace: string; pod: string; container?: string; tailLines?: number; limitBytes?: number; previous?: boolean; from?: "head" | "tail" };

/** `kubectl logs POD -c C --tail N` (or `| head -c N`), bounded in lines and bytes. */
export async function podLogs(kc: KubeConfig, req: LogRequest): Promise<K8sResult<string>> {
  const res = await rest(kc, {
    path: `/api/v1/namespaces/${encodeURIComponent(req.namespace)}/pods/${encodeURIComponent(req.pod)}/log`,
    query: { container: req.container, tailLines: req.from === "head" ? undefined : (req.tailLines ?? 500), limitBytes: req.limitBytes ?? 256 * 1024, previous: req.previous || undefined },
  });
  return res.ok ? ok(res.value.text) : res;
}
