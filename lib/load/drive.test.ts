import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { drive } from "./drive";

type Served = { url: string; served: number; inFlight: number; peak: number; close(): Promise<void> };
const servers: Served[] = [];

/** A target on 127.0.0.1 that counts what it served and the most requests it held at once. */
async function target(handle: (n: number, res: http.ServerResponse, req: http.IncomingMessage) => void = (_n, res) => res.end("ok")): Promise<Served> {
  const s: Served = { url: "", served: 0, inFlight: 0, peak: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    s.served += 1;
    s.inFlight += 1;
    s.peak = Math.max(s.peak, s.inFlight);
    res.on("close", () => (s.inFlight -= 1));
    handle(s.served, res, req);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  servers.push(s);
  return s;
}
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())); });

describe("drive: autocannon against URLs", () => {
  it("spreads the connections over the URLs and reports each answer where it came from", async () => {
    const slow = (_n: number, res: http.ServerResponse) => setTimeout(() => res.end("ok"), 5);
    const [a, b] = [await target(slow), await target(slow)];
    const answers = [0, 0];
    const done = await drive({ urls: [a.url, b.url], path: "/api/products", connections: 6, durationMs: 800 }, { response: (i, _ms, status) => status === 200 && (answers[i]! += 1), failure: () => expect.fail("no failure expected") });
    expect(done.answeredConnections).toBe(6);
    expect(a.peak).toBe(3);
    expect(b.peak).toBe(3);
    // A request in flight when the time is up was served but its answer not waited for: at most one per connection.
    for (const [i, s] of [a, b].entries()) {
      expect(answers[i]).toBeGreaterThan(10);
      expect(s.served - answers[i]!).toBeGreaterThanOrEqual(0);
      expect(s.served - answers[i]!).toBeLessThanOrEqual(3);
    }
  });

  it("counts a request whose connection closed without an answer as a connection error", async () => {
    const t = await target((n, res, req) => (n % 4 === 0 ? req.socket.destroy() : res.end("ok")));
    let answered = 0;
    let failed = 0;
    await drive({ urls: [t.url], path: "/", connections: 2, durationMs: 500 }, { response: () => (answered += 1), failure: (_i, kind) => { expect(kind).toBe("connection"); failed += 1; } });
    const dropped = Math.floor(t.served / 4);
    expect(failed).toBeGreaterThanOrEqual(dropped - 2);
    expect(failed).toBeLessThanOrEqual(dropped);
    expect(answered + failed).toBeLessThanOrEqual(t.served);
  });

  it("counts an answer that does not come in time as a timeout", async () => {
    const t = await target((n, res) => (n === 1 ? undefined : res.end("ok")));
    const kinds: string[] = [];
    await drive({ urls: [t.url], path: "/", connections: 1, durationMs: 1800, timeoutSeconds: 1 }, { response: () => undefined, failure: (_i, kind) => kinds.push(kind) });
    expect(kinds).toEqual(["timeout"]);
  });

  // The duration is twice the test's timeout: only the abort can end it in time.
  it("stops when aborted, long before its duration", async () => {
    const t = await target();
    const controller = new AbortController();
    const done = await drive({ urls: [t.url], path: "/", connections: 2, durationMs: 60_000, signal: controller.signal }, { response: () => controller.abort(), failure: () => undefined });
    expect(done.answeredConnections).toBeGreaterThanOrEqual(1);
  });
});
