import { getDb } from "@/lib/db/prisma";
import { appendAudit } from "./append";

/**
 * A refused password sign-in. The account is named only when it exists; the typed email is never
 * stored (people type passwords into the email field).
 */
export async function auditSignInFailure(input: { userId: string | null; address: string; reason: "wrong-password" | "unknown-account" | "locked" }): Promise<void> {
  await (await getDb()).$transaction((tx) => appendAudit(tx, { type: "signin.failed", subject: input.userId, data: { reason: input.reason, address: input.address } }));
}
