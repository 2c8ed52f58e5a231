import { sha256Hex } from "@/lib/audit/hash";
import type { SignoffRole } from "./chain";
import { diffEvidence, parseEvidence, type Evidence, type EvidenceChange } from "./evidence";

export const RECORD_FORMAT = "daybook-signoff-record/1";

export type RecordSignoff = { role: SignoffRole; signer: { id: string; name: string }; signedAt: string; comment: string; evidenceSha256: string };
export type RecordRound = { round: number; openedAt: string; openedBy: string | null; openedReason: string | null; staleAt: string | null; staleReason: string | null; signoffs: RecordSignoff[] };

/** The exported sign-off record: everything needed to check each hash without Daybook. */
export type SignoffRecord = {
  format: typeof RECORD_FORMAT;
  exportedAt: string;
  team: { id: string; name: string; cohort: string };
  rounds: RecordRound[];
  /** Each evidence text a sign-off approved, under its SHA-256. */
  evidence: Record<string, string>;
  /** Names for the user ids inside the evidence (not covered by any hash). */
  people: Record<string, string>;
  howToCheck: string;
};

export const HOW_TO_CHECK =
  "Each sign-off's evidenceSha256 is the SHA-256 of the UTF-8 text stored under that hash in `evidence` (canonical JSON: sorted keys, no whitespace). " +
  "Check one with: jq -j '.evidence[\"<evidenceSha256>\"]' record.json | sha256sum. " +
  "To compare a record with the team's evidence today, paste it on the team's sign-off page in Daybook.";

export type RecordCheck = {
  round: number;
  role: SignoffRole;
  signer: string;
  evidenceSha256: string;
  /** The record's evidence text gives its hash. */
  intact: boolean;
  /** Daybook holds this very sign-off (same round, role, signer and hash). */
  known: boolean;
  matchesCurrent: boolean;
  changes: EvidenceChange[];
};

export type RecordCheckResult = { ok: true; teamMatches: boolean; checks: RecordCheck[] } | { ok: false; message: string };

/** Checks an exported record: its own hashes, whether Daybook knows its sign-offs, and how its evidence compares with today's. */
export function checkRecord(text: string, input: { teamId: string; current: Evidence; stored: { round: number; role: SignoffRole; signerId: string; evidenceHash: string }[] }): RecordCheckResult {
  let record: Partial<SignoffRecord>;
  try {
    record = JSON.parse(text) as Partial<SignoffRecord>;
  } catch {
    return { ok: false, message: "That is not JSON. Paste the whole file the sign-off page's export gave you." };
  }
  if (!record || record.format !== RECORD_FORMAT || !Array.isArray(record.rounds) || typeof record.evidence !== "object" || record.evidence === null) {
    return { ok: false, message: `That is not a Daybook sign-off record (its "format" should be "${RECORD_FORMAT}").` };
  }
  const evidence = record.evidence as Record<string, unknown>;
  const checks: RecordCheck[] = [];
  for (const round of record.rounds) {
    for (const s of Array.isArray(round?.signoffs) ? round.signoffs : []) {
      const text = typeof evidence[s.evidenceSha256] === "string" ? (evidence[s.evidenceSha256] as string) : null;
      const intact = text !== null && sha256Hex(text) === s.evidenceSha256;
      const signed = intact ? parseEvidence(text!) : null;
      const matchesCurrent = intact && s.evidenceSha256 === input.current.sha256;
      checks.push({
        round: Number(round.round),
        role: s.role,
        signer: String(s.signer?.name ?? "unknown"),
        evidenceSha256: String(s.evidenceSha256),
        intact,
        known: input.stored.some((x) => x.round === Number(round.round) && x.role === s.role && x.signerId === s.signer?.id && x.evidenceHash === s.evidenceSha256),
        matchesCurrent,
        changes: signed && !matchesCurrent ? diffEvidence(signed, input.current.document) : [],
      });
    }
  }
  if (checks.length === 0) return { ok: false, message: "The record holds no sign-offs." };
  return { ok: true, teamMatches: record.team?.id === input.teamId, checks };
}
