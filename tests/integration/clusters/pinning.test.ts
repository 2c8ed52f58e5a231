/**
 * Proves on loopback that the pinned lookup decides where a connection goes, while TLS still
 * verifies the certificate for the original host name. Two TLS servers hold a certificate for the
 * made-up name kube.daybook.test: the real one on 127.0.0.1 and an impostor on 127.0.0.2 (all of
 * 127/8 is loopback). The resolver answers 127.0.0.1 when the address is checked and 127.0.0.2
 * afterwards, like a DNS rebinding attack. No traffic leaves 127.0.0.0/8 and no real DNS is used.
 */
import https from "node:https";
import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { HttpMethod, IsomorphicFetchHttpLibrary, KubeConfig, RequestContext, VersionApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkApiServerAddress, parseAllowList, pinnedLookup, PinnedHttpsAgent, type PinnedAddress, type Resolver } from "@/lib/clusters/address-policy";
import { isLocalControlPlane, loadTestKubeConfig } from "../support/cluster";
import { makeTestPki, removeTestPki, type TestPki } from "./pki";

const HOST = "kube.daybook.test";
let pki: TestPki;
let port = 0;
const servers: https.Server[] = [];
const redirectsServed: string[] = [];

function listen(address: string, name: string, atPort: number): Promise<number> {
  const server = https.createServer({ cert: pki.serverCert, key: pki.serverKey }, (request, response) => {
    if (request.url === "/redirect") {
      redirectsServed.push(name);
      response.writeHead(302, { location: `https://127.0.0.2:${port}/` }).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/plain" }).end(name);
  });
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(atPort, address, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Answers 127.0.0.1 the first time (when the address is checked), 127.0.0.2 ever after. */
function rebindingResolver(): Resolver & { calls: number } {
  const resolver = Object.assign(
    async () => {
      resolver.calls += 1;
      return [{ address: resolver.calls === 1 ? "127.0.0.1" : "127.0.0.2", family: 4 }];
    },
    { calls: 0 },
  );
  return resolver;
}

function get(url: string, options: https.RequestOptions): Promise<{ body: string; remoteAddress?: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, options, (response) => {
      const remoteAddress = response.socket.remoteAddress;
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ body, remoteAddress }));
    });
    request.on("error", reject);
  });
}

async function checkedPin(resolver: Resolver): Promise<PinnedAddress> {
  const policy = { allow: parseAllowList(`127.0.0.1:${port}`) };
  const result = await checkApiServerAddress(new URL(`https://${HOST}:${port}`), policy, { resolver });
  if (!result.ok) throw new Error(result.message);
  return result.pinned;
}

beforeAll(async () => {
  pki = makeTestPki([HOST]);
  port = await listen("127.0.0.1", "real API server", 0);
  await listen("127.0.0.2", "impostor", port);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  removeTestPki(pki);
});

