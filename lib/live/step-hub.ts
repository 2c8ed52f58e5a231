import type { Check } from "@/lib/checks/registry";
import { evaluateLive } from "./evaluate";
import { DISCOVERY, liveReads, watchKey, type LiveSource, type WatchRef } from "./live-reads";
import { CRDS, type TeamHub } from "./team-hub";
import type { LiveSnapshot } from "./types";

export type StepInfo = { id: string; number: string; checks: Check[] };

/** Bursts (a rollout changes pods many times a second) become one evaluation. */
export const COALESCE_MS = 200;

/**
 * The live state of one team's step: evaluates the step's checks over the team's watch caches, watches
 * exactly what the last evaluation read, and evaluates again when one of those kinds changes.
 */
export class StepHub {
  private readonly held = new Map<string, WatchRef>();
  private readonly verifyOnly = new Map<string, string>();
  private readonly onWatchChange = () => this.schedule();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  latest: LiveSnapshot | undefined;

  constructor(
    private readonly team: TeamHub,
    private readonly step: StepInfo,
    private readonly publish: (snapshot: LiveSnapshot) => void,
    private readonly coalesceMs = COALESCE_MS,
  ) {}

  start(): void {
    void this.evaluate();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const ref of this.held.values()) this.team.unlisten(ref, this.onWatchChange);
    this.held.clear();
  }

  /** The kinds this step watches now (keys of lib/live/live-reads). */
  get watched(): string[] {
    return [...this.held.keys()];
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.evaluate();
    }, this.coalesceMs);
  }

  private hold(key: string, ref: WatchRef): void {
    if (this.held.has(key)) return;
    this.held.set(key, ref);
    this.team.listen(ref, this.onWatchChange);
  }

  async evaluate(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      const team = this.team;
      const source: LiveSource = {
        version: team.version,
        served: team.served,
        groupVersion: team.groupVersion,
        objects: (ref) => (this.hold(watchKey(ref), ref), team.objects(ref)),
      };
      const use = (key: string) => (key === DISCOVERY ? this.hold(watchKey(CRDS), CRDS) : undefined);
      const result = await evaluateLive(this.step.checks, (record) => liveReads(this.team.settings, source, (k) => (use(k), record(k))), this.verifyOnly);
      if (this.stopped) return;
      for (const [id, reason] of result.verifyOnly) this.verifyOnly.set(id, reason);
      const keep = new Set([...result.used].map((k) => (k === DISCOVERY ? watchKey(CRDS) : k)));
      for (const [key, ref] of this.held) {
        if (keep.has(key)) continue;
        this.held.delete(key);
        this.team.unlisten(ref, this.onWatchChange);
      }
      const problems = this.team.problems(this.held.keys());
      this.latest = {
        stepId: this.step.id,
        stepNumber: this.step.number,
        at: new Date().toISOString(),
        checks: result.checks,
        ...(problems.length ? { problem: `Daybook is reconnecting to the cluster, so this may be out of date (${problems.join("; ")}).` } : {}),
      };
      this.publish(this.latest);
    } catch (error) {
      // A bug here must not take the server down; the page says live state is unavailable and keeps its last state.
      console.error("[daybook] live evaluation failed", this.step.id, error);
      if (!this.stopped) this.publish({ ...(this.latest ?? { stepId: this.step.id, stepNumber: this.step.number, checks: [] }), at: new Date().toISOString(), problem: "Daybook could not evaluate this step live; Verify still works." });
    } finally {
      this.running = false;
      if (this.again && !this.stopped) {
        this.again = false;
        this.schedule();
      }
    }
  }
}
