import { z } from "zod";
import type { HttpAnswer } from "@/lib/k8s/http-probe";
import type { K8sResult } from "@/lib/k8s/result";
import { checkSchemaOf, defineCheck } from "../define";
import { evidence, lines, verdict } from "../evidence";

type Fetched = { url?: string; answer?: K8sResult<HttpAnswer> };

/** A public URL of the team's production system; the host comes from the team's settings, not the course. */
export const httpUrl = defineCheck(
  checkSchemaOf("httpUrl", { base: z.enum(["production", "monitoring"]), path: z.string().startsWith("/"), expectStatus: z.number().int(), expectBodyContains: z.string().optional() }),
  {
    async fetch(reads, c): Promise<Fetched> {
      const base = reads.team.urls[c.base];
      if (!base) return {};
      const url = new URL(c.path.replace(/^\//, ""), base.endsWith("/") ? base : `${base}/`).toString();
      return { url, answer: await reads.fetchUrl(url, undefined, reads.team.urls[`${c.base}Host`]) };
    },
    evaluate({ url, answer }: Fetched, c) {
      const expected = `GET <${c.base} URL>${c.path} answers HTTP ${c.expectStatus}${c.expectBodyContains ? ` with "${c.expectBodyContains}"` : ""}`;
      if (!url || !answer) return verdict("inconclusive", expected, `The team has not set its ${c.base} URL yet (Cluster settings → Public URLs).`);
      const cmd = `curl -i ${url}`;
      if (!answer.ok) return verdict(answer.kind === "forbidden" ? "error" : "fail", expected, answer.message, [evidence(cmd, `curl: ${answer.message}`)]);
      const a = answer.value;
      const ok = a.status === c.expectStatus && (!c.expectBodyContains || a.body.includes(c.expectBodyContains));
      return verdict(ok ? "pass" : "fail", expected, `HTTP ${a.status}${ok || a.status !== c.expectStatus ? "" : `, body lacks "${c.expectBodyContains}"`}`, [evidence(cmd, `HTTP ${a.status}\n\n${lines(a.body, 20)}\n(${a.latencyMs} ms)`)], `direct HTTPS from Daybook to ${new URL(url).host}`);
    },
  },
);
