import type { Course, Step } from "@/lib/course/schema";
import { allSteps } from "@/lib/course/load";
import { isDone, isProven, STATUS_LABEL, type StepStatus } from "@/lib/progress/compute";

/** What the report is built from: rows the data layer read for one team. */
export type ClosureInput = {
  team: { id: string; name: string; cohort: string };
  generatedAt: Date;
  statuses: ReadonlyMap<string, StepStatus>;
  events: { stepId: string; toStatus: StepStatus; at: Date }[];
  runs: { stepId: string; kind: string; status: string; startedAt: Date; finishedAt: Date | null }[];
  /** Latest verification of each step that has performance checks, with those checks' outcomes. */
  performance: { stepId: string; at: Date; checks: { checkId: string; title: string; status: string; expected: string; actual: string }[] }[];
  /** Blocked flags over time, from the audit trail's note events (and the current notes); null when the reader may not see blocked reasons. */
  blocks: { stepId: string; at: Date; blocked: boolean; reason: string | null }[] | null;
  lessons: { text: string; updatedBy: string | null; updatedAt: Date | null; version: number };
  signoffs: { round: number; role: string; signer: string; signedAt: Date; comment: string; evidenceSha256: string; stale: boolean }[];
  reopenings: { round: number; by: string | null; at: Date; reason: string | null }[];
};

export type PhaseStatus = { number: number; title: string; days: number[]; done: number; total: number; state: "not started" | "in progress" | "complete"; firstActivity: Date | null; completedAt: Date | null };
export type StepStats = { stepId: string; number: string; title: string; status: StepStatus; attempts: number; firstTry: Date | null; verifiedAt: Date | null; verifiedAs: StepStatus | null; toVerifiedMs: number | null };
export type TimelineEntry = { at: Date; text: string };
export type Blocker = { stepId: string; number: string; title: string; raisedAt: Date; reason: string; clearedAt: Date | null; resolution: string };

export type ClosureReport = {
  team: ClosureInput["team"];
  generatedAt: Date;
  overall: { done: number; total: number; proven: number };
  phases: PhaseStatus[];
  timeline: TimelineEntry[];
  stats: StepStats[];
  totals: { runs: number; byKind: Record<string, number>; verifications: number; medianToVerifiedMs: number | null };
  performance: { rows: { number: string; title: string; at: Date; check: string; status: string; expected: string; actual: string }[]; note: string };
  blockers: Blocker[] | null;
  lessons: ClosureInput["lessons"];
  signoffs: ClosureInput["signoffs"];
  reopenings: ClosureInput["reopenings"];
};

const PERFORMANCE_NOTE_EMPTY = "No performance test has been judged yet. Results appear here once a step's performance test has run (Run performance test on Days 10, 15, 18 and 20).";

const min = (dates: (Date | null | undefined)[]) => dates.reduce<Date | null>((m, d) => (d && (!m || d < m) ? d : m), null);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/**
 * Per step: attempts are its finished verifications (attestations for steps only a person confirms);
 * the first try is its earliest run of any kind or its first move to "in progress"; verified is the
 * first time it became verified or attested.
 */
function stepStats(step: Step, input: ClosureInput): StepStats {
  const runs = input.runs.filter((r) => r.stepId === step.id);
  const events = input.events.filter((e) => e.stepId === step.id);
  const automated = step.checks.some((c) => c.kind !== "manual");
  const attempts = runs.filter((r) => (automated ? r.kind === "VERIFY" : r.kind === "ATTEST") && r.status !== "RUNNING").length;
  const firstTry = min([...runs.map((r) => r.startedAt), ...events.filter((e) => e.toStatus === "IN_PROGRESS").map((e) => e.at)]);
  const proven = events.filter((e) => isProven(e.toStatus)).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  const verifiedAt = proven?.at ?? null;
  const start = min([firstTry, verifiedAt]);
  return { stepId: step.id, number: step.number, title: step.title, status: input.statuses.get(step.id) ?? "NOT_STARTED", attempts, firstTry: start, verifiedAt, verifiedAs: proven?.toStatus ?? null, toVerifiedMs: verifiedAt && start ? verifiedAt.getTime() - start.getTime() : null };
}

