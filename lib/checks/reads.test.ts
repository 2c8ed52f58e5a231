import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKubeConfig } from "@/lib/k8s/client";
import { clusterReads, type ReadMemo } from "./reads";

// A port on loopback that refuses connections: every read fails at once, and only the count matters here.
let port = 0;
beforeAll(async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const kc = () => buildKubeConfig({ credentials: { server: `https://127.0.0.1:${port}`, token: "t" }, timeoutMs: 2000 });
const team = { namespace: "ns", images: {}, urls: {} };
const fetchUrl = () => Promise.reject(new Error("not used"));

describe("clusterReads", () => {
  const clients: ReturnType<typeof kc>[] = [];
  afterAll(() => clients.forEach((c) => c.close()));

  it("asks the cluster once for a list that two runs sharing a memo both need, and afresh for a retry", async () => {
    const client = kc();
    clients.push(client);
    const asked: string[] = [];
    const memo: ReadMemo = new Map();
    const first = clusterReads(client, { team, fetchUrl, memo, onRequest: (w) => asked.push(w) });
    const second = clusterReads(client, { team, fetchUrl, memo, onRequest: (w) => asked.push(w) });
    const [a, b] = await Promise.all([first.list("apps/v1", "Deployment", "ns"), second.list("apps/v1", "Deployment", "ns")]);
    expect(a).toEqual(b);
    expect(a.ok).toBe(false);
    expect(asked).toEqual(["list:apps/v1:Deployment:ns::"]);
    await second.fresh().list("apps/v1", "Deployment", "ns");
    expect(asked).toHaveLength(2);
  });

  it("keeps the reads of runs without a shared memo apart", async () => {
    const client = kc();
    clients.push(client);
    const asked: string[] = [];
    const one = clusterReads(client, { team, fetchUrl, onRequest: (w) => asked.push(w) });
    const two = clusterReads(client, { team, fetchUrl, onRequest: (w) => asked.push(w) });
    await Promise.all([one.list("v1", "Pod", "ns"), two.list("v1", "Pod", "ns"), one.list("v1", "Pod", "ns")]);
    expect(asked).toEqual(["list:v1:Pod:ns::", "list:v1:Pod:ns::"]);
  });
});
