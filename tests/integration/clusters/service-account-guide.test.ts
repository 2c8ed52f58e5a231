/**
 * The commands Daybook suggests when it refuses a kubeconfig, run as a student would (kubectl with
 * admin rights) against the real control plane: the kubeconfig they write must pass the kubeconfig
 * and address policies, and its identity must hold everything requiredAccess lists, which the cluster
 * itself confirms through a SelfSubjectRulesReview and access reviews, and by accepting a
 * server-side apply of the course manifests. A bare ServiceAccount shows the other outcome.
 */
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type https from "node:https";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  type KubernetesObject,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkApiServerAddress, localControlPlaneAllowEntry, parseAllowList, PinnedHttpsAgent, type PinnedAddress } from "@/lib/clusters/address-policy";
import { extractContext, type MinimalKubeconfig } from "@/lib/clusters/kubeconfig-policy";
import { accessReviewsToSend, formatMissingPermissions, missingPermissions, type AccessReport } from "@/lib/clusters/required-access";
import { GUIDE_KUBECONFIG_FILE, GUIDE_SERVICE_ACCOUNT, serviceAccountGuide } from "@/lib/clusters/service-account-guide";
import { explainApplyError } from "@/lib/pack/explain-apply-error";
import { fillGeneratedSecrets, loadManifests, objectRef, PACK_APPLY_ORDER, retargetNamespace } from "@/lib/pack/manifests";
import { apiErrorCode, isLocalControlPlane, loadTestKubeConfig, testKubeconfigPath, waitFor } from "../support/cluster";

const run = promisify(execFile);
const hasKubectl = spawnSync("kubectl", ["version", "--client"], { stdio: "ignore" }).status === 0;

function pinnedKubeConfig(kubeconfig: MinimalKubeconfig, pinned: PinnedAddress): KubeConfig {
  const kc = new KubeConfig();
  // client-node 1.4 makes every agent in KubeConfig.createAgent (private in the typings)
  (kc as unknown as { createAgent: (cluster: unknown, options: https.AgentOptions) => https.Agent }).createAgent = (_cluster, options) =>
    new PinnedHttpsAgent(pinned, options);
  kc.loadFromString(JSON.stringify(kubeconfig));
  return kc;
}

async function accessReport(kc: KubeConfig, teamNamespace: string): Promise<AccessReport> {
  const authz = kc.makeApiClient(AuthorizationV1Api);
  const rules = await authz.createSelfSubjectRulesReview({ body: { spec: { namespace: teamNamespace } } });
  const accessReviews = await Promise.all(
    accessReviewsToSend(teamNamespace).map(async (attributes) => {
      const review = await authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: attributes } } });
      return { attributes, ...(review.status ? { status: review.status } : {}) };
    }),
  );
  return missingPermissions({ teamNamespace, ...(rules.status ? { rulesReview: rules.status } : {}), accessReviews });
}

async function connectionFor(text: string, context: string, teamNamespace: string): Promise<KubeConfig> {
  const extracted = extractContext(text, context, { teamNamespace });
  if (!extracted.ok) throw new Error(`${extracted.field}: ${extracted.message}`);
  const local = isLocalControlPlane() ? localControlPlaneAllowEntry(testKubeconfigPath()) : `${extracted.server.hostname}:${extracted.server.port}`;
  expect(local).toBeDefined();
  const checked = await checkApiServerAddress(extracted.server, { allow: parseAllowList(local) });
  if (!checked.ok) throw new Error(checked.message);
  return pinnedKubeConfig(extracted.kubeconfig, checked.pinned);
}

