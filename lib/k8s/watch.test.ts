import { describe, expect, it } from "vitest";
import type { KubeConfig } from "@kubernetes/client-node";
import { failure, ok, type K8sResult } from "./result";
import type { KubeObject } from "./types";
import { listWatch, type Listed, type WatchChange, type WatchTransport } from "./watch";
import type { RawWatchEvent, WatchEnd, WatchStreamRequest } from "./watch-stream";

const cm = (name: string, resourceVersion: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "team", resourceVersion } });
const REF = { apiVersion: "v1", kind: "ConfigMap", namespace: "team" };

type WatchScript = { events?: RawWatchEvent[]; end: WatchEnd };

/** What the API server answers, one list and one watch after another; the loop is stopped after the last watch. */
function scripted(lists: K8sResult<Listed>[], watches: WatchScript[]) {
  const controller = new AbortController();
  const log: string[] = [];
  const sleeps: number[] = [];
  const transport: WatchTransport = {
    path: async () => ok("/api/v1/namespaces/team/configmaps"),
    list: async () => {
      const next = lists.shift();
      if (!next) throw new Error("unexpected list");
      log.push(next.ok ? `list → ${next.value.resourceVersion}` : `list → ${next.kind}`);
      if (lists.length === 0 && watches.length === 0) controller.abort();
      return next;
    },
    watch: async (req: WatchStreamRequest) => {
      const next = watches.shift();
      if (!next) throw new Error("unexpected watch");
      log.push(`watch from ${req.resourceVersion} (${req.timeoutSeconds} s)`);
      for (const e of next.events ?? []) req.onEvent(e);
      if (watches.length === 0 && lists.length === 0) controller.abort();
      return controller.signal.aborted ? { end: "aborted" } : next.end;
    },
    sleep: async (ms) => void sleeps.push(ms),
  };
  return { controller, log, sleeps, transport };
}

async function run(lists: K8sResult<Listed>[], watches: WatchScript[]) {
  const s = scripted(lists, watches);
  const seen = { lists: [] as string[][], changes: [] as string[], failures: [] as string[] };
  await listWatch({} as KubeConfig, REF, {
    onList: (items) => seen.lists.push(items.map((o) => o.metadata!.name!)),
    onChange: (c: WatchChange) => seen.changes.push(`${c.type} ${c.object.metadata!.name}`),
    onFailure: (f, retry) => seen.failures.push(`${f.kind} → retry in ${retry} ms`),
  }, { signal: s.controller.signal, random: () => 0, transport: s.transport });
  return { ...s, ...seen };
}

const unreachable: WatchEnd = { end: "failed", failure: failure("unreachable", "connection refused") };

describe("listWatch (client-go's reflector over lib/k8s)", () => {
  it("lists, watches from the list's resourceVersion, follows bookmarks, and watches again where it left off", async () => {
    const r = await run(
      [ok({ items: [cm("a", "9")], resourceVersion: "10" })],
      [
        { events: [{ type: "ADDED", object: cm("b", "11") }, { type: "MODIFIED", object: cm("a", "12") }, { type: "BOOKMARK", object: { metadata: { resourceVersion: "15" } } }], end: { end: "closed" } },
        { events: [{ type: "DELETED", object: cm("b", "16") }], end: { end: "closed" } },
      ],
    );
    expect(r.log).toEqual(["list → 10", "watch from 10 (300 s)", "watch from 15 (300 s)"]);
    expect(r.lists).toEqual([["a"]]);
    expect(r.changes).toEqual(["ADDED b", "MODIFIED a", "DELETED b"]);
    expect(r.sleeps).toEqual([]);
  });

  it("lists again on 410 Gone, without waiting", async () => {
    const r = await run(
      [ok({ items: [cm("a", "9")], resourceVersion: "10" }), ok({ items: [cm("a", "9"), cm("c", "30")], resourceVersion: "31" })],
      [{ end: { end: "gone" } }, { end: { end: "closed" } }],
    );
    expect(r.log).toEqual(["list → 10", "watch from 10 (300 s)", "list → 31", "watch from 31 (300 s)"]);
    expect(r.lists).toEqual([["a"], ["a", "c"]]);
    expect(r.sleeps).toEqual([]);
  });

  it("backs off after consecutive failures, keeps its resourceVersion, and starts the back-off over once events flow", async () => {
    const r = await run(
      [ok({ items: [], resourceVersion: "10" })],
      [{ end: unreachable }, { end: unreachable }, { events: [{ type: "ADDED", object: cm("a", "11") }], end: unreachable }, { end: { end: "closed" } }],
    );
    expect(r.log).toEqual(["list → 10", "watch from 10 (300 s)", "watch from 10 (300 s)", "watch from 10 (300 s)", "watch from 11 (300 s)"]);
    expect(r.sleeps).toEqual([800, 1600, 800]);
    expect(r.failures).toEqual(["unreachable → retry in 800 ms", "unreachable → retry in 1600 ms", "unreachable → retry in 800 ms"]);
  });

  it("retries what waiting will not fix (forbidden) slowly, up to a minute apart", async () => {
    const forbidden = failure("forbidden", "configmaps is forbidden", { status: 403 });
    const r = await run([...Array.from({ length: 8 }, () => forbidden), ok({ items: [], resourceVersion: "5" })], [{ end: { end: "closed" } }]);
    expect(r.sleeps).toEqual([800, 1600, 3200, 6400, 12800, 25600, 51200, 60000]);
    expect(r.lists).toEqual([[]]);
  });

  it("returns at once when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const s = scripted([], []);
    await listWatch({} as KubeConfig, REF, { onList: () => undefined, onChange: () => undefined, onFailure: () => undefined }, { signal: controller.signal, transport: s.transport });
    expect(s.log).toEqual([]);
  });
});
