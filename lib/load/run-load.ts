import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import type { ClusterReads } from "@/lib/checks/types";
import { openPortForward, type OpenPortForward } from "@/lib/k8s/port-forward";
import { drive } from "./drive";
import { judgeTarget } from "./judge";
import { scaledDurationMs } from "./plan";
import { podsForLoad, type LoadPod } from "./pods";
import { TargetRecorder } from "./recorder";
import type { LoadState, LoadTargetSpec, TargetState } from "./types";

export type LoadRunOptions = {
  timeScale: number;
  /** At most this many connections per target (tests only; see connectionCap). */
  maxConnections?: number;
  signal?: AbortSignal;
  /** Called about once a second while the load runs, and once when it is judged. */
  onProgress?: (state: LoadState) => void;
  progressIntervalMs?: number;
};

type Live = { spec: LoadTargetSpec; pods: LoadPod[]; forwards: OpenPortForward[]; recorder?: TargetRecorder; perPod: number[]; answered: number; problem?: TargetState["problem"] };

const emptyTotals = { requests: 0, errors: 0, timeouts: 0, connectionErrors: 0, bytes: 0, statusCodes: {}, errorRate: 0, requestsPerSecond: 0 };
const emptyLatency = { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };

const connectionsOf = (spec: LoadTargetSpec, cap?: number) => (cap ? Math.min(spec.concurrency, cap) : spec.concurrency);

function targetState(l: Live, nowMs: number, final: boolean, judged: boolean, cap?: number): TargetState {
  const snap = l.recorder?.snapshot(nowMs, final);
  const peak = l.forwards.reduce((n, f) => n + f.connections().peak, 0);
  const state: TargetState = {
    spec: l.spec,
    pods: l.pods.map((p, i) => ({ ...p, requests: l.perPod[i] ?? 0 })),
    totals: snap?.totals ?? emptyTotals,
    latency: snap?.latency ?? emptyLatency,
    series: snap?.series ?? [],
    connections: { configured: connectionsOf(l.spec, cap), peakOpen: peak, answered: l.answered },
    ...(l.problem ? { problem: l.problem } : {}),
  };
  return judged ? { ...state, judgement: judgeTarget(state) } : state;
}

/** Opens one port-forward per ready pod of the target's Service (all on 127.0.0.1). */
async function prepare(kc: KubeConfig, reads: ClusterReads, spec: LoadTargetSpec): Promise<Live> {
  const live: Live = { spec, pods: [], forwards: [], perPod: [], answered: 0 };
  const found = await podsForLoad(reads, spec);
  if ("problem" in found) return { ...live, problem: found.problem };
  for (const pod of found.pods) {
    const forward = await openPortForward(kc, { namespace: spec.namespace, pod: pod.name, port: pod.targetPort });
    if (!forward.ok) {
      await Promise.all(live.forwards.map((f) => f.close()));
      return { ...live, forwards: [], problem: { status: forward.kind === "notFound" ? "fail" : "error", message: forward.message } };
    }
    live.pods.push(pod);
    live.forwards.push(forward.value);
  }
  live.perPod = live.pods.map(() => 0);
  return live;
}

/**
 * The performance test: every target loaded at once with its concurrency (connections spread over its
 * pods' port-forwards) for its duration times the time scale, then judged by its thresholds. Pure of
 * storage: it reports progress through the callback and returns what it measured; an abort stops the
 * load and returns what was measured so far.
 */
export async function runLoadTests(kc: KubeConfig, reads: ClusterReads, specs: LoadTargetSpec[], opts: LoadRunOptions): Promise<LoadState> {
  const plannedMs = Math.max(0, ...specs.map((s) => scaledDurationMs(s.durationSeconds, opts.timeScale)));
  const lives = await Promise.all(specs.map((s) => prepare(kc, reads, s)));
  const started = Date.now();
  const stateAt = (phase: LoadState["phase"], final: boolean): LoadState => {
    const now = Date.now();
    return { phase, timeScale: opts.timeScale, plannedMs, elapsedMs: Math.min(plannedMs, now - started), targets: lives.map((l) => targetState(l, now, final, phase === "done", opts.maxConnections)) };
  };
  const timer = setInterval(() => opts.onProgress?.(stateAt("running", false)), opts.progressIntervalMs ?? 1000);
  try {
    await Promise.all(
      lives.map(async (l) => {
        if (l.problem || opts.signal?.aborted) return;
        l.recorder = new TargetRecorder(Date.now(), l.spec.expectStatus);
        const recorder = l.recorder;
        const result = await drive(
          { urls: l.forwards.map((f) => f.url), path: l.spec.path, connections: connectionsOf(l.spec, opts.maxConnections), durationMs: scaledDurationMs(l.spec.durationSeconds, opts.timeScale), signal: opts.signal },
          {
            response: (pod, latencyMs, status, bytes) => {
              l.perPod[pod] = (l.perPod[pod] ?? 0) + 1;
              recorder.response(Date.now(), latencyMs, status, bytes);
            },
            failure: (_pod, kind) => recorder.failure(Date.now(), kind),
          },
        );
        l.answered = result.answeredConnections;
      }),
    );
  } finally {
    clearInterval(timer);
  }
  const final = stateAt(opts.signal?.aborted ? "cancelled" : "done", true);
  await Promise.all(lives.flatMap((l) => l.forwards.map((f) => f.close())));
  opts.onProgress?.(final);
  return final;
}
