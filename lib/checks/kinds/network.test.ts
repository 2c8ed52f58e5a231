import { describe, expect, it } from "vitest";
import type { ExecOutcome } from "@/lib/k8s/exec";
import { defaultContainer } from "@/lib/k8s/pods";
import { ok, type K8sResult } from "@/lib/k8s/result";
import type { KubeObject, Pod, Service } from "@/lib/k8s/types";
import { NS, courseCheck, deploymentPods, evidenceOf, forbidden, items, list, named } from "./__fixtures__/recorded";
import { networkAllowed, networkBlocked } from "./network";
import { pickPod } from "./workloads";

// curl 7.88.1's own output for each outcome, recorded against listeners on 127.0.0.1 (a full backlog drops the SYN
// like a NetworkPolicy does); exit 6 is curl's message for a name that does not resolve.
const curl = (exitCode: number, stdout: string, stderr = ""): K8sResult<ExecOutcome> => ok({ exitCode, stdout, stderr, truncated: false });
const ANSWERED_200 = curl(0, "200");
const DROPPED = curl(28, "000", "curl: (28) Connection timed out after 5001 milliseconds\n");
const REFUSED = curl(7, "000", "curl: (7) Failed to connect to prometheus-service port 9090 after 0 ms: Couldn't connect to server\n");
const NO_SUCH_HOST = curl(6, "000", "curl: (6) Could not resolve host: prometheus-service\n");

/** What probe() fetches: the source pod kubectl exec would pick, the command's outcome, the policies, the Service. */
function probed(from: string, service: string, run: K8sResult<ExecOutcome>, policies: K8sResult<KubeObject[]> = list("networkpolicies")) {
  const dp = deploymentPods("day03-deployments", "day03-pods", from);
  const pod = pickPod((dp.pods as { value: Pod[] }).value)!;
  return { ...dp, pod: pod.metadata!.name!, container: defaultContainer(pod), run, policies, service: ok(items<Service>("day09-services").find((s) => s.metadata?.name === service)) };
}

