/**
 * In-cluster networking as podsim simulates it for exec'd curl/wget: cluster DNS, Service port ->
 * targetPort -> a ready endpoint, curl's and wget's exit codes, NetworkPolicy (allow, deny, DNS),
 * port-forwards (not subject to NetworkPolicy), and the non-enforcing CNI mode.
 */
import { AppsV1Api, CoreV1Api, HttpMethod, IsomorphicFetchHttpLibrary, NetworkingV1Api, RequestContext, type V1Deployment } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { inPod, readyPods } from "../support/course-workload";
import { podsimRestartAllowed, restartPodsim } from "../support/podsim-control";
import { httpViaPortForward } from "../support/port-forward";

const kc = loadTestKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const networking = kc.makeApiClient(NetworkingV1Api);

/** GET through the API server's service proxy; undefined when it gives no answer within `timeoutMs`. */
async function serviceProxyGet(namespace: string, service: string, path: string, timeoutMs: number): Promise<{ status: number; body: string } | undefined> {
  const server = kc.getCurrentCluster()!.server;
  const context = new RequestContext(`${server}/api/v1/namespaces/${namespace}/services/${service}/proxy${path}`, HttpMethod.GET);
  await kc.applySecurityAuthentication(context);
  context.setSignal(AbortSignal.timeout(timeoutMs));
  try {
    const response = await new IsomorphicFetchHttpLibrary().send(context).toPromise();
    return { status: response.httpStatusCode, body: await response.body.text() };
  } catch {
    return undefined;
  }
}

function deployment(name: string, image: string, labels: Record<string, string>, port?: { name: string; containerPort: number }): V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas: 1, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, ...labels } }, spec: { containers: [{ name, image, ports: port ? [port] : undefined }] } },
    },
  };
}

