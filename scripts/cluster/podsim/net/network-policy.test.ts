import type { V1NetworkPolicy } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { loadManifests } from "@/lib/pack/manifests";
import { CLUSTER_DNS } from "./cluster-dns";
import { connectionVerdict, ipInCidr, type PolicyEndpoint, type PolicyWorld } from "./network-policy";

const coursePolicies = loadManifests("k8s-manifests/10-network-policies.yaml") as unknown as V1NetworkPolicy[];
const world = (policies: V1NetworkPolicy[]): PolicyWorld => ({
  policies: (ns) => policies.filter((p) => (p.metadata?.namespace ?? "ecommerce") === ns),
  namespaceLabels: (ns) => ({ "kubernetes.io/metadata.name": ns }),
});
const pod = (name: string, labels: Record<string, string>, namespace = "ecommerce", namedPorts: Record<string, number> = {}): PolicyEndpoint & { name: string } =>
  ({ name, namespace, labels, namedPorts, ip: "10.222.0.9" });

const frontend = pod("frontend", { app: "ecommerce", component: "frontend" });
const backend = pod("backend", { app: "ecommerce", component: "backend" });
const database = pod("database", { app: "ecommerce", component: "database" });
const prometheus = pod("prometheus", { app: "prometheus" });
const grafana = pod("grafana", { app: "grafana" });
const alertmanager = pod("alertmanager", { app: "alertmanager" });
const ingressController = pod("controller", { "app.kubernetes.io/name": "ingress-nginx" }, "ingress-nginx");
const elsewhere = pod("debug", { run: "debug" }, "default");

describe("the course's NetworkPolicies (10-network-policies.yaml)", () => {
  const verdict = (from: PolicyEndpoint & { name: string }, to: PolicyEndpoint & { name: string }, port: number, protocol = "TCP") =>
    connectionVerdict(world(coursePolicies), from, to, port, protocol).allowed;

  it("allow the paths the file's header lists", () => {
    expect(verdict(frontend, backend, 8000)).toBe(true);
    expect(verdict(backend, database, 5432)).toBe(true);
    expect(verdict(prometheus, backend, 8000)).toBe(true);
    expect(verdict(prometheus, alertmanager, 9093)).toBe(true);
    expect(verdict(grafana, prometheus, 9090)).toBe(true);
    expect(verdict(ingressController, frontend, 3000)).toBe(true);
    expect(verdict(ingressController, backend, 8000)).toBe(true);
    for (const p of [frontend, backend, database, prometheus, grafana]) expect(verdict(p, CLUSTER_DNS, 53, "UDP")).toBe(true);
  });

  it("deny everything else, in either direction", () => {
    expect(verdict(frontend, prometheus, 9090)).toBe(false);
    expect(verdict(frontend, database, 5432)).toBe(false);
    expect(verdict(backend, frontend, 3000)).toBe(false);
    expect(verdict(frontend, backend, 9999)).toBe(false);
    expect(verdict(elsewhere, frontend, 3000)).toBe(false);
    expect(verdict(ingressController, database, 5432)).toBe(false);
    expect(verdict(grafana, backend, 8000)).toBe(false);
  });

  it("say which policy refused a connection", () => {
    const refused = connectionVerdict(world(coursePolicies), frontend, prometheus, 9090);
    expect(refused.reason).toContain("egress of ecommerce/frontend");
    expect(refused.reason).toContain("default-deny-all");
  });
});

describe("NetworkPolicy semantics", () => {
  const deny = (types: string[]): V1NetworkPolicy => ({ metadata: { name: "deny", namespace: "ecommerce" }, spec: { podSelector: {}, policyTypes: types } });

  it("does not isolate pods no policy selects", () => {
    expect(connectionVerdict(world([]), frontend, backend, 8000).allowed).toBe(true);
    const onlyDb: V1NetworkPolicy = { metadata: { name: "db", namespace: "ecommerce" }, spec: { podSelector: { matchLabels: { component: "database" } }, policyTypes: ["Ingress"] } };
    expect(connectionVerdict(world([onlyDb]), frontend, backend, 8000).allowed).toBe(true);
    expect(connectionVerdict(world([onlyDb]), frontend, database, 5432).allowed).toBe(false);
  });

  it("isolates egress only when Egress is among the policy types (defaulted from the rules)", () => {
    expect(connectionVerdict(world([deny(["Ingress"])]), frontend, elsewhere, 80).allowed).toBe(true);
    expect(connectionVerdict(world([deny(["Egress"])]), frontend, elsewhere, 80).allowed).toBe(false);
    const egressRules: V1NetworkPolicy = { metadata: { name: "e", namespace: "ecommerce" }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] } };
    expect(connectionVerdict(world([egressRules]), frontend, elsewhere, 80).allowed).toBe(false);
    expect(connectionVerdict(world([egressRules]), frontend, CLUSTER_DNS, 53, "UDP").allowed).toBe(true);
  });

  it("matches named ports, port ranges, namespaceSelector with podSelector, and ipBlock with except", () => {
    const policy: V1NetworkPolicy = {
      metadata: { name: "in", namespace: "ecommerce" },
      spec: {
        podSelector: { matchLabels: { component: "backend" } }, policyTypes: ["Ingress"],
        ingress: [
          { _from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "default" } }, podSelector: { matchLabels: { run: "debug" } } }], ports: [{ port: "http" }] },
          { _from: [{ ipBlock: { cidr: "10.222.0.0/16", except: ["10.222.0.0/28"] } }], ports: [{ port: 9000, endPort: 9010 }] },
        ],
      },
    };
    const named = pod("backend", { component: "backend" }, "ecommerce", { http: 8000 });
    expect(connectionVerdict(world([policy]), elsewhere, named, 8000).allowed).toBe(true);
    expect(connectionVerdict(world([policy]), pod("debug", { run: "other" }, "default"), named, 8000).allowed).toBe(false);
    expect(connectionVerdict(world([policy]), { ...frontend, ip: "10.222.3.4" }, named, 9005).allowed).toBe(true);
    expect(connectionVerdict(world([policy]), { ...frontend, ip: "10.222.0.5" }, named, 9005).allowed).toBe(false);
    expect(connectionVerdict(world([policy]), { ...frontend, ip: "10.222.3.4" }, named, 9011).allowed).toBe(false);
  });

  it("computes CIDR membership", () => {
    expect(ipInCidr("10.222.1.2", "10.222.0.0/16")).toBe(true);
    expect(ipInCidr("10.223.1.2", "10.222.0.0/16")).toBe(false);
    expect(ipInCidr("1.2.3.4", "0.0.0.0/0")).toBe(true);
    expect(ipInCidr("10.0.0.10", "10.0.0.10/32")).toBe(true);
  });
});