describe("networkBlocked", () => {
  const check = courseCheck("networkBlocked", "d18-s2", "frontend-to-prometheus-blocked");
  const fromFrontend = (run: K8sResult<ExecOutcome>, policies?: K8sResult<KubeObject[]>) => probed("ecommerce-frontend-deployment", "prometheus-service", run, policies);

  it("aims at the Service that exists (prometheus-service, not prometheus)", () => {
    expect(check.to).toBe("prometheus-service:9090");
    expect(named("day09-services", "prometheus-service").spec).toBeDefined();
  });

  it("passes when curl from a frontend pod times out while the course's policies isolate both ends", () => {
    const f = fromFrontend(DROPPED);
    const v = networkBlocked.evaluate(f, check);
    expect(v).toMatchObject({ status: "pass", actual: "blocked: curl exit 28 (timed out (dropped))", via: `exec in pod/${f.pod}` });
    expect(evidenceOf(v, `kubectl exec -n ${NS} ${f.pod} -c ecommerce-frontend -- curl -sS --max-time 5 http://prometheus-service:9090/-/healthy`)).toBe("000\n[stderr]\ncurl: (28) Connection timed out after 5001 milliseconds\n[exit code 28]");
  });

  it("fails when nothing isolates either end although curl got no answer: the destination may simply be down", () => {
    const v = networkBlocked.evaluate(fromFrontend(REFUSED, ok([])), check);
    expect(v).toMatchObject({ status: "fail", actual: "not reached (curl exit 7: connection refused), but no NetworkPolicy isolates ecommerce-frontend-deployment or the destination: the destination may be down" });
    expect(networkBlocked.evaluate(fromFrontend(DROPPED, ok([])), check).status).toBe("fail");
  });

  it("reads set-based pod selectors: a policy choosing the destination with matchExpressions isolates it", () => {
    const setBased = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "monitoring-ingress", namespace: NS }, spec: { podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["prometheus", "grafana"] }] }, policyTypes: ["Ingress"] } };
    expect(networkBlocked.evaluate(fromFrontend(DROPPED, ok([setBased])), check)).toMatchObject({ status: "pass" });
    const elsewhere = items("networkpolicies").filter((p) => p.metadata?.name === "allow-ingress-controller");
    expect(networkBlocked.evaluate(fromFrontend(DROPPED, ok(elsewhere)), check).status).toBe("fail");
  });

  it("is an error when the policies cannot be read", () => {
    expect(networkBlocked.evaluate(fromFrontend(DROPPED, forbidden()), check).status).toBe("error");
  });

  it("fails when the host does not resolve (curl exit 6): that tests nothing", () => {
    expect(networkBlocked.evaluate(fromFrontend(NO_SUCH_HOST), check)).toMatchObject({ status: "fail", actual: "prometheus-service does not resolve: this tests nothing (is the Service name right?)" });
  });

  it("fails when the Service does not exist", () => {
    const f = { ...fromFrontend(DROPPED), service: ok(undefined) };
    expect(networkBlocked.evaluate(f, check)).toMatchObject({ status: "fail", actual: `Service prometheus-service does not exist in ${NS}` });
  });

  it("fails when the request got through and no policy isolates either end", () => {
    const v = networkBlocked.evaluate(fromFrontend(ANSWERED_200, ok([])), check);
    expect(v).toMatchObject({ status: "fail", actual: "answered HTTP 200: no NetworkPolicy isolates ecommerce-frontend-deployment or the destination" });
  });

  it("is inconclusive when the request got through although policies isolate the pods: the CNI does not enforce them", () => {
    const v = networkBlocked.evaluate(fromFrontend(ANSWERED_200), check);
    expect(v.status).toBe("inconclusive");
    expect(v.actual).toBe("traffic flowed although allow-dns-egress, default-deny-all, ecommerce-frontend-netpol, prometheus-netpol isolate these pods: the cluster's CNI does not enforce NetworkPolicy");
    expect(evidenceOf(v, "Policies that should block it")).toBe("allow-dns-egress\ndefault-deny-all\necommerce-frontend-netpol\nprometheus-netpol");
  });

  it("is an error when exec is forbidden; fails without a running source pod", () => {
    expect(networkBlocked.evaluate(fromFrontend(forbidden()), check).status).toBe("error");
    const noPod = { ...fromFrontend(DROPPED), run: undefined, pod: undefined, container: undefined };
    expect(networkBlocked.evaluate(noPod, check)).toMatchObject({ status: "fail", actual: "no running pod of ecommerce-frontend-deployment" });
  });
});

describe("networkAllowed", () => {
  const check = courseCheck("networkAllowed", "d13-s2", "frontend-to-backend");
  const fromFrontend = (run: K8sResult<ExecOutcome>) => probed("ecommerce-frontend-deployment", "ecommerce-backend-service", run);

  it("passes when curl -f from a frontend pod gets an answer", () => {
    const f = fromFrontend(ANSWERED_200);
    const v = networkAllowed.evaluate(f, check);
    expect(v).toMatchObject({ status: "pass", actual: "answered HTTP 200", via: `exec in pod/${f.pod}` });
    expect(evidenceOf(v, `kubectl exec -n ${NS} ${f.pod} -c ecommerce-frontend -- curl -fsS --max-time 5 http://ecommerce-backend-service:8000/health`)).toBe("200\n[exit code 0]");
  });

  it("fails when the policies drop it, when it is refused, and when the backend answers an error", () => {
    expect(networkAllowed.evaluate(fromFrontend(DROPPED), check)).toMatchObject({ status: "fail", actual: "curl exit 28: timed out (dropped)" });
    expect(networkAllowed.evaluate(fromFrontend(REFUSED), check)).toMatchObject({ status: "fail", actual: "curl exit 7: connection refused" });
    // curl -f: "curl: (22) The requested URL returned error: 503" on stderr, the code on stdout (-w).
    expect(networkAllowed.evaluate(fromFrontend(curl(22, "503", "curl: (22) The requested URL returned error: 503\n")), check)).toMatchObject({ status: "fail", actual: "curl exit 22: HTTP error status" });
  });

  it("fails, without waiting, when the source deployment does not exist; is an error when exec is forbidden", () => {
    expect(networkAllowed.evaluate({ ...fromFrontend(ANSWERED_200), deployment: ok(undefined) }, check)).toMatchObject({ status: "fail", final: true });
    expect(networkAllowed.evaluate(fromFrontend(forbidden()), check).status).toBe("error");
  });
});