describe.skipIf(!hasKubectl)("the ServiceAccount guide on a real cluster", () => {
  const admin = loadTestKubeConfig();
  const namespace = `guide-${randomBytes(4).toString("hex")}`;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-guide-"));
  let kubeconfigText = "";

  beforeAll(async () => {
    const guide = serviceAccountGuide({ namespace, context: admin.getCurrentContext() });
    await run("bash", ["-euo", "pipefail", "-c", guide], { cwd: workDir, env: { ...process.env, KUBECONFIG: testKubeconfigPath() } });
    kubeconfigText = fs.readFileSync(path.join(workDir, GUIDE_KUBECONFIG_FILE), "utf8");
  });

  afterAll(async () => {
    fs.rmSync(workDir, { recursive: true, force: true });
    const ignoreMissing = (error: unknown) => {
      if (apiErrorCode(error) !== 404) throw error;
    };
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.deleteClusterRoleBinding({ name: `${GUIDE_SERVICE_ACCOUNT}-${namespace}` }).catch(ignoreMissing);
    await rbac.deleteClusterRole({ name: `${GUIDE_SERVICE_ACCOUNT}-${namespace}` }).catch(ignoreMissing);
    await admin.makeApiClient(CoreV1Api).deleteNamespace({ name: namespace }).catch(ignoreMissing);
  });

  it("writes a kubeconfig that Daybook accepts, with a token that lasts for the course", () => {
    const extracted = extractContext(kubeconfigText, GUIDE_SERVICE_ACCOUNT, { teamNamespace: namespace });
    if (!extracted.ok) throw new Error(extracted.message);
    expect(extracted.namespace).toBe(namespace);
    expect(Object.keys(extracted.kubeconfig.users[0].user)).toEqual(["token"]);
    expect(extracted.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
  });

  it("gives an identity that holds every permission the course needs", async () => {
    const kc = await connectionFor(kubeconfigText, GUIDE_SERVICE_ACCOUNT, namespace);
    // the RBAC authorizer reads new bindings from an informer cache
    const report = await waitFor(async () => {
      const current = await accessReport(kc, namespace);
      return current.missing.length === 0 ? current : undefined;
    }, { timeoutMs: 30_000, description: "the guide's permissions to be granted" });
    expect(report).toEqual({ missing: [], complete: true, notes: [] });
  });

  // Not a dry run: a RoleBinding is only checked against a Role that really exists.
  it("lets that identity server-side apply the course manifests, including Day 13's Roles and their bindings", async () => {
    const kc = await connectionFor(kubeconfigText, GUIDE_SERVICE_ACCOUNT, namespace);
    const client = KubernetesObjectApi.makeApiClient(kc);
    const applied: string[] = [];
    // the VPA needs its CRD, which the cluster may not have; its permission is proven by the access review
    for (const file of PACK_APPLY_ORDER.filter((name) => !name.includes("vertical-pod-autoscaler"))) {
      const objects = fillGeneratedSecrets(retargetNamespace(loadManifests(file), namespace), () => randomBytes(12).toString("hex"));
      for (const object of objects) {
        try {
          await client.patch(object as KubernetesObject, undefined, undefined, "daybook", true, PatchStrategy.ServerSideApply);
        } catch (error) {
          throw new Error(`${file} ${objectRef(object)}: ${explainApplyError(error)}`);
        }
        applied.push(objectRef(object));
      }
    }
    expect(applied).toEqual(expect.arrayContaining(["Namespace/" + namespace, "ResourceQuota/ecommerce-resource-quota", "RoleBinding/prometheus-rolebinding"]));
    expect(applied.length).toBeGreaterThan(30);
  });

  it("shows a bare ServiceAccount what it is missing", async () => {
    const core = admin.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: "nobody" } } });
    const token = await core.createNamespacedServiceAccountToken({ name: "nobody", namespace, body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const guideConfig = extractContext(kubeconfigText, GUIDE_SERVICE_ACCOUNT);
    if (!guideConfig.ok) throw new Error(guideConfig.message);
    const bare: MinimalKubeconfig = { ...guideConfig.kubeconfig, users: [{ name: "nobody", user: { token: token.status!.token } }] };
    bare.contexts = [{ name: "nobody", context: { cluster: bare.clusters[0].name, user: "nobody", namespace } }];
    bare["current-context"] = "nobody";
    const kc = await connectionFor(JSON.stringify(bare), "nobody", namespace);
    const report = await accessReport(kc, namespace);
    const rows = new Map(report.missing.map((row) => [`${row.scope} ${row.apiGroup}/${row.resource}`, row.missingVerbs]));
    expect(rows.get("namespace apps/deployments")).toEqual(["get", "list", "watch", "create", "update", "patch", "delete"]);
    expect(rows.get("namespace /pods/exec")).toEqual(["get", "create"]);
    expect(rows.get("cluster /nodes")).toEqual(["get", "list", "watch", "patch"]);
    expect(rows.get("cluster /namespaces")).toEqual(["get", "patch"]);
    expect(report.complete).toBe(true);
    expect(formatMissingPermissions(report)).toMatch(/^SCOPE\s+RESOURCE/);
  });
});