describe("a pinned connection", () => {
  it("the check resolves the name once and pins 127.0.0.1", async () => {
    const resolver = rebindingResolver();
    expect(await checkedPin(resolver)).toEqual({ host: HOST, address: "127.0.0.1", family: 4 });
    expect(resolver.calls).toBe(1);
  });

  it("without the pin, the rebinding resolver would send the request to the impostor", async () => {
    const resolver = rebindingResolver();
    await checkedPin(resolver);
    const unpinned = await get(`https://${HOST}:${port}/`, {
      ca: pki.caCert,
      agent: false,
      lookup: (hostname, _options, callback) => {
        resolver(hostname).then(
          ([answer]) => callback(null, [{ address: answer!.address, family: 4 }]),
          (error: NodeJS.ErrnoException) => callback(error, ""),
        );
      },
    });
    expect(unpinned).toEqual({ body: "impostor", remoteAddress: "127.0.0.2" });
  });

  it("reaches the checked address through PinnedHttpsAgent, verifying the certificate for the host name", async () => {
    const resolver = rebindingResolver();
    const agent = new PinnedHttpsAgent(await checkedPin(resolver), { ca: pki.caCert });
    for (let i = 0; i < 2; i++) {
      expect(await get(`https://${HOST}:${port}/`, { agent })).toEqual({ body: "real API server", remoteAddress: "127.0.0.1" });
    }
    expect(resolver.calls).toBe(1);
    agent.destroy();
  });

  it("reaches the checked address with the lookup alone (request options, and tls.connect as ws uses it)", async () => {
    const pinned = await checkedPin(rebindingResolver());
    const viaRequest = await get(`https://${HOST}:${port}/`, { ca: pki.caCert, agent: false, lookup: pinnedLookup(pinned) });
    expect(viaRequest).toEqual({ body: "real API server", remoteAddress: "127.0.0.1" });

    const socket = tls.connect({ host: HOST, port, servername: HOST, ca: pki.caCert, lookup: pinnedLookup(pinned) });
    await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
    expect({ authorized: socket.authorized, remote: socket.remoteAddress }).toEqual({ authorized: true, remote: "127.0.0.1" });
    socket.destroy();
  });

  it("still fails TLS when the certificate is not for the name, so pinning never weakens verification", async () => {
    const pinned: PinnedAddress = { host: "other.daybook.test", address: "127.0.0.1", family: 4 };
    const agent = new PinnedHttpsAgent(pinned, { ca: pki.caCert });
    await expect(get(`https://other.daybook.test:${port}/`, { agent })).rejects.toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
    agent.destroy();
  });

  it("verifies against tls-server-name when the URL holds the IP", async () => {
    const pinned: PinnedAddress = { host: "127.0.0.1", address: "127.0.0.1", family: 4 };
    const named = new PinnedHttpsAgent(pinned, { ca: pki.caCert, servername: HOST });
    expect((await get(`https://127.0.0.1:${port}/`, { agent: named })).body).toBe("real API server");
    const unnamed = new PinnedHttpsAgent(pinned, { ca: pki.caCert });
    await expect(get(`https://127.0.0.1:${port}/`, { agent: unnamed })).rejects.toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
    named.destroy();
    unnamed.destroy();
  });

  it("refuses other hosts, by name or IP literal, before connecting", async () => {
    const agent = new PinnedHttpsAgent(await checkedPin(rebindingResolver()), { ca: pki.caCert });
    await expect(get(`https://127.0.0.2:${port}/`, { agent })).rejects.toThrow(/only connects to the checked API server kube.daybook.test \(127.0.0.1\), not to 127.0.0.2/);
    await expect(get(`https://evil.daybook.test:${port}/`, { agent })).rejects.toThrow(/not to evil.daybook.test/);
    agent.destroy();
  });

  it("does not follow a redirect to another address in client-node's fetch", async () => {
    const agent = new PinnedHttpsAgent(await checkedPin(rebindingResolver()), { ca: pki.caCert });
    const context = new RequestContext(`https://${HOST}:${port}/redirect`, HttpMethod.GET);
    context.setAgent(agent);
    await expect(new IsomorphicFetchHttpLibrary().send(context).toPromise()).rejects.toThrow(/only connects to the checked API server/);
    expect(redirectsServed).toEqual(["real API server"]);
    agent.destroy();
  });
});

describe.skipIf(!isLocalControlPlane())("client-node against the local control plane", () => {
  /**
   * What lib/k8s can do: every agent client-node 1.4 makes (fetch and WebSocket) comes from
   * KubeConfig.createAgent, which the typings mark private, so it is replaced on the instance.
   */
  function pinnedKubeConfig(pinned: PinnedAddress): KubeConfig {
    const kc = new KubeConfig();
    (kc as unknown as { createAgent: (cluster: unknown, options: https.AgentOptions) => https.Agent }).createAgent = (_cluster, options) =>
      new PinnedHttpsAgent(pinned, options);
    return kc;
  }

  it("reaches the API server under a name that only the pin can resolve", async () => {
    const admin = loadTestKubeConfig();
    const server = new URL(admin.getCurrentCluster()!.server);
    // kubernetes.default.svc is in the apiserver's certificate but resolves nowhere on this host
    const url = new URL(`https://kubernetes.default.svc:${server.port}`);
    const policy = { allow: parseAllowList(`127.0.0.1:${server.port}`) };
    const resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    const checked = await checkApiServerAddress(url, policy, { resolver });
    if (!checked.ok) throw new Error(checked.message);

    const kc = pinnedKubeConfig(checked.pinned);
    const cluster = admin.getCurrentCluster()!;
    const user = admin.getCurrentUser()!;
    kc.loadFromOptions({
      clusters: [{ ...cluster, server: url.origin }],
      users: [user],
      contexts: [{ name: "pinned", cluster: cluster.name, user: user.name }],
      currentContext: "pinned",
    });
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\./);
  });
});
