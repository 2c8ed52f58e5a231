/**
 * The course pack on a real API server (kwok nodes: pods become Running+Ready
 * without containers). Each describe uses its own namespace; the manifests are
 * retargeted from "ecommerce" with lib/course-pack.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import {
  ApiextensionsV1Api, AppsV1Api, AutoscalingV2Api, CoreV1Api, HttpMethod, IsomorphicFetchHttpLibrary, KubernetesObjectApi, NetworkingV1Api, PatchStrategy,
  RequestContext, type KubernetesObject, type V1Deployment,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCourseDir } from "@/lib/course/load";
import { applyObjects } from "@/lib/k8s/apply";
import { explainApplyError } from "@/lib/pack/explain-apply-error";
import {
  PACK_APPLY_ORDER, fillGeneratedSecrets, loadManifests, objectRef, parseManifests, retargetNamespace, type ManifestObject,
} from "@/lib/pack/manifests";

const COURSE_DIR = defaultCourseDir();
import {
  apiErrorCode, createTestNamespace, deleteNamespace, helmBinary, isLocalControlPlane, loadTestKubeConfig, testKubeconfigPath, waitFor,
} from "../support/cluster";

const FIELD_MANAGER = "daybook-course-pack";
const VPA_CRD = "verticalpodautoscalers.autoscaling.k8s.io";
const run = promisify(execFile);

const kc = loadTestKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const crds = kc.makeApiClient(ApiextensionsV1Api);
// a fresh client per phase: KubernetesObjectApi caches API discovery
const objectApi = () => KubernetesObjectApi.makeApiClient(kc);

function packFor(namespace: string, file: string): ManifestObject[] {
  const objs = retargetNamespace(loadManifests(file), namespace);
  return fillGeneratedSecrets(objs, () => randomBytes(18).toString("base64url"));
}

async function apply(client: KubernetesObjectApi, obj: ManifestObject, dryRun?: "All"): Promise<KubernetesObject> {
  return client.patch(obj as KubernetesObject, undefined, dryRun, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
}

async function applyFile(client: KubernetesObjectApi, namespace: string, file: string, dryRun?: "All"): Promise<string[]> {
  const applied: string[] = [];
  for (const obj of packFor(namespace, file)) {
    try {
      await apply(client, obj, dryRun);
    } catch (err) {
      throw new Error(`${file} ${objectRef(obj)}: ${explainApplyError(err)}`);
    }
    applied.push(objectRef(obj));
  }
  return applied;
}

/**
 * Server-side apply dry-run with fieldValidation=Strict, sent raw: the typed
 * KubernetesObjectApi silently drops fields its models do not know, which
 * would hide a typo in a manifest. Resolves to undefined or throws
 * Error("<status> <message>").
 */
async function strictDryRun(client: KubernetesObjectApi, obj: ManifestObject): Promise<void> {
  const uri = await (client as unknown as { specUriPath(o: KubernetesObject, a: string): Promise<string> }).specUriPath(
    structuredClone(obj) as KubernetesObject, "patch");
  const server = kc.getCurrentCluster()!.server.replace(/\/$/, "");
  const ctx = new RequestContext(`${server}${uri}?dryRun=All&fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`, HttpMethod.PATCH);
  await kc.applySecurityAuthentication(ctx);
  ctx.setHeaderParam("Content-Type", PatchStrategy.ServerSideApply);
  ctx.setHeaderParam("Accept", "application/json");
  ctx.setBody(JSON.stringify(obj));
  const res = await new IsomorphicFetchHttpLibrary().send(ctx).toPromise();
  const body = await res.body.text();
  if (res.httpStatusCode >= 300) throw Object.assign(new Error(`${res.httpStatusCode} ${body}`), { code: res.httpStatusCode, body });
}

