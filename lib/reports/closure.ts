import type { Course, Step } from "@/lib/course/schema";
import { allSteps } from "@/lib/course/load";
import { isDone, isProven, STATUS_LABEL, type StepStatus } from "@/lib/progress/compute";
import { performanceSteps, type PerformanceStep, type RecordedLoadRun } from "./performance";

/** What the report is built from: rows the data layer read for one team. */
export type ClosureInput = {
  team: { id: string; name: string; cohort: string };
  generatedAt: Date;
  statuses: ReadonlyMap<string, StepStatus>;
  events: { stepId: string; toStatus: StepStatus; at: Date }[];
  runs: { stepId: string; kind: string; status: string; startedAt: Date; finishedAt: Date | null }[];
  /** The latest finished performance test (LOAD run) of each performance step that has one. */
  loadRuns: RecordedLoadRun[];
  /** Blocked flags over time, from the audit trail's note events (and the current notes); null when the reader may not see blocked reasons. */
  blocks: { stepId: string; at: Date; blocked: boolean; reason: string | null }[] | null;
  /** Comments on the steps in `blocks`; null when the reader may not read comments (comment.read). */
  comments: BlockerComment[] | null;
  lessons: { text: string; updatedBy: string | null; updatedAt: Date | null; version: number };
  signoffs: { round: number; role: string; signer: string; signedAt: Date; comment: string; evidenceSha256: string; stale: boolean }[];
  reopenings: { round: number; by: string | null; at: Date; reason: string | null }[];
};

export type PhaseStatus = { number: number; title: string; days: number[]; done: number; total: number; state: "not started" | "in progress" | "complete"; firstActivity: Date | null; completedAt: Date | null };
export type StepStats = { stepId: string; number: string; title: string; status: StepStatus; attempts: number; firstTry: Date | null; verifiedAt: Date | null; verifiedAs: StepStatus | null; toVerifiedMs: number | null };
export type TimelineEntry = { at: Date; text: string };
export type BlockerComment = { stepId: string; at: Date; author: string; side: "team" | "instructor"; body: string };
/** The step's comment thread while it was blocked: how many, and the last word of each side, shortened. */
export type BlockerDiscussion = { comments: number; last: { author: string; side: "team" | "instructor"; at: Date; excerpt: string }[] };
export type Blocker = { stepId: string; number: string; title: string; raisedAt: Date; reason: string; clearedAt: Date | null; resolution: string; discussion: BlockerDiscussion | null };

export type ClosureReport = {
  team: ClosureInput["team"];
  generatedAt: Date;
  overall: { done: number; total: number; proven: number };
  phases: PhaseStatus[];
  timeline: TimelineEntry[];
  stats: StepStats[];
  totals: { runs: number; byKind: Record<string, number>; verifications: number; medianToVerifiedMs: number | null };
  /** Every performance step (Days 10, 15, 18, 20) with its latest finished performance test, or null when it has none. */
  performance: PerformanceStep[];
  blockers: Blocker[] | null;
  lessons: ClosureInput["lessons"];
  signoffs: ClosureInput["signoffs"];
  reopenings: ClosureInput["reopenings"];
};

const EXCERPT_CHARS = 160;

/** A comment's first EXCERPT_CHARS characters on one line, cut at a word. */
export function excerpt(body: string, max = EXCERPT_CHARS): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, "")}…`;
}

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
      const blocker: Blocker = { stepId: step.id, number: step.number, title: step.title, raisedAt: b.at, reason: b.reason ?? "", clearedAt: null, resolution: "", discussion: null };
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
    if (input.comments) {
      // The thread from the moment the block was raised until the step was blocked again, if it was.
      const next = out.find((o) => o.stepId === blocker.stepId && o.raisedAt > blocker.raisedAt);
      const thread = input.comments.filter((c) => c.stepId === blocker.stepId && c.at >= blocker.raisedAt && (!next || c.at < next.raisedAt)).sort((a, b) => a.at.getTime() - b.at.getTime());
      const last = (["team", "instructor"] as const).flatMap((side) => thread.filter((c) => c.side === side).slice(-1)).sort((a, b) => a.at.getTime() - b.at.getTime());
      blocker.discussion = { comments: thread.length, last: last.map((c) => ({ author: c.author, side: c.side, at: c.at, excerpt: excerpt(c.body) })) };
    }
  }
  return out;
}

/** "Unblocked; the step is verified. 3 comments; last: Ines Instructor (instructor), 2 Mar 10:04: “…”" */
export function solvedText(b: Blocker, formatAt: (d: Date) => string): string {
  const d = b.discussion;
  if (!d || d.comments === 0) return b.resolution;
  const last = d.last.map((c) => `${c.author} (${c.side}), ${formatAt(c.at)}: “${c.excerpt}”`).join(" ");
  return `${b.resolution} ${d.comments === 1 ? "1 comment" : `${d.comments} comments`} on the step since: ${last}`;
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
  return {
    team: input.team,
    generatedAt: input.generatedAt,
    overall: { done: stats.filter((s) => isDone(s.status)).length, total: stats.length, proven: stats.filter((s) => isProven(s.status)).length },
    phases,
    timeline,
    stats,
    totals: { runs: input.runs.length, byKind, verifications: byKind.VERIFY ?? 0, medianToVerifiedMs: median(stats.flatMap((s) => (s.toVerifiedMs === null ? [] : [s.toVerifiedMs]))) },
    performance: performanceSteps(course, input.loadRuns),
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