function blockersOf(course: Course, input: ClosureInput, stats: Map<string, StepStats>): Blocker[] | null {
  if (!input.blocks) return null;
  const out: Blocker[] = [];
  const open = new Map<string, Blocker>();
  for (const b of [...input.blocks].sort((x, y) => x.at.getTime() - y.at.getTime())) {
    const step = allSteps(course).find((s) => s.id === b.stepId);
    if (!step) continue;
    const current = open.get(b.stepId);
    if (b.blocked && !current) {
      const blocker: Blocker = { stepId: step.id, number: step.number, title: step.title, raisedAt: b.at, reason: b.reason ?? "", clearedAt: null, resolution: "" };
      open.set(step.id, blocker);
      out.push(blocker);
    } else if (b.blocked && current && b.reason) {
      current.reason = b.reason;
    } else if (!b.blocked && current) {
      current.clearedAt = b.at;
      open.delete(step.id);
    }
  }
  for (const blocker of out) {
    const s = stats.get(blocker.stepId)!;
    const provenAfter = s.verifiedAt && s.verifiedAt >= blocker.raisedAt;
    if (!blocker.clearedAt) blocker.resolution = "Still blocked.";
    else if (provenAfter) blocker.resolution = `Unblocked; the step was ${STATUS_LABEL[s.status].toLowerCase()} afterwards.`;
    else if (isDone(s.status)) blocker.resolution = `Unblocked; the step is ${STATUS_LABEL[s.status].toLowerCase()}.`;
    else blocker.resolution = "Unblocked; the step is not done yet.";
  }
  return out;
}

export function assembleClosure(course: Course, input: ClosureInput): ClosureReport {
  const steps = allSteps(course);
  const stats = steps.map((s) => stepStats(s, input));
  const byId = new Map(stats.map((s) => [s.stepId, s]));
  const phases: PhaseStatus[] = course.phases.map((p) => {
    const phaseSteps = course.days.filter((d) => p.days.includes(d.day)).flatMap((d) => d.steps).map((s) => byId.get(s.id)!);
    const done = phaseSteps.filter((s) => isDone(s.status)).length;
    const completions = phaseSteps.map((s) => s.verifiedAt);
    return {
      number: p.number,
      title: p.title,
      days: p.days,
      done,
      total: phaseSteps.length,
      state: done === phaseSteps.length ? "complete" : done > 0 || phaseSteps.some((s) => s.status !== "NOT_STARTED") ? "in progress" : "not started",
      firstActivity: min(phaseSteps.map((s) => s.firstTry)),
      completedAt: done === phaseSteps.length && completions.every(Boolean) ? completions.reduce((m, d) => (d! > m! ? d : m), completions[0]!) : null,
    };
  });
  const timeline: TimelineEntry[] = [
    ...phases.flatMap((p) => [
      ...(p.firstActivity ? [{ at: p.firstActivity, text: `Phase ${p.number} (${p.title}) started` }] : []),
      ...(p.completedAt ? [{ at: p.completedAt, text: `Phase ${p.number} (${p.title}) complete` }] : []),
    ]),
    ...stats.filter((s) => s.verifiedAt).map((s) => ({ at: s.verifiedAt!, text: `Step ${s.number} ${s.title}: ${STATUS_LABEL[s.verifiedAs!].toLowerCase()}` })),
    ...input.events.filter((e) => e.toStatus === "REGRESSED").map((e) => ({ at: e.at, text: `Step ${byId.get(e.stepId)?.number ?? e.stepId} regressed` })),
    ...input.signoffs.map((s) => ({ at: s.signedAt, text: `Signed off by ${s.signer} (${s.role})` })),
    ...input.reopenings.map((r) => ({ at: r.at, text: `Sign-off reopened by ${r.by ?? "an instructor"}: ${r.reason ?? ""}` })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const byKind: Record<string, number> = {};
  for (const r of input.runs) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const perfRows = input.performance.flatMap((p) => {
    const step = byId.get(p.stepId)!;
    return p.checks.map((c) => ({ number: step.number, title: step.title, at: p.at, check: c.title, status: c.status, expected: c.expected, actual: c.actual }));
  });
  const measured = perfRows.some((r) => r.status === "pass" || r.status === "fail");
  return {
    team: input.team,
    generatedAt: input.generatedAt,
    overall: { done: stats.filter((s) => isDone(s.status)).length, total: stats.length, proven: stats.filter((s) => isProven(s.status)).length },
    phases,
    timeline,
    stats,
    totals: { runs: input.runs.length, byKind, verifications: byKind.VERIFY ?? 0, medianToVerifiedMs: median(stats.flatMap((s) => (s.toVerifiedMs === null ? [] : [s.toVerifiedMs]))) },
    performance: { rows: perfRows, note: measured ? "The latest verification of each step with performance checks." : PERFORMANCE_NOTE_EMPTY },
    blockers: blockersOf(course, input, byId),
    lessons: input.lessons,
    signoffs: input.signoffs,
    reopenings: input.reopenings,
  };
}

/** "3 h 12 min", "45 s", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export const statusText = (s: StepStats) => STATUS_LABEL[s.status];

/** The report's one-sentence final status. */
export function finalStatusText(o: ClosureReport["overall"]): string {
  return `${o.done} of ${o.total} steps done, ${o.proven} of them proven (verified on the cluster or attested).`;
}
