import { failure, type K8sResult } from "@/lib/k8s/result";
import { shared, type Shared } from "./ref-count";
import { StepHub, type StepInfo } from "./step-hub";
import { TeamHub, type TeamCluster } from "./team-hub";
import type { LiveSnapshot } from "./types";

/** A reload reconnects within this, and finds the watches still open. */
export const GRACE_MS = 15_000;

export type HubDeps = {
  connect(teamId: string): Promise<K8sResult<TeamCluster>>;
  step(teamId: string, stepId: string, settings: TeamCluster["settings"]): StepInfo;
  graceMs?: number;
};

type StepEntry = { viewers: Shared; listeners: Set<(s: LiveSnapshot) => void>; hub?: StepHub; latest?: LiveSnapshot };
type TeamEntry = { hub: Promise<K8sResult<TeamHub>>; steps: Map<string, StepEntry> };

/** Every open live state of this process: a hub per team (its watches) and per team step (its viewers). */
export class LiveHubs {
  private readonly teams = new Map<string, TeamEntry>();

  constructor(private readonly deps: HubDeps) {}

  /** Adds a viewer of a team's step; `listener` gets every new state. Returns the function that removes it. */
  subscribe(teamId: string, stepId: string, listener: (s: LiveSnapshot) => void): () => void {
    const team = this.teamEntry(teamId);
    let entry = team.steps.get(stepId);
    if (!entry) {
      const e: StepEntry = { listeners: new Set(), viewers: shared(() => this.startStep(teamId, stepId, e), () => this.stopStep(teamId, stepId, e), this.deps.graceMs ?? GRACE_MS) };
      entry = e;
      team.steps.set(stepId, e);
    }
    entry.listeners.add(listener);
    if (entry.latest) listener(entry.latest);
    const release = entry.viewers.acquire();
    const e = entry;
    return () => {
      e.listeners.delete(listener);
      release();
    };
  }

  /** For benchmarks and tests: the watches a team has open, none when its hub is stopped. */
  async watchCount(teamId: string): Promise<number> {
    const team = this.teams.get(teamId);
    if (!team) return 0;
    const hub = await team.hub;
    return hub.ok ? hub.value.watchCount : 0;
  }

  private teamEntry(teamId: string): TeamEntry {
    let team = this.teams.get(teamId);
    if (!team) {
      const hub = this.deps
        .connect(teamId)
        .then((c): K8sResult<TeamHub> => (c.ok ? { ok: true, value: new TeamHub(c.value) } : c))
        .catch((error: unknown) => (console.error("[daybook] live connection failed", teamId, error), failure("unknown", "the team's cluster connection could not be opened.")));
      team = { hub, steps: new Map() };
      this.teams.set(teamId, team);
    }
    return team;
  }

  private send(e: StepEntry, snapshot: LiveSnapshot): void {
    e.latest = snapshot;
    for (const l of e.listeners) l(snapshot);
  }

  private startStep(teamId: string, stepId: string, e: StepEntry): void {
    const team = this.teams.get(teamId)!;
    void team.hub.then((hub) => {
      if (!e.viewers.running || team.steps.get(stepId) !== e) return;
      if (!hub.ok) {
        this.send(e, { stepId, stepNumber: "", at: new Date().toISOString(), checks: [], problem: `Daybook cannot follow the cluster live: ${hub.message}` });
        return;
      }
      const step = this.deps.step(teamId, stepId, hub.value.settings);
      e.hub = new StepHub(hub.value, step, (s) => this.send(e, s));
      e.hub.start();
    });
  }

  private stopStep(teamId: string, stepId: string, e: StepEntry): void {
    e.hub?.stop();
    const team = this.teams.get(teamId);
    if (!team || team.steps.get(stepId) !== e) return;
    team.steps.delete(stepId);
    if (team.steps.size > 0) return;
    this.teams.delete(teamId);
    void team.hub.then((hub) => (hub.ok ? hub.value.close() : undefined));
  }
}