async function deploymentAvailable(namespace: string, name: string): Promise<V1Deployment | false> {
  const d = await apps.readNamespacedDeployment({ name, namespace });
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const available = s.conditions?.some((c) => c.type === "Available" && c.status === "True");
  const done = (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
  return available && done ? d : false;
}

async function quotaRejections(namespace: string): Promise<string[]> {
  const events = await core.listNamespacedEvent({ namespace });
  return events.items.filter((e) => e.reason === "FailedCreate").map((e) => e.message ?? "");
}

/**
 * The fixture VPA CRD, applied raw (lib/k8s applyObjects): the typed client would drop its
 * x-kubernetes-preserve-unknown-fields. Resolves once it is Established.
 */
async function installVpaCrd(): Promise<void> {
  const crd = parseManifests(readFileSync(path.resolve(import.meta.dirname, "../fixtures/vpa-crd.yaml"), "utf8"));
  const outcomes = await applyObjects(kc, crd, { fieldManager: FIELD_MANAGER, force: true });
  if (outcomes.some((o) => o.verb === "failed" || o.note)) throw new Error(`VPA CRD: ${JSON.stringify(outcomes.map((o) => o.failure ?? o.note))}`);
}

// The local cluster comes with the CRD, and later tests (and the course test) share the cluster:
// put it back after "VPA not installed". On a reused cluster, remove it if it was not there before.
let vpaCrdPreexisting = true;
beforeAll(async () => {
  vpaCrdPreexisting = await crds.readCustomResourceDefinition({ name: VPA_CRD }).then(() => true, () => false);
});
afterAll(async () => {
  if (isLocalControlPlane()) await installVpaCrd();
  else if (!vpaCrdPreexisting) await crds.deleteCustomResourceDefinition({ name: VPA_CRD }).catch(() => undefined);
});

describe("course pack: VPA CRD missing, then installed", () => {
  let namespace = "";
  beforeAll(async () => {
    namespace = await createTestNamespace("pack-vpa");
    // start from "VPA not installed"; never remove a real VPA from a reused cluster
    if (!isLocalControlPlane()) return;
    try {
      await crds.deleteCustomResourceDefinition({ name: VPA_CRD });
    } catch (err) {
      if (apiErrorCode(err) !== 404) throw err;
    }
    await waitFor(async () => {
      try {
        await crds.readCustomResourceDefinition({ name: VPA_CRD });
        return false;
      } catch (err) {
        return apiErrorCode(err) === 404;
      }
    }, { description: "VPA CRD gone" });
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  it.runIf(isLocalControlPlane())("without the CRD, applying 12-vertical-pod-autoscaler fails and is explained as 'VPA is not installed'", async () => {
    const [vpa] = packFor(namespace, "k8s-manifests/12-vertical-pod-autoscaler.yaml");
    const err = await waitFor(async () => {
      try {
        await apply(objectApi(), vpa!);
        return false; // discovery may still list the group right after the delete
      } catch (e) {
        return e as Error & { code?: number; body?: unknown };
      }
    }, { description: "VPA apply to fail" });
    // recorded for lib/course-pack/errors.test.ts
    console.log("[vpa-missing error]", JSON.stringify({ code: err.code, body: err.body, message: err.message.split("\n")[0] }));
    expect(explainApplyError(err)).toBe("VPA is not installed on this cluster (CRD verticalpodautoscalers.autoscaling.k8s.io missing)");
  });

  it("with the fixture CRD installed, every pack manifest passes server-side dry-run", async () => {
    await installVpaCrd();
    const schema = (await crds.readCustomResourceDefinition({ name: VPA_CRD })).spec.versions[0]!.schema!.openAPIV3Schema!;
    expect(schema.properties!.status!.x_kubernetes_preserve_unknown_fields).toBe(true);

    const client = objectApi();
    const checked: string[] = [];
    for (const file of PACK_APPLY_ORDER) {
      for (const obj of packFor(namespace, file)) {
        await waitFor(async () => {
          try {
            await strictDryRun(client, obj);
            return true;
          } catch (err) {
            throw new Error(`${file} ${objectRef(obj)}: ${explainApplyError(err)}`);
          }
        }, { timeoutMs: file.includes("vertical") ? 30_000 : 3_000, description: `strict dry-run of ${file}` }); // CRD discovery can lag
        checked.push(objectRef(obj));
      }
    }
    expect(checked.length).toBeGreaterThan(40);
    expect(checked).toEqual(expect.arrayContaining(["VerticalPodAutoscaler/ecommerce-backend-vpa", "HorizontalPodAutoscaler/ecommerce-backend-hpa", "NetworkPolicy/default-deny-all"]));
    // the strict dry-run is not vacuous: a misspelt field is rejected
    const [backend] = packFor(namespace, "k8s-manifests/04-deployments.yaml").filter((o) => o.kind === "Deployment");
    const typo = structuredClone(backend!);
    (typo.spec as Record<string, unknown>).replicaz = 3;
    // (SSA answers 500 "field not declared in schema" for fields outside the schema)
    await expect(strictDryRun(client, typo)).rejects.toThrow(/\.spec\.replicaz: field not declared in schema|unknown field "spec\.replicaz"/);
    // dry-run persisted nothing
    expect((await apps.listNamespacedDeployment({ namespace })).items).toHaveLength(0);
  });
});

describe("course pack: applied in guide order, then the Day 16 Helm release", () => {
  let namespace = "";
  const helmHome = mkdtempSync(path.join(tmpdir(), "daybook-pack-helm-"));

  beforeAll(async () => {
    namespace = await createTestNamespace("pack-apply");
    // 12-vertical-pod-autoscaler needs the CRD (installed by the describe above; idempotent here)
    await installVpaCrd();
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace, { wait: true, timeoutMs: 120_000 }).catch(() => undefined);
    rmSync(helmHome, { recursive: true, force: true });
  });

  async function helm(args: string[]): Promise<string> {
    const { stdout } = await run(helmBinary(), [...args, "--kubeconfig", testKubeconfigPath()], {
      env: { ...process.env, HELM_CACHE_HOME: path.join(helmHome, "c"), HELM_CONFIG_HOME: path.join(helmHome, "f"), HELM_DATA_HOME: path.join(helmHome, "d") },
      timeout: 180_000,
    });
    return stdout;
  }

  it("applies every file in order; all deployments become Available inside the quota", async () => {
    const client = objectApi();
    for (const file of PACK_APPLY_ORDER) {
      await waitFor(() => applyFile(client, namespace, file), { timeoutMs: 30_000, description: `apply ${file}` });
    }
    const names = ["ecommerce-backend-deployment", "ecommerce-frontend-deployment", "ecommerce-database-deployment",
      "prometheus-deployment", "grafana-deployment", "alertmanager-deployment"];
    for (const name of names) {
      await waitFor(() => deploymentAvailable(namespace, name), { timeoutMs: 90_000, description: `${name} Available` });
    }
    const backend = (await deploymentAvailable(namespace, "ecommerce-backend-deployment")) as V1Deployment;
    expect(backend.spec!.template.spec!.containers.map((c) => c.name)).toEqual(["ecommerce-backend", "sidecar"]);
    expect(backend.spec!.template.spec!.initContainers!.map((c) => c.name)).toEqual(["init-db"]);
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: "ecommerce-database-pvc", namespace });
    expect(pvc.status?.phase).toBe("Bound");

    const pods = await core.listNamespacedPod({ namespace });
    const quota = await core.readNamespacedResourceQuota({ name: "ecommerce-resource-quota", namespace });
    expect(quota.status?.used?.pods).toBe(String(pods.items.length));
    expect(pods.items.length).toBe(3 + 2 + 1 + 3);
    expect(await quotaRejections(namespace)).toEqual([]);
  });

  it("the LimitRange rejects an oversized pod", async () => {
    const err = await core.createNamespacedPod({
      namespace,
      body: { metadata: { name: "too-big" }, spec: { containers: [{ name: "c", image: "busybox", resources: { requests: { cpu: "4", memory: "1Gi" }, limits: { cpu: "4", memory: "1Gi" } } }] } },
    }).then(() => undefined, (e: unknown) => e);
    expect(apiErrorCode(err)).toBe(403);
    expect(explainApplyError(err)).toMatch(/^Rejected by the namespace LimitRange: .*maximum cpu usage per (Container|Pod)/);
  });

  it("helm installs the chart next to the pack with the production values", async () => {
    const out = await helm(["install", "ecommerce-prod", path.join(COURSE_DIR, "templates"), "--namespace", namespace,
      "-f", path.join(COURSE_DIR, "environments/production/values.yaml"), "--wait", "--timeout", "150s"]);
    expect(out).toContain("STATUS: deployed");
    const secrets = await core.listNamespacedSecret({ namespace, labelSelector: "owner=helm,name=ecommerce-prod" });
    expect(secrets.items.map((s) => s.metadata?.labels?.status)).toEqual(["deployed"]);
    for (const name of ["ecommerce-prod-backend", "ecommerce-prod-frontend", "ecommerce-prod-database"]) {
      await waitFor(() => deploymentAvailable(namespace, name), { timeoutMs: 60_000, description: `${name} Available` });
    }
    // with autoscaling on, the chart leaves replicas to the HPA, which raises the backend to minReplicas (3)
    await waitFor(async () => {
      const d = await deploymentAvailable(namespace, "ecommerce-prod-backend");
      return d && d.spec!.replicas === 3;
    }, { timeoutMs: 90_000, description: "HPA scales ecommerce-prod-backend to its minimum of 3" });
    const ingresses = await kc.makeApiClient(NetworkingV1Api).listNamespacedIngress({ namespace });
    expect(ingresses.items.flatMap((i) => i.spec?.rules?.map((r) => r.host) ?? [])).toEqual(expect.arrayContaining(["ecommerce.company.com", "monitoring.company.com"]));
    // the chart's password was generated, not a placeholder, and survives an upgrade
    const pw = (await core.readNamespacedSecret({ name: "ecommerce-prod-database", namespace })).data!.POSTGRES_PASSWORD!;
    expect(Buffer.from(pw, "base64").toString()).toMatch(/^[A-Za-z0-9]{32}$/);
    await helm(["upgrade", "ecommerce-prod", path.join(COURSE_DIR, "templates"), "--namespace", namespace,
      "-f", path.join(COURSE_DIR, "environments/production/values.yaml"), "--wait", "--timeout", "150s"]);
    expect((await core.readNamespacedSecret({ name: "ecommerce-prod-database", namespace })).data!.POSTGRES_PASSWORD).toBe(pw);
  });

  it("at HPA max, a Day 6 rolling update to v2.0.0 still fits the quota (surge included)", async () => {
    const hpa = loadManifests("k8s-manifests/11-horizontal-pod-autoscaler.yaml")[0]!.spec as { maxReplicas: number };
    const hpaMax = hpa.maxReplicas;
    expect(hpaMax).toBe(10);
    // Simulate the HPA at its max deterministically: remove the HPA (with metrics-server it would
    // scale an idle backend down) and set spec.replicas with an own field manager, so the pack's
    // other fields stay as applied.
    await kc.makeApiClient(AutoscalingV2Api).deleteNamespacedHorizontalPodAutoscaler({ name: "ecommerce-backend-hpa", namespace });
    await objectApi().patch(
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "ecommerce-backend-deployment", namespace }, spec: { replicas: hpaMax } } as KubernetesObject,
      undefined, undefined, "test-hpa", true, PatchStrategy.ServerSideApply,
    );
    await waitFor(() => deploymentAvailable(namespace, "ecommerce-backend-deployment"), { timeoutMs: 90_000, description: "backend at 10 replicas" });
    // kubectl set image deployment/ecommerce-backend-deployment ecommerce-backend=ecommerce-backend:v2.0.0
    const d = await apps.readNamespacedDeployment({ name: "ecommerce-backend-deployment", namespace });
    const containers = d.spec!.template.spec!.containers.map((c) => c.name === "ecommerce-backend" ? { ...c, image: "ecommerce-backend:v2.0.0" } : c);
    d.spec!.template.spec!.containers = containers;
    await apps.replaceNamespacedDeployment({ name: "ecommerce-backend-deployment", namespace, body: d });
    const done = await waitFor(async () => {
      const cur = await deploymentAvailable(namespace, "ecommerce-backend-deployment");
      return cur && cur.spec!.template.spec!.containers[0]!.image === "ecommerce-backend:v2.0.0" && cur;
    }, { timeoutMs: 120_000, description: "rollout to v2.0.0 complete" });
    expect(done.status!.updatedReplicas).toBe(hpaMax);
    expect(await quotaRejections(namespace)).toEqual([]);
    const quota = await core.readNamespacedResourceQuota({ name: "ecommerce-resource-quota", namespace });
    const pods = (await core.listNamespacedPod({ namespace })).items.filter((p) => !p.metadata?.deletionTimestamp);
    expect(Number(quota.status!.used!.pods)).toBeLessThanOrEqual(Number(quota.status!.hard!.pods));
    // course: backend 10, frontend 2, database 1, prometheus/grafana/alertmanager 1 each; production: backend 3 (HPA min), frontend 2, database 1
    expect(pods.length).toBe(10 + 2 + 1 + 3 + 3 + 2 + 1);
  });
});
