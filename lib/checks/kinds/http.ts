import { z } from "zod";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, missing, verdict } from "../evidence";
import { getThroughService, httpTranscript, lintService, serviceNotFound, type ServiceHttp } from "./service-http";

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;

export const http = defineCheck(
  checkSchemaOf("http", {
    namespace,
    service: name,
    port: z.number().int().positive(),
    path: z.string().startsWith("/"),
    expectStatus: z.number().int(),
    expectBodyContains: z.string().optional(),
    maxLatencyMs: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().max(50).optional(),
  }),
  {
    fetch: (reads, c) => getThroughService(reads, c.namespace, c.service, c.port, c.path, c.concurrency ?? 1),
    evaluate(f: ServiceHttp, c) {
      const parts = [`HTTP ${c.expectStatus}`, c.expectBodyContains && `a body containing "${c.expectBodyContains}"`, c.maxLatencyMs && `within ${c.maxLatencyMs} ms`, c.concurrency && `for ${c.concurrency} parallel requests`].filter(Boolean);
      const expected = `GET ${c.path} on ${c.service}:${c.port} answers ${parts.join(", ")}`;
      const transcript = httpTranscript(f, c.namespace, c.service, c.port, c.path);
      const via = f.pod ? `port-forward to pod/${f.pod}:${f.targetPort}` : undefined;
      if (!f.service.ok) return apiError(expected, f.service, `service ${c.service}`);
      if (!f.service.value) return missing(expected, `Service ${c.service} not found in ${c.namespace}`, [serviceNotFound(c.namespace, c.service)]);
      if (f.problem) return verdict("fail", expected, f.problem, [transcript]);
      const failed = f.answers.find((a) => !a.ok);
      if (failed && !failed.ok) return verdict(failed.kind === "forbidden" ? "error" : "fail", expected, failed.message, [transcript], via);
      const answers = f.answers.flatMap((a) => (a.ok ? [a.value] : []));
      const wrong = answers.find((a) => a.status !== c.expectStatus);
      if (wrong) return verdict("fail", expected, `HTTP ${wrong.status}`, [transcript], via);
      if (c.expectBodyContains && !answers.every((a) => a.body.includes(c.expectBodyContains!))) return verdict("fail", expected, `HTTP ${c.expectStatus}, but the body lacks "${c.expectBodyContains}"`, [transcript], via);
      const p95 = percentile(answers.map((a) => a.latencyMs), 95);
      if (c.maxLatencyMs && p95 > c.maxLatencyMs) return verdict("fail", expected, `took ${p95} ms (p95 of ${answers.length})`, [transcript], via);
      return verdict("pass", expected, `HTTP ${c.expectStatus} in ${answers.length > 1 ? `p95 ${p95} ms over ${answers.length} requests` : `${answers[0]?.latencyMs} ms`}`, [transcript], via);
    },
    lint: (c, pack) => lintService(c.service, c.port, pack),
  },
);
