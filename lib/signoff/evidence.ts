import { canonicalJson } from "@/lib/audit/canonical";
import { sha256Hex } from "@/lib/audit/hash";
import type { Course } from "@/lib/course/schema";
import { allSteps } from "@/lib/course/load";

export const EVIDENCE_FORMAT = "daybook-signoff-evidence/1";

export type EvidenceRun = {
  id: string;
  finishedAt: string;
  status: string;
  checks: { checkId: string; status: string }[];
};

export type EvidenceStep = { stepId: string; number: string; status: string; verification: EvidenceRun | null };

export type EvidenceAttestation = { runId: string; stepId: string; checkId: string; by: string | null; at: string; fields: Record<string, string> };

/**
 * What a sign-off approves. Its hash is the SHA-256 of canonicalJson(document): every step in course
 * order with its current status and its latest passing verification (run id, finish time, each
 * check's outcome), and every attestation (who by id, when, the fields given). Names and titles are
 * left out so that renaming a person or a team does not change the evidence.
 */
export type EvidenceDocument = { format: typeof EVIDENCE_FORMAT; teamId: string; steps: EvidenceStep[]; attestations: EvidenceAttestation[] };

export type Evidence = { document: EvidenceDocument; canonical: string; sha256: string };

export type PassingRunRow = { id: string; stepId: string; status: string; finishedAt: Date; checks: { checkId: string; status: string; kind?: string }[] };
export type AttestRow = { id: string; stepId: string; startedById: string | null; startedAt: Date; attestations: { checkId: string; fields: Record<string, string> }[] };

export function buildEvidence(course: Course, input: { teamId: string; statuses: ReadonlyMap<string, string>; passing: PassingRunRow[]; attests: AttestRow[] }): Evidence {
  const latest = new Map<string, PassingRunRow>();
  for (const r of input.passing) {
    const seen = latest.get(r.stepId);
    if (!seen || r.finishedAt > seen.finishedAt || (+r.finishedAt === +seen.finishedAt && r.id > seen.id)) latest.set(r.stepId, r);
  }
  const steps: EvidenceStep[] = allSteps(course).map((s) => {
    const run = latest.get(s.id);
    return {
      stepId: s.id,
      number: s.number,
      status: input.statuses.get(s.id) ?? "NOT_STARTED",
      verification: run
        ? {
            id: run.id,
            finishedAt: run.finishedAt.toISOString(),
            status: run.status,
            checks: run.checks.map((c) => ({ checkId: c.checkId, status: c.status })).sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0)),
          }
        : null,
    };
  });
  const attestations: EvidenceAttestation[] = input.attests
    .flatMap((a) => a.attestations.map((x) => ({ runId: a.id, stepId: a.stepId, checkId: x.checkId, by: a.startedById, at: a.startedAt.toISOString(), fields: x.fields })))
    .sort((a, b) => (a.at === b.at ? (a.runId + a.checkId < b.runId + b.checkId ? -1 : 1) : a.at < b.at ? -1 : 1));
  const document: EvidenceDocument = { format: EVIDENCE_FORMAT, teamId: input.teamId, steps, attestations };
  const canonical = canonicalJson(document);
  return { document, canonical, sha256: sha256Hex(canonical) };
}

export type EvidenceChange = { stepId: string; number: string; what: string };

/** How the evidence a sign-off approved differs from another (e.g. today's), step by step. */
export function diffEvidence(signed: EvidenceDocument, current: EvidenceDocument): EvidenceChange[] {
  const changes: EvidenceChange[] = [];
  const now = new Map(current.steps.map((s) => [s.stepId, s]));
  for (const before of signed.steps) {
    const after = now.get(before.stepId);
    if (!after) {
      changes.push({ stepId: before.stepId, number: before.number, what: "is no longer in the course" });
      continue;
    }
    if (before.status !== after.status) changes.push({ stepId: before.stepId, number: before.number, what: `status ${before.status} → ${after.status}` });
    const b = before.verification;
    const a = after.verification;
    if (b?.id !== a?.id) {
      changes.push({ stepId: before.stepId, number: before.number, what: !a ? "its passing verification is gone" : !b ? `verified since (run ${a.id})` : `verified again since (run ${b.id} → ${a.id})` });
    } else if (canonicalJson(b) !== canonicalJson(a)) {
      changes.push({ stepId: before.stepId, number: before.number, what: `the stored outcome of run ${b!.id} differs` });
    }
  }
  for (const s of current.steps) if (!signed.steps.some((x) => x.stepId === s.stepId)) changes.push({ stepId: s.stepId, number: s.number, what: "is new in the course" });
  const key = (a: EvidenceAttestation) => canonicalJson(a);
  const signedAttests = new Set(signed.attestations.map(key));
  const currentAttests = new Set(current.attestations.map(key));
  for (const a of current.attestations) if (!signedAttests.has(key(a))) changes.push({ stepId: a.stepId, number: numberOf(current, a.stepId), what: `new attestation of ${a.checkId} (${a.at})` });
  for (const a of signed.attestations) if (!currentAttests.has(key(a))) changes.push({ stepId: a.stepId, number: numberOf(signed, a.stepId), what: `attestation of ${a.checkId} (${a.at}) is gone or differs` });
  return changes;
}

const numberOf = (d: EvidenceDocument, stepId: string) => d.steps.find((s) => s.stepId === stepId)?.number ?? stepId;

/** Reads a stored or exported evidence text back; null when it is not evidence of this format. */
export function parseEvidence(text: string): EvidenceDocument | null {
  try {
    const doc = JSON.parse(text) as Partial<EvidenceDocument>;
    return doc && doc.format === EVIDENCE_FORMAT && Array.isArray(doc.steps) && Array.isArray(doc.attestations) ? (doc as EvidenceDocument) : null;
  } catch {
    return null;
  }
}
