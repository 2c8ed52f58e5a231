import { describe, expect, it } from "vitest";
import {
  PACK_APPLY_ORDER, fillGeneratedSecrets, generatedSecretKeys, loadManifests, parseManifests, retargetNamespace, setImages,
} from "./manifests";
import { explainApplyError } from "./explain-apply-error";
import { parseQuantity, podResources } from "./resources";

describe("parseManifests", () => {
  it("parses multi-doc YAML and skips empty documents", () => {
    const objs = parseManifests("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n");
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["ConfigMap/a", "Secret/b"]);
  });
  it("rejects a document that is not a Kubernetes object", () => {
    expect(() => parseManifests("foo: bar\n", "x.yaml")).toThrow(/x.yaml: document 1 is not a Kubernetes object/);
  });
  it("loads every pack file in apply order", () => {
    const counts = PACK_APPLY_ORDER.map((f) => loadManifests(f).length);
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b)).toBeGreaterThan(40);
  });
});

describe("retargetNamespace", () => {
  const objs = [...loadManifests("k8s-manifests/01-namespace.yaml"), ...loadManifests("k8s-manifests/09-rbac.yaml")];
  const moved = retargetNamespace(objs, "team-a");
  it("renames the Namespace and moves namespaced objects", () => {
    expect(moved.find((o) => o.kind === "Namespace")!.metadata.name).toBe("team-a");
    for (const o of moved.filter((o) => o.kind !== "Namespace")) expect(o.metadata.namespace).toBe("team-a");
  });
  it("rewrites ServiceAccount subjects of RoleBindings", () => {
    const rb = moved.find((o) => o.metadata.name === "prometheus-rolebinding")!;
    expect(rb.subjects).toEqual([{ kind: "ServiceAccount", name: "prometheus", namespace: "team-a" }]);
  });
  it("does not modify its input", () => {
    expect(objs.find((o) => o.kind === "Namespace")!.metadata.name).toBe("ecommerce");
    expect(objs.every((o) => o.kind === "Namespace" || o.metadata.namespace === "ecommerce")).toBe(true);
  });
  it("leaves other cluster-scoped objects alone", () => {
    const [pv] = retargetNamespace(parseManifests("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv1}\n"), "x");
    expect(pv!.metadata.namespace).toBeUndefined();
  });
});

describe("generated secrets", () => {
  const secrets = loadManifests("k8s-manifests/03-secrets.yaml");
  it("finds every placeholder", () => {
    expect(generatedSecretKeys(secrets)).toEqual([
      { secret: "ecommerce-database-secret", key: "POSTGRES_PASSWORD" },
      { secret: "ecommerce-api-secret", key: "JWT_SECRET_KEY" },
      { secret: "ecommerce-api-secret", key: "API_KEY" },
    ]);
  });
  it("fills them without touching the input", () => {
    const filled = fillGeneratedSecrets(secrets, (s, k) => `${s}.${k}`);
    expect(filled[0]!.stringData).toEqual({ POSTGRES_PASSWORD: "ecommerce-database-secret.POSTGRES_PASSWORD" });
    expect(generatedSecretKeys(filled)).toEqual([]);
    expect(generatedSecretKeys(secrets)).toHaveLength(3);
  });
});

describe("setImages", () => {
  it("replaces default image references in app and init containers", () => {
    const [d] = setImages(loadManifests("k8s-manifests/08-init-containers.yaml"), {
      "ecommerce-backend:v1.0.0": "ghcr.io/acme/ecommerce-backend:v1.0.0",
      "postgres:15-alpine": "mirror.acme/postgres:15-alpine",
    });
    const spec = (d!.spec as { template: { spec: { containers: Array<{ image: string }>; initContainers: Array<{ image: string }> } } }).template.spec;
    expect(spec.containers.map((c) => c.image)).toEqual(["ghcr.io/acme/ecommerce-backend:v1.0.0", "nginxinc/nginx-unprivileged:1.27-alpine"]);
    expect(spec.initContainers[0]!.image).toBe("mirror.acme/postgres:15-alpine");
  });
});

describe("resources", () => {
  it("parses quantities", () => {
    expect(parseQuantity("250m")).toBeCloseTo(0.25);
    expect(parseQuantity("2")).toBe(2);
    expect(parseQuantity("512Mi")).toBe(512 * 2 ** 20);
    expect(parseQuantity("1G")).toBe(1e9);
    expect(() => parseQuantity("lots")).toThrow(/invalid quantity/);
  });
  it("charges a pod max(sum of containers, largest init container)", () => {
    const r = podResources({
      containers: [
        { name: "a", resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } } },
        { name: "b", resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } } },
      ],
      initContainers: [{ name: "i", resources: { requests: { cpu: "1", memory: "16Mi" }, limits: { cpu: "1", memory: "16Mi" } } }],
    });
    expect(r.requests).toEqual({ cpu: 1, memory: 96 * 2 ** 20 });
    expect(r.limits.cpu).toBe(1);
  });
});

describe("explainApplyError", () => {
  it("explains a quota rejection", () => {
    const err = { code: 403, body: JSON.stringify({ kind: "Status", reason: "Forbidden", code: 403, message: 'pods "x" is forbidden: exceeded quota: ecommerce-resource-quota, requested: requests.cpu=4, used: requests.cpu=6, limited: requests.cpu=8' }) };
    expect(explainApplyError(err)).toMatch(/^Rejected by the namespace ResourceQuota: .*exceeded quota/);
  });
  it("explains a LimitRange rejection", () => {
    const err = { code: 403, body: JSON.stringify({ kind: "Status", reason: "Forbidden", code: 403, message: 'pods "big" is forbidden: maximum cpu usage per Container is 2, but limit is 4' }) };
    expect(explainApplyError(err)).toMatch(/^Rejected by the namespace LimitRange: /);
  });
  it("falls back to the Status message, then the error message", () => {
    expect(explainApplyError({ code: 422, body: JSON.stringify({ reason: "Invalid", message: "spec.replicas: Invalid value" }) })).toBe("Invalid manifest: spec.replicas: Invalid value");
    expect(explainApplyError(new Error("connect ECONNREFUSED 127.0.0.1:6443"))).toBe("connect ECONNREFUSED 127.0.0.1:6443");
  });
});
