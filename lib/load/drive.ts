import autocannon, { type AutocannonClient } from "autocannon";

export type DriveInput = {
  /** One base URL per pod (its port-forward on 127.0.0.1); connection i goes to URL i mod n. */
  urls: string[];
  path: string;
  connections: number;
  durationMs: number;
  timeoutSeconds?: number;
  signal?: AbortSignal;
};

export type DriveEvents = {
  response(urlIndex: number, latencyMs: number, status: number, bytes: number): void;
  failure(urlIndex: number, kind: "timeout" | "connection"): void;
};

/**
 * Keeps `connections` keep-alive connections busy for the duration with autocannon (one request at a time
 * each, as performance-test.sh's workers do), reporting every answer and every request that got none.
 * Resolves with how many connections got at least one answer; an abort stops it early.
 */
export function drive(input: DriveInput, events: DriveEvents): Promise<{ answeredConnections: number }> {
  const urlIndex = new Map(input.urls.map((u, i) => [new URL(u).port, i]));
  let answered = 0;
  const setupClient = (client: AutocannonClient) => {
    const index = urlIndex.get(String(client.opts.port)) ?? 0;
    let outstanding = false;
    let unexplained = false;
    let gotAnswer = false;
    client.on("response", (status: number, bytes: number, latencyMs: number) => {
      outstanding = false;
      if (!gotAnswer) answered += 1;
      gotAnswer = true;
      events.response(index, latencyMs, status, bytes);
    });
    // autocannon re-sends on a new connection when one breaks, timed out or closed without an answer; the
    // lost request shows only as a new one while the old is outstanding. A timeout says so right after.
    client.on("request", () => {
      if (outstanding) {
        unexplained = true;
        queueMicrotask(() => {
          if (unexplained) events.failure(index, "connection");
          unexplained = false;
        });
      }
      outstanding = true;
    });
    client.on("timeout", () => {
      unexplained = false;
      events.failure(index, "timeout");
    });
  };
  return new Promise((resolve, reject) => {
    if (input.signal?.aborted) return resolve({ answeredConnections: 0 });
    const instance = autocannon(
      {
        url: input.urls.map((u) => `${u}${input.path}`),
        connections: input.connections,
        duration: input.durationMs / 1000,
        pipelining: 1,
        timeout: input.timeoutSeconds ?? 10,
        // autocannon ends a run on its sample tick; a short one ends it close to the duration.
        sampleInt: 100,
        headers: { "user-agent": "daybook-load" },
        setupClient,
      },
      (error) => {
        input.signal?.removeEventListener("abort", stop);
        if (error) reject(error);
        else resolve({ answeredConnections: answered });
      },
    );
    const stop = () => instance.stop();
    input.signal?.addEventListener("abort", stop, { once: true });
  });
}