describe.runIf(isLocalControlPlane())("podsim's pod network", () => {
  let ns = "";
  let other = "";
  let webPod = "";
  let webIp = "";
  const curl = (args: string[], from: { ns?: string; pod?: string } = {}) => {
    const pod = from.pod ?? clientPod;
    return inPod(kc, from.ns ?? ns, pod, pod.startsWith("stranger") ? "stranger" : "client").exec(["curl", ...args]);
  };
  let clientPod = "";
  let strangerPod = "";
  let otherPod = "";

  beforeAll(async () => {
    ns = await createTestNamespace("podsim-net");
    other = await createTestNamespace("podsim-net-other");
    await apps.createNamespacedDeployment({ namespace: ns, body: deployment("web", "nginxinc/nginx-unprivileged:1.27-alpine", { tier: "web" }, { name: "http", containerPort: 8080 }) });
    await apps.createNamespacedDeployment({ namespace: ns, body: deployment("client", "busybox:1.36", { role: "client" }) });
    await apps.createNamespacedDeployment({ namespace: ns, body: deployment("stranger", "busybox:1.36", {}) });
    await apps.createNamespacedDeployment({ namespace: other, body: deployment("client", "busybox:1.36", { role: "client" }) });
    await core.createNamespacedService({ namespace: ns, body: { metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ name: "web", port: 80, targetPort: "http" }] } } });
    await core.createNamespacedService({ namespace: ns, body: { metadata: { name: "empty" }, spec: { selector: { app: "nothing" }, ports: [{ port: 80 }] } } });
    const web = (await readyPods(kc, ns, "app=web"))[0]!;
    webPod = web.metadata!.name!;
    webIp = web.status!.podIP!;
    clientPod = (await readyPods(kc, ns, "app=client"))[0]!.metadata!.name!;
    strangerPod = (await readyPods(kc, ns, "app=stranger"))[0]!.metadata!.name!;
    otherPod = (await readyPods(kc, other, "app=client"))[0]!.metadata!.name!;
    await waitFor(async () => (await curl(["-s", "web"])).exitCode === 0, { description: "the web Service has its endpoint" });
  });
  afterAll(async () => {
    await Promise.all([ns, other].filter(Boolean).map((n) => deleteNamespace(n)));
  });

  it("resolves Service names like cluster DNS and maps the Service port to the named targetPort", async () => {
    for (const host of ["web", `web.${ns}`, `web.${ns}.svc`, `web.${ns}.svc.cluster.local`]) {
      expect(await curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", `http://${host}/`])).toEqual({ stdout: "200", stderr: "", exitCode: 0 });
    }
    expect((await curl(["-fsS", `${webIp}:8080`])).stdout).toContain("Welcome to nginx!");
    expect((await curl(["-s", "web"], { ns: other, pod: otherPod })).exitCode).toBe(6);
    expect((await curl(["-s", `web.${ns}`], { ns: other, pod: otherPod })).stdout).toContain("Welcome to nginx!");
  });

  it("gives curl's and wget's real exit codes and messages", async () => {
    const unresolvable = await curl(["-sS", "nowhere"]);
    expect(unresolvable).toMatchObject({ exitCode: 6, stderr: "curl: (6) Could not resolve host: nowhere\n" });
    const noEndpoints = await curl(["-sS", "empty"]);
    expect(noEndpoints.exitCode).toBe(7);
    expect(noEndpoints.stderr).toMatch(/^curl: \(7\) Failed to connect to empty port 80 after \d+ ms: Couldn't connect to server\n$/);
    expect(await curl(["-s", "web"])).toMatchObject({ exitCode: 0, stderr: "" });
    const notFound = await curl(["-fsS", "web/missing"]);
    expect(notFound).toMatchObject({ exitCode: 22, stdout: "", stderr: "curl: (22) The requested URL returned error: 404\n" });
    expect((await curl(["-s", "web/missing"])).stdout).toContain("<title>404 Not Found</title>");
    expect((await curl(["-sI", "web"])).stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect((await curl(["--bogus", "web"])).exitCode).toBe(2);
    const progress = await curl(["web"]);
    expect(progress.stderr).toContain("% Total    % Received % Xferd");
    const fetched = await inPod(kc, ns, clientPod, "client").exec(["wget", "-qO-", "web"]);
    expect(fetched.stderr).toBe("");
    expect(fetched.exitCode).toBe(0);
    expect(fetched.stdout).toContain("Welcome to nginx!");
    expect(await inPod(kc, ns, clientPod, "client").exec(["wget", "-q", "-O", "-", "nowhere"])).toEqual({ stdout: "", stderr: "wget: bad address 'nowhere'\n", exitCode: 1 });
    expect((await inPod(kc, ns, webPod, "web").exec(["curl", "-s", "localhost:8080"])).stdout).toContain("Welcome to nginx!");
    expect((await inPod(kc, ns, webPod, "web").exec(["curl", "-s", "localhost:80"])).exitCode).toBe(7);
  });

  it("port-forwards reach served ports only", async () => {
    expect((await httpViaPortForward(kc, { namespace: ns, pod: webPod, port: 8080, path: "/" })).body).toContain("Welcome to nginx!");
    await expect(httpViaPortForward(kc, { namespace: ns, pod: webPod, port: 9999, path: "/", timeoutMs: 10_000 })).rejects.toThrow();
  });

  it("routes the API server's service proxy to podsim's listener, never to a pod IP", async () => {
    const proxied = await serviceProxyGet(ns, "web:web", "/", 10_000);
    expect(proxied?.status).toBe(200);
    expect(proxied?.body).toContain("Welcome to nginx!");
    expect((await serviceProxyGet(ns, "empty:80", "/", 10_000))?.status).toBe(503);
  });

  it("enforces NetworkPolicy: a dropped connection waits for --max-time, allowed peers get through", async () => {
    await networking.createNamespacedNetworkPolicy({ namespace: ns, body: {
      metadata: { name: "web-from-clients" },
      spec: {
        podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"],
        ingress: [{ _from: [{ podSelector: { matchLabels: { role: "client" } } }, { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": other } } }], ports: [{ port: "http" }] }],
      },
    } });
    await waitFor(async () => (await curl(["-s", "--max-time", "1", "web"], { pod: strangerPod })).exitCode === 28, { timeoutMs: 20_000, description: "the policy drops the stranger" });
    const started = Date.now();
    const dropped = await curl(["-sS", "--max-time", "2", "web"], { pod: strangerPod });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(dropped.exitCode).toBe(28);
    expect(dropped.stderr).toMatch(/Connection timed out after 2\d{3} milliseconds/);
    expect((await curl(["-fsS", "--max-time", "2", "web"])).exitCode).toBe(0);
    expect((await curl(["-fsS", "--max-time", "2", `web.${ns}`], { ns: other, pod: otherPod })).exitCode).toBe(0);
    // delivered into the pod by the kubelet: not subject to NetworkPolicy
    expect((await httpViaPortForward(kc, { namespace: ns, pod: webPod, port: 8080, path: "/" })).status).toBe(200);
    // the service proxy comes from the API server, outside the pod network: dropped (once the API
    // server's kept-alive connection from the previous test is gone, as conntrack would keep it)
    await waitFor(async () => (await serviceProxyGet(ns, "web:web", "/", 3_000)) === undefined,
      { timeoutMs: 30_000, description: "the service proxy's new connections dropped" });

    await networking.createNamespacedNetworkPolicy({ namespace: ns, body: {
      metadata: { name: "client-no-egress" },
      spec: { podSelector: { matchLabels: { role: "client" } }, policyTypes: ["Egress"] },
    } });
    await waitFor(async () => (await curl(["-s", "--max-time", "1", "web"])).exitCode === 28, { timeoutMs: 20_000, description: "the client's DNS queries are dropped" });
    const noDns = await curl(["-sS", "--max-time", "1", "web"]);
    expect(noDns.stderr).toMatch(/curl: \(28\) Resolving timed out after 1\d{3} milliseconds/);
  });

  it.runIf(podsimRestartAllowed())("with DAYBOOK_PODSIM_CNI=none the same policies are not enforced", async () => {
    try {
      restartPodsim("none");
      await waitFor(async () => (await curl(["-s", "--max-time", "2", "web"], { pod: strangerPod })).exitCode === 0,
        { timeoutMs: 60_000, description: "the stranger reaches web on a non-enforcing CNI" });
      expect((await curl(["-fsS", "--max-time", "2", "web"])).stdout).toContain("Welcome to nginx!");
    } finally {
      restartPodsim("enforcing");
    }
    await waitFor(async () => (await curl(["-s", "--max-time", "1", "web"], { pod: strangerPod })).exitCode === 28,
      { timeoutMs: 60_000, description: "enforcing again" });
  });
});
