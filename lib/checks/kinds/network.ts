import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject, LabelSelector, Service } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, verdict } from "../evidence";
import { execInDeployment, execTranscript, lintDeploymentContainer, type ExecFetched } from "./exec-succeeds";
import { notFoundText } from "./workloads";

type NetworkPolicy = KubeObject & { spec?: { podSelector?: LabelSelector; policyTypes?: string[] } };
type Fetched = ExecFetched & { policies: K8sResult<NetworkPolicy[]>; service?: K8sResult<Service | undefined> };

const shape = { namespace, from: name, to: z.string().regex(/^[a-z0-9.-]+:\d+$/, "host:port"), path: z.string().startsWith("/").optional() };
const url = (c: { to: string; path?: string }) => `http://${c.to}${c.path ?? "/"}`;

// curl's exit codes: 6 name not resolved, 7 refused, 28 timed out (a drop), 22 HTTP error with -f.
const CURL_EXIT: Record<number, string> = { 6: "could not resolve the host", 7: "connection refused", 22: "HTTP error status", 28: "timed out (dropped)", 52: "empty reply", 56: "connection reset" };

async function probe(reads: Parameters<typeof execInDeployment>[0], c: z.infer<z.ZodObject<typeof shape>>, command: string[]): Promise<Fetched> {
  const host = c.to.split(":")[0]!.split(".")[0]!;
  const [run, policies, service] = await Promise.all([
    execInDeployment(reads, c.namespace, c.from, undefined, command, 20_000),
    reads.list<NetworkPolicy>("networking.k8s.io/v1", "NetworkPolicy", c.namespace),
    reads.get<Service>("v1", "Service", host, c.namespace),
  ]);
  return { ...run, policies, service };
}

const expressionHolds = (e: NonNullable<LabelSelector["matchExpressions"]>[number], labels: Record<string, string>) => {
  const value = labels[e.key];
  if (e.operator === "In") return value !== undefined && (e.values ?? []).includes(value);
  if (e.operator === "NotIn") return value === undefined || !(e.values ?? []).includes(value);
  if (e.operator === "Exists") return value !== undefined;
  if (e.operator === "DoesNotExist") return value === undefined;
  return false;
};

/** A pod selector as the API server evaluates it: every matchLabels entry and every matchExpression must hold. */
const selects = (sel: LabelSelector | undefined, labels: Record<string, string>) =>
  Object.entries(sel?.matchLabels ?? {}).every(([k, v]) => labels[k] === v) && (sel?.matchExpressions ?? []).every((e) => expressionHolds(e, labels));

/** Policies that isolate the source pod for egress or the destination's pods for ingress. */
function isolating(policies: NetworkPolicy[], source: Record<string, string>, destination: Record<string, string> | undefined): string[] {
  return policies
    .filter((p) => {
      const types = p.spec?.policyTypes ?? ["Ingress"];
      return (types.includes("Egress") && selects(p.spec?.podSelector, source)) || (destination !== undefined && types.includes("Ingress") && selects(p.spec?.podSelector, destination));
    })
    .map((p) => p.metadata?.name ?? "?");
}

const curlOutcome = (f: Fetched) => (f.run?.ok ? f.run.value.exitCode : undefined);

export const networkAllowed = defineCheck(checkSchemaOf("networkAllowed", shape), {
  fetch: (reads, c) => probe(reads, c, ["curl", "-fsS", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}", url(c)]),
  evaluate(f: Fetched, c) {
    const expected = `a pod of ${c.from} reaches ${url(c)} (HTTP 2xx/3xx)`;
    if (!f.deployment.ok) return apiError(expected, f.deployment, `deployment ${c.from}`);
    if (!f.deployment.value) return missing(expected, `deployment ${c.from} not found`, [evidence(`kubectl exec deployment/${c.from}`, notFoundText("deployments.apps", c.from))]);
    if (!f.run) return verdict("fail", expected, `no running pod of ${c.from}`);
    if (!f.run.ok) return apiError(expected, f.run, `exec in ${f.pod}`);
    const code = curlOutcome(f)!;
    const cmd = ["curl", "-fsS", "--max-time", "5", url(c)];
    return verdict(code === 0 ? "pass" : "fail", expected, code === 0 ? `answered HTTP ${f.run.value.stdout.trim()}` : `curl exit ${code}: ${CURL_EXIT[code] ?? "failed"}`, [execTranscript(f, c.namespace, cmd)], `exec in pod/${f.pod}`);
  },
  lint: (c, pack) => lintDeploymentContainer(c.from, undefined, pack),
});

export const networkBlocked = defineCheck(checkSchemaOf("networkBlocked", shape), {
  fetch: (reads, c) => probe(reads, c, ["curl", "-sS", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}", url(c)]),
  evaluate(f: Fetched, c) {
    const expected = `NetworkPolicy stops a pod of ${c.from} from reaching ${url(c)}`;
    if (!f.deployment.ok) return apiError(expected, f.deployment, `deployment ${c.from}`);
    if (!f.deployment.value) return missing(expected, `deployment ${c.from} not found`);
    if (!f.run) return verdict("fail", expected, `no running pod of ${c.from}`);
    if (!f.run.ok) return apiError(expected, f.run, `exec in ${f.pod}`);
    const code = curlOutcome(f)!;
    const transcript = execTranscript(f, c.namespace, ["curl", "-sS", "--max-time", "5", url(c)]);
    if (code === 6) return verdict("fail", expected, `${c.to.split(":")[0]} does not resolve: this tests nothing (is the Service name right?)`, [transcript]);
    if (f.service && !f.service.ok) return apiError(expected, f.service, `service ${c.to.split(":")[0]}`);
    if (!f.service?.value) return verdict("fail", expected, `Service ${c.to.split(":")[0]} does not exist in ${c.namespace}`, [transcript]);
    if (!f.policies.ok) return apiError(expected, f.policies, "network policies");
    const sourceLabels = f.deployment.value.spec?.template.metadata?.labels ?? {};
    const policies = isolating(f.policies.value, sourceLabels, f.service.value.spec?.selector);
    const why = evidence("Policies that should block it", policies.join("\n") || "none");
    if (code === 28 || code === 7 || code === 56) {
      // Without a policy in the way, no answer means the destination is down, not that the traffic is blocked.
      if (policies.length === 0) return verdict("fail", expected, `not reached (curl exit ${code}: ${CURL_EXIT[code]}), but no NetworkPolicy isolates ${c.from} or the destination: the destination may be down`, [transcript, why]);
      return verdict("pass", expected, `blocked: curl exit ${code} (${CURL_EXIT[code]})`, [transcript, why], `exec in pod/${f.pod}`);
    }
    if (code !== 0) return verdict("error", expected, `curl failed in an unexpected way (exit ${code})`, [transcript]);
    if (policies.length > 0) {
      return verdict("inconclusive", expected, `traffic flowed although ${policies.join(", ")} isolate these pods: the cluster's CNI does not enforce NetworkPolicy`, [transcript, why]);
    }
    return verdict("fail", expected, `answered HTTP ${f.run.value.stdout.trim()}: no NetworkPolicy isolates ${c.from} or the destination`, [transcript]);
  },
  lint: (c, pack) => lintDeploymentContainer(c.from, undefined, pack),
});

