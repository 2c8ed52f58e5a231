import type { PrismaClient } from "@/lib/generated/prisma/client";
import { GENESIS_HASH } from "./hash";
import type { ChainSource } from "./verify";

const PAGE = 1000;

/** The chain as stored, read in pages of a thousand events (memory stays flat however long it grows). */
export function prismaChainSource(db: PrismaClient): ChainSource {
  return {
    async *pages() {
      let after = 0;
      for (;;) {
        const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: PAGE });
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]!.seq;
      }
    },
    async seqOfHash(hash) {
      return (await db.auditEvent.findUnique({ where: { hash }, select: { seq: true } }))?.seq ?? null;
    },
    async head() {
      return (await db.auditHead.findUnique({ where: { id: 1 }, select: { seq: true, hash: true } })) ?? { seq: 0, hash: GENESIS_HASH };
    },
  };
}
