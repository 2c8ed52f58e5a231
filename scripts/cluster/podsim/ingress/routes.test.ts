import type { V1Ingress, V1HTTPIngressPath } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { buildServers, redirected, route, serverFor, servedBy, timeoutsOf } from "./routes";

const path = (p: string, pathType: string, service: string, port: { number?: number; name?: string }): V1HTTPIngressPath =>
  ({ path: p, pathType, backend: { service: { name: service, port } } });

const ingress = (name: string, host: string | undefined, paths: V1HTTPIngressPath[], annotations: Record<string, string> = {}, created = "2026-01-01T00:00:00Z"): V1Ingress => ({
  metadata: { name, namespace: "shop", annotations, creationTimestamp: new Date(created) },
  spec: { ingressClassName: "nginx", rules: [{ ...(host ? { host } : {}), http: { paths } }] },
});

// what course/templates renders with environments/production/values.yaml
const chart = [
  ingress("ecommerce-prod", "ecommerce.company.com", [
    path("/api", "Prefix", "ecommerce-prod-backend", { name: "http" }),
    path("/health", "Exact", "ecommerce-prod-backend", { name: "http" }),
    path("/", "Prefix", "ecommerce-prod-frontend", { name: "http" }),
  ], { "cert-manager.io/cluster-issuer": "letsencrypt-prod" }),
  ingress("ecommerce-prod-grafana", "monitoring.company.com", [path("/", "Prefix", "grafana-service", { number: 3000 })]),
  ingress("ecommerce-prod-prometheus", "monitoring.company.com", [path("/prometheus(/|$)(.*)", "ImplementationSpecific", "prometheus-service", { number: 9090 })], {
    "nginx.ingress.kubernetes.io/use-regex": "true",
    "nginx.ingress.kubernetes.io/rewrite-target": "/$2",
    "nginx.ingress.kubernetes.io/proxy-redirect-from": "/",
    "nginx.ingress.kubernetes.io/proxy-redirect-to": "/prometheus/",
  }),
];

const go = (ingresses: V1Ingress[], host: string, uri: string) => {
  const r = route(serverFor(buildServers(ingresses), host), uri);
  return r && `${r.location.backend.service} ${r.upstreamPath}`;
};

describe("ingress-nginx routing", () => {
  it("routes the production host by path: Prefix element-wise, Exact only exactly, / for the rest", () => {
    expect(go(chart, "ecommerce.company.com", "/health")).toBe("ecommerce-prod-backend /health");
    expect(go(chart, "ecommerce.company.com", "/health/extra")).toBe("ecommerce-prod-frontend /health/extra");
    expect(go(chart, "ecommerce.company.com", "/api")).toBe("ecommerce-prod-backend /api");
    expect(go(chart, "ecommerce.company.com", "/api/products")).toBe("ecommerce-prod-backend /api/products");
    expect(go(chart, "ecommerce.company.com", "/apix")).toBe("ecommerce-prod-frontend /apix");
    expect(go(chart, "ecommerce.company.com", "/")).toBe("ecommerce-prod-frontend /");
  });

  it("matches the host without its port and case, and sends unknown hosts nowhere", () => {
    expect(go(chart, "Ecommerce.Company.com:18080", "/health")).toBe("ecommerce-prod-backend /health");
    expect(go(chart, "shop.example.org", "/")).toBeUndefined();
    expect(go(chart, "", "/")).toBeUndefined();
  });

  it("rewrites /prometheus(/|$)(.*) to /$2, and makes every path of that host a case-insensitive regex", () => {
    const server = serverFor(buildServers(chart), "monitoring.company.com")!;
    expect(server.regex).toBe(true);
    expect(go(chart, "monitoring.company.com", "/prometheus/-/healthy")).toBe("prometheus-service /-/healthy");
    expect(go(chart, "monitoring.company.com", "/prometheus")).toBe("prometheus-service /");
    expect(go(chart, "monitoring.company.com", "/prometheus/api/v1/query")).toBe("prometheus-service /api/v1/query");
    expect(go(chart, "monitoring.company.com", "/PROMETHEUS/-/ready")).toBe("prometheus-service /-/ready");
    expect(go(chart, "monitoring.company.com", "/prometheusx")).toBe("grafana-service /prometheusx");
    expect(go(chart, "monitoring.company.com", "/login")).toBe("grafana-service /login");
    expect(go(chart, "monitoring.company.com", "/")).toBe("grafana-service /");
  });

  it("keeps Prometheus' redirects under /prometheus (proxy-redirect-from/to), and only there", () => {
    const servers = buildServers(chart);
    const prometheus = route(serverFor(servers, "monitoring.company.com"), "/prometheus")!.location;
    expect(redirected(prometheus, "/graph")).toBe("/prometheus/graph");
    expect(redirected(prometheus, "http://elsewhere/graph")).toBe("http://elsewhere/graph");
    const grafana = route(serverFor(servers, "monitoring.company.com"), "/")!.location;
    expect(redirected(grafana, "/login")).toBe("/login");
  });

  it("takes ingress-nginx's default timeouts unless annotated", () => {
    const servers = buildServers([...chart, ingress("slow", "slow.company.com", [path("/", "Prefix", "slow", { number: 80 })], { "nginx.ingress.kubernetes.io/proxy-connect-timeout": "1" })]);
    expect(timeoutsOf(route(serverFor(servers, "ecommerce.company.com"), "/")!.location)).toEqual({ connectMs: 5_000, readMs: 60_000 });
    expect(timeoutsOf(route(serverFor(servers, "slow.company.com"), "/")!.location)).toEqual({ connectMs: 1_000, readMs: 60_000 });
  });

  it("prefers the oldest Ingress on a conflicting path, and serves host-less rules and wildcards", () => {
    const older = ingress("older", "a.company.com", [path("/", "Prefix", "old", { number: 80 })], {}, "2026-01-01T00:00:00Z");
    const newer = ingress("newer", "a.company.com", [path("/", "Prefix", "new", { number: 80 })], {}, "2026-02-01T00:00:00Z");
    expect(go([newer, older], "a.company.com", "/")).toBe("old /");
    const catchAll = ingress("any", undefined, [path("/", "Prefix", "any", { number: 80 })]);
    const wildcard = ingress("wild", "*.company.com", [path("/", "Prefix", "wild", { number: 80 })]);
    expect(go([catchAll, wildcard], "x.company.com", "/")).toBe("wild /");
    expect(go([catchAll, wildcard], "x.y.company.com", "/")).toBe("any /");
    expect(go([catchAll, wildcard], "elsewhere.org", "/")).toBe("any /");
  });

  it("serves its IngressClasses and class-less Ingresses, not another controller's", () => {
    const classes = [{ metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } }, { metadata: { name: "traefik" }, spec: { controller: "traefik.io/ingress-controller" } }];
    expect(servedBy(chart[0]!, classes)).toBe(true);
    expect(servedBy({ ...chart[0]!, spec: { ...chart[0]!.spec, ingressClassName: "traefik" } }, classes)).toBe(false);
    expect(servedBy({ ...chart[0]!, spec: { ...chart[0]!.spec, ingressClassName: undefined } }, classes)).toBe(true);
    expect(servedBy({ metadata: { annotations: { "kubernetes.io/ingress.class": "nginx" } }, spec: {} }, classes)).toBe(true);
  });
});
