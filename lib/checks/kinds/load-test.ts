import { z } from "zod";
import { expectedOf, judgeTarget } from "@/lib/load/judge";
import { targetOf } from "@/lib/load/target";
import type { LoadOutcome } from "@/lib/load/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { evidence, table } from "../evidence";
import type { Verdict } from "../types";
import { lintService } from "./service-http";

function transcript(o: LoadOutcome): string {
  const { spec, pods, totals, latency, connections } = o.target;
  const scaled = o.timeScale !== 1 ? `   # time scale ${o.timeScale}: ${Math.max(1, Math.round(spec.durationSeconds * o.timeScale))} s` : "";
  const forwards = pods.map((p) => `$ kubectl port-forward -n ${spec.namespace} pod/${p.name} :${p.targetPort} &`).join("\n");
  const codes = Object.entries(totals.statusCodes).map(([code, n]) => `${code} × ${n}`).join(", ") || "none";
  const rows: (string | number)[][] = [
    ["requests", `${totals.requests} (${totals.requestsPerSecond} req/s)`],
    ["errors", `${totals.errors} (${(totals.errorRate * 100).toFixed(2)}%): ${totals.timeouts} timed out, ${totals.connectionErrors} connection errors`],
    ["status codes", codes],
    ["latency", `p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms`],
    ["connections", `${connections.configured} configured, ${connections.peakOpen} open at once, ${connections.answered} answered`],
    ["per pod", pods.map((p) => `${p.name} ${p.requests}`).join(", ")],
  ];
  return `${forwards}\n$ autocannon -c ${spec.concurrency} -d ${spec.durationSeconds} http://127.0.0.1:<forward>${spec.path}${scaled}\n${table(["MEASURE", "VALUE"], rows)}`;
}

export function judgeOutcome(o: LoadOutcome | undefined, expected: string): Verdict {
  if (!o) return { status: "error", expected, actual: "Not measured yet: run the performance test of this step to put the load on the service.", evidence: [], final: true };
  const j = judgeTarget(o.target);
  const when = o.measuredAt ? `; measured by the performance test of ${o.measuredAt.slice(0, 16).replace("T", " ")} UTC` : "";
  const via = o.target.pods.length ? `port-forward to ${o.target.pods.map((p) => `pod/${p.name}`).join(", ")}:${o.target.pods[0]!.targetPort}` : undefined;
  return { status: j.status, expected: j.expected, actual: `${j.actual}${when}`, evidence: o.target.problem ? [] : [evidence("Load through port-forwards (autocannon)", transcript(o))], final: true, ...(via ? { via } : {}) };
}

/**
 * Sustained load through port-forwards to the Service's ready pods, judged by performance-test.sh's
 * thresholds. The load itself is the performance test's run (lib/runs/load-run.ts); a verification judges
 * the step's latest one.
 */
export const loadTest = defineCheck(
  checkSchemaOf("loadTest", {
    namespace,
    service: name,
    port: z.number().int().positive(),
    path: z.string().startsWith("/"),
    expectStatus: z.number().int(),
    durationSeconds: z.number().int().positive(),
    concurrency: z.number().int().positive().max(1000),
    maxErrorRate: z.number().min(0).max(1),
    maxP95LatencyMs: z.number().int().positive(),
  }),
  {
    fetch: async (reads, c) => reads.loadOutcome?.(c.id),
    evaluate: (o: LoadOutcome | undefined, c) => judgeOutcome(o, expectedOf(targetOf(c))),
    lint: (c, pack) => lintService(c.service, c.port, pack),
  },
);
