import crypto from "node:crypto";
import { canonicalJson } from "./canonical";

export const GENESIS_HASH = "0".repeat(64);

export const sha256Hex = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

/** The fields of an event its hash covers. `data` is the stored canonical JSON text, hashed as text. */
export type HashedFields = {
  at: Date;
  type: string;
  actorId: string | null;
  teamId: string | null;
  cohortId: string | null;
  subject: string | null;
  data: string;
  prevHash: string;
};

/**
 * The canonical form of an event: sorted-key JSON of {v: 1, at (ISO 8601, ms), type, actorId, teamId,
 * cohortId, subject, data, prevHash}. Its number (seq) is not part of it: the order is what the
 * previous-hash links say, so a verifier can tell a reordered event from a changed one.
 */
export function canonicalEvent(e: HashedFields): string {
  return canonicalJson({ v: 1, at: e.at.toISOString(), type: e.type, actorId: e.actorId, teamId: e.teamId, cohortId: e.cohortId, subject: e.subject, data: e.data, prevHash: e.prevHash });
}

export const eventHash = (e: HashedFields) => sha256Hex(canonicalEvent(e));
