import "server-only";
import { getDb } from "@/lib/db/prisma";
import { DEMO_ACCOUNTS } from "@/lib/db/seed";

/** Public: whether the sign-in page may list the demo accounts (they exist and hints are not switched off). */
export async function demoAccountsSeeded(): Promise<boolean> {
  if (process.env.DAYBOOK_DEMO_HINTS === "false") return false;
  return Boolean(await (await getDb()).user.findUnique({ where: { email: DEMO_ACCOUNTS[0].email }, select: { id: true } }));
}
