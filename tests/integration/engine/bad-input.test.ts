/**
 * Bad input on the real control plane gives a clear error and leaves nothing half-done without saying so:
 * malformed YAML, an unknown kind, an unreachable or a hanging API server, rejected credentials, and an
 * identity that may not do what it is asked.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoreV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { connectTeamCluster } from "@/lib/data/clusters";
import type { Step } from "@/lib/course/schema";
import { clearCourseCache, findStep, loadCourse } from "@/lib/course/load";
import { applyStep } from "@/lib/runs/execute";
import { openTeamConnection } from "@/lib/runs/connection";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { createTestNamespace, deleteNamespace, loadTestKubeConfig, testKubeconfigPath } from "../support/cluster";
import { base64, makeTestPki, removeTestPki, type TestPki } from "../clusters/pki";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-bad-input-"));
process.env.DAYBOOK_DATA_DIR = dataDir;
process.env.DAYBOOK_CLUSTER_RUN = path.dirname(testKubeconfigPath());
const demo = useSeededDatabase(TEST_BACKENDS[0]!);

const servers: (net.Server | tls.Server)[] = [];
let pki: TestPki | undefined;
const listen = (server: net.Server | tls.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));

function kubeconfigFor(server: string, user: Record<string, string>, caData?: string) {
  return `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\n${caData ? `    certificate-authority-data: ${caData}\n` : ""}users:\n- name: u\n  user:\n${Object.entries(user).map(([k, v]) => `    ${k}: ${v}`).join("\n")}\ncontexts:\n- name: ctx\n  context: {cluster: c, user: u}\ncurrent-context: ctx\n`;
}

describe("bad input to the engine", () => {
  let namespace = "";
  const apiServer = () => loadTestKubeConfig().getCurrentCluster()!;

  beforeAll(async () => {
    namespace = await createTestNamespace("bad-input");
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    removeTestPki(pki);
    await deleteNamespace(namespace);
    fs.rmSync(dataDir, { recursive: true, force: true });
    delete process.env.DAYBOOK_CLUSTER_ALLOW;
  });

  it("refuses an exec-plugin kubeconfig and a forbidden address, saving nothing", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const exec = kubeconfigFor("https://127.0.0.1:6443", { exec: "{command: aws, apiVersion: client.authentication.k8s.io/v1beta1}" });
    await expect(connectTeamCluster(alice, { source: "kubeconfig", teamId: demo.atlas, kubeconfig: exec, context: "ctx" })).rejects.toThrow(/exec plugin/);
    const metadata = kubeconfigFor("https://169.254.169.254", { token: "x" });
    await expect(connectTeamCluster(alice, { source: "kubeconfig", teamId: demo.atlas, kubeconfig: metadata, context: "ctx" })).rejects.toThrow(/never connects there/);
    const privateNet = kubeconfigFor("https://10.1.2.3:6443", { token: "x" });
    await expect(connectTeamCluster(alice, { source: "kubeconfig", teamId: demo.atlas, kubeconfig: privateNet, context: "ctx" })).rejects.toThrow(/DAYBOOK_CLUSTER_ALLOW=10\.1\.2\.3:6443/);
    expect(await demo.client.teamCluster.count()).toBe(0);
  });

  it("explains an API server that refuses connections, and one that never answers", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const closed = net.createServer();
    const closedPort = await listen(closed);
    closed.close();
    pki = makeTestPki(["127.0.0.1"]);
    const caData = base64(pki.caCert);
    const hanging = tls.createServer({ cert: pki.serverCert, key: pki.serverKey }, () => undefined);
    servers.push(hanging);
    const hangingPort = await listen(hanging);
    process.env.DAYBOOK_CLUSTER_ALLOW = `127.0.0.1:${closedPort},127.0.0.1:${hangingPort}`;
    await expect(connectTeamCluster(alice, { source: "kubeconfig", teamId: demo.atlas, kubeconfig: kubeconfigFor(`https://127.0.0.1:${closedPort}`, { token: "t" }, caData), context: "ctx" })).rejects.toThrow(/Nothing answers at the API server's address.*Nothing was saved/);
    const started = Date.now();
    await expect(connectTeamCluster(alice, { source: "kubeconfig", teamId: demo.atlas, kubeconfig: kubeconfigFor(`https://127.0.0.1:${hangingPort}`, { token: "t" }, caData), context: "ctx" })).rejects.toThrow(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await demo.client.teamCluster.count()).toBe(0);
  });

  it("says credentials were rejected (expired or revoked) instead of failing a step", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const cluster = apiServer();
    const ca = cluster.caData!;
    const kubeconfig = kubeconfigFor(cluster.server, { token: "revoked-token-that-the-api-server-does-not-know" }, ca);
    await expect(connectTeamCluster(alice, { source: "kubeconfig", teamId: demo.atlas, kubeconfig, context: "ctx" })).rejects.toThrow(/expired, revoked or wrong/);
  });

  it("applies what it may and says exactly what it was forbidden to apply", async () => {
    const admin = loadTestKubeConfig();
    const core = admin.makeApiClient(CoreV1Api);
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: "limited" } } });
    // May create ConfigMaps in its namespace, nothing else.
    await rbac.createNamespacedRole({ namespace, body: { metadata: { name: "configmaps" }, rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "create", "patch"] }] } });
    await rbac.createNamespacedRoleBinding({ namespace, body: { metadata: { name: "configmaps" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "configmaps" }, subjects: [{ kind: "ServiceAccount", name: "limited", namespace }] } });
    const token = await core.createNamespacedServiceAccountToken({ namespace, name: "limited", body: { spec: { expirationSeconds: 3600, audiences: [] } } });
    const cluster = apiServer();
    const bea = await actorFor(demo.client, "bea@daybook.local");
    await connectTeamCluster(bea, { source: "kubeconfig", teamId: demo.borealis, kubeconfig: kubeconfigFor(cluster.server, { token: token.status!.token }, cluster.caData!), context: "ctx" });
    await demo.client.teamCluster.update({ where: { teamId: demo.borealis }, data: { namespace } });
    const conn = await openTeamConnection(demo.borealis);
    if (!conn.ok) throw new Error(conn.message);
    const step: Step = { ...findStep(loadCourse(), "d02-s1")!, applies: ["k8s-manifests/02-configmaps.yaml", "k8s-manifests/03-secrets.yaml"] };
    const results = await applyStep(conn.value, step, { dryRun: false, force: false });
    conn.value.kc.close();
    const verbs = Object.fromEntries(results.objects.map((o) => [o.ref, o.verb]));
    expect(verbs["ConfigMap/ecommerce-backend-config"]).toBe("created");
    expect(verbs["Secret/ecommerce-database-secret"]).toBe("failed");
    const forbidden = results.objects.find((o) => o.ref === "Secret/ecommerce-database-secret")!;
    expect(forbidden.failure).toMatchObject({ kind: "forbidden", message: expect.stringMatching(/secrets .*forbidden/i) });
  });

  it("reports malformed YAML and an unknown kind in the course pack, applying nothing of a broken file", async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-pack-copy-"));
    fs.cpSync(path.resolve("course"), copy, { recursive: true });
    fs.writeFileSync(path.join(copy, "k8s-manifests/98-broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n");
    fs.writeFileSync(path.join(copy, "k8s-manifests/99-unknown.yaml"), "apiVersion: v1\nkind: FrobnicatorConfig\nmetadata: {name: x}\n");
    process.env.DAYBOOK_COURSE_DIR = copy;
    clearCourseCache();
    try {
      await demo.client.teamCluster.deleteMany({ where: { teamId: demo.atlas } });
      const alice = await actorFor(demo.client, "alice@daybook.local");
      await connectTeamCluster(alice, { source: "local", teamId: demo.atlas });
      await demo.client.teamCluster.update({ where: { teamId: demo.atlas }, data: { namespace } });
      const conn = await openTeamConnection(demo.atlas);
      if (!conn.ok) throw new Error(conn.message);
      const base = findStep(loadCourse(), "d02-s1")!;
      const broken = await applyStep(conn.value, { ...base, applies: ["k8s-manifests/98-broken.yaml"] }, { dryRun: false, force: false });
      expect(broken.problem).toMatch(/98-broken\.yaml: invalid YAML/);
      expect(broken.objects).toEqual([]);
      const unknown = await applyStep(conn.value, { ...base, applies: ["k8s-manifests/99-unknown.yaml"] }, { dryRun: false, force: false });
      expect(unknown.objects[0]).toMatchObject({ verb: "failed", failure: { kind: "unsupported", message: expect.stringContaining("no kind FrobnicatorConfig") } });
      conn.value.kc.close();
    } finally {
      delete process.env.DAYBOOK_COURSE_DIR;
      clearCourseCache();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
