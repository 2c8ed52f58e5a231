import { describe, expect, it } from "vitest";
import { failure } from "@/lib/k8s/result";
import { answer, courseCheck, evidenceOf, recordedCluster, team } from "./__fixtures__/recorded";
import { httpUrl } from "./http-url";

const health = courseCheck("httpUrl", "d16-s2", "prod-health");
const prometheus = courseCheck("httpUrl", "d16-s2", "prod-prometheus");
const urls = { production: "https://shop.team-a.example", monitoring: "https://monitoring.team-a.example/ops/" };

/** The reads of a team that has set its public URLs; what the URL answers is given by the test. */
function readsWith(reply: Parameters<typeof recordedCluster>[1], teamUrls = urls) {
  const asked: string[] = [];
  const reads = { ...recordedCluster({}, reply), team: { ...team, urls: teamUrls }, fetchUrl: async (url: string) => (asked.push(url), reply({ namespace: "", pod: "", port: 0, path: url })) };
  return { reads, asked };
}

describe("httpUrl", () => {
  it("is inconclusive while the team has not set the URL", async () => {
    const f = await httpUrl.fetch(recordedCluster({}, () => answer(200, "")), health);
    const v = httpUrl.evaluate(f, health);
    expect(v).toMatchObject({ status: "inconclusive", actual: "The team has not set its production URL yet (Cluster settings → Public URLs)." });
  });

  it("passes when the team's URL answers, joining the course's path to the team's base", async () => {
    const { reads, asked } = readsWith(() => answer(200, '{"status":"healthy"}'));
    const v = httpUrl.evaluate(await httpUrl.fetch(reads, health), health);
    expect(asked).toEqual(["https://shop.team-a.example/health"]);
    expect(v).toMatchObject({ status: "pass", actual: "HTTP 200", via: "direct HTTPS from Daybook to shop.team-a.example" });
    expect(evidenceOf(v, "curl -i https://shop.team-a.example/health")).toBe('HTTP 200\n\n{"status":"healthy"}\n(12 ms)');
    const other = readsWith(() => answer(200, "Prometheus Server is Healthy.\n", "text/plain"));
    await httpUrl.fetch(other.reads, prometheus);
    expect(other.asked).toEqual(["https://monitoring.team-a.example/ops/prometheus/-/healthy"]);
  });

  it("fails on another status (the ingress controller's 502 when the backend is down)", async () => {
    const { reads } = readsWith(() => answer(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", "text/html"));
    const v = httpUrl.evaluate(await httpUrl.fetch(reads, health), health);
    expect(v).toMatchObject({ status: "fail", actual: "HTTP 502" });
    expect(evidenceOf(v, "curl -i")).toContain("502 Bad Gateway");
  });

  it("fails when the body lacks the expected text", async () => {
    const check = { ...health, expectBodyContains: "healthy" };
    const { reads } = readsWith(() => answer(200, "ok"));
    expect(httpUrl.evaluate(await httpUrl.fetch(reads, check), check)).toMatchObject({ status: "fail", actual: 'HTTP 200, body lacks "healthy"' });
  });

  it("fails when the host does not answer; is an error when Daybook's address policy refuses the URL", async () => {
    const down = readsWith(() => failure("unreachable", "shop.team-a.example: connect ECONNREFUSED 203.0.113.7:443"));
    expect(httpUrl.evaluate(await httpUrl.fetch(down.reads, health), health)).toMatchObject({ status: "fail", actual: "shop.team-a.example: connect ECONNREFUSED 203.0.113.7:443" });
    const refused = readsWith(() => failure("forbidden", "10.0.0.5 is a private address; an administrator must allow it (DAYBOOK_CLUSTER_ALLOW)."));
    expect(httpUrl.evaluate(await httpUrl.fetch(refused.reads, health), health).status).toBe("error");
  });
});
