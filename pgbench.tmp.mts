import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "/work/main/lib/generated/prisma/client.ts";
const db = new PGlite(process.argv[2]);
await db.waitReady;
const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
const [u] = await db.query<{ id: string }>(`SELECT id FROM "User" LIMIT 1`).then((r) => r.rows);
async function time(label: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const c = process.cpuUsage(c0);
  console.log(label.padEnd(40), ((performance.now() - t0) / n).toFixed(3), "ms wall", ((c.user + c.system) / 1000 / n).toFixed(3), "ms cpu");
}
await time("pglite SELECT 1", 2000, () => db.query("SELECT 1"));
await time("pglite user by id (param)", 2000, () => db.query(`SELECT * FROM "User" WHERE id = $1`, [u.id]));
await time("prisma $queryRaw SELECT 1", 2000, () => prisma.$queryRaw`SELECT 1`);
await time("prisma user findUnique", 2000, () => prisma.user.findUnique({ where: { id: u.id } }));
await time("prisma actor join raw", 2000, () => prisma.$queryRaw`SELECT u."id", u."name", m."teamId", t."name" FROM "User" u LEFT JOIN "TeamMember" m ON m."userId" = u."id" LEFT JOIN "Team" t ON t."id" = m."teamId" WHERE u."id" = ${u.id}`);
