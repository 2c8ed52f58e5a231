import { z } from "zod";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { verdict } from "../evidence";

/** Sustained load through a port-forward; the run itself needs the background job queue, which comes next. */
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
    fetch: async () => undefined,
    evaluate: (_: undefined, c) =>
      verdict("inconclusive", `${c.concurrency} concurrent clients for ${c.durationSeconds} s on ${c.service}:${c.port}${c.path}: at most ${c.maxErrorRate * 100}% errors, p95 under ${c.maxP95LatencyMs} ms`, "Load tests run in the background on a job queue, which comes next; this check is not run yet."),
  },
);
