import { eventHash, GENESIS_HASH } from "./hash";
import type { AuditRow } from "./types";

export type ChainBreak = {
  /** The first event whose link does not hold (for removed tail events: the number the head names). */
  seq: number;
  kind: "changed" | "removed" | "reordered";
  message: string;
};

export type ChainReport = { ok: true; events: number; head: { seq: number; hash: string } } | { ok: false; events: number; head: { seq: number; hash: string }; broken: ChainBreak };

/** Where the verifier reads the chain from: pages in number order, a lookup by hash, and the head. */
export type ChainSource = {
  pages(): AsyncIterable<AuditRow[]>;
  seqOfHash(hash: string): Promise<number | null>;
  head(): Promise<{ seq: number; hash: string }>;
};

const describe = (r: AuditRow) => `#${r.seq} (${r.type}, ${r.at.toISOString()})`;

/**
 * Walks the chain from the first event and names the first broken link:
 * - a gap in the numbers, a previous hash no event has, or a head beyond the last event: removed;
 * - an event whose content no longer gives its stored hash: changed;
 * - an event whose previous hash is that of an event stored elsewhere: reordered.
 */
export async function verifyChain(source: ChainSource): Promise<ChainReport> {
  const head = await source.head();
  let prev: AuditRow | null = null;
  let events = 0;
  const fail = (broken: ChainBreak): ChainReport => ({ ok: false, events, head, broken });
  for await (const page of source.pages()) {
    for (const row of page) {
      const expectedSeq = (prev?.seq ?? 0) + 1;
      if (row.seq !== expectedSeq) {
        const missing = row.seq - 1 === expectedSeq ? `#${expectedSeq} is` : `#${expectedSeq} to #${row.seq - 1} are`;
        return fail({ seq: expectedSeq, kind: "removed", message: `Event ${missing} missing: the chain jumps from #${prev?.seq ?? 0} to ${describe(row)}.` });
      }
      if (eventHash(row) !== row.hash) {
        return fail({ seq: row.seq, kind: "changed", message: `Event ${describe(row)} was changed: its content no longer matches its hash ${row.hash.slice(0, 12)}….` });
      }
      const expectedPrev = prev?.hash ?? GENESIS_HASH;
      if (row.prevHash !== expectedPrev) {
        const owner = await source.seqOfHash(row.prevHash);
        if (owner !== null) {
          return fail({ seq: row.seq, kind: "reordered", message: `Event ${describe(row)} is out of order: it follows the event stored as #${owner} in the chain, but is stored after #${prev?.seq ?? 0}.` });
        }
        const before = prev ? `#${prev.seq} was changed (and its hash recomputed) or an event before ${describe(row)} was removed` : `an event before ${describe(row)} was removed`;
        return fail({ seq: prev?.seq ?? row.seq, kind: prev ? "changed" : "removed", message: `The link into ${describe(row)} is broken: ${before}; no event has the previous hash it names.` });
      }
      prev = row;
      events++;
    }
  }
  const last = { seq: prev?.seq ?? 0, hash: prev?.hash ?? GENESIS_HASH };
  if (head.seq !== last.seq || head.hash !== last.hash) {
    if (head.seq > last.seq) return fail({ seq: last.seq + 1, kind: "removed", message: `The last ${head.seq - last.seq} event(s) were removed: the chain head names #${head.seq}, the trail ends at #${last.seq}.` });
    return fail({ seq: last.seq, kind: "changed", message: `The chain head (#${head.seq}, ${head.hash.slice(0, 12)}…) does not name the last event (#${last.seq}, ${last.hash.slice(0, 12)}…).` });
  }
  return { ok: true, events, head };
}
