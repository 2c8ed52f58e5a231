// Benchmark: pg-boss on the embedded database, two ways. "in-process" is what Daybook does (pg-boss's SQL
// goes straight to the PGlite the Prisma client uses); "socket" serves that PGlite over the PostgreSQL wire
// protocol with @electric-sql/pglite-socket and gives pg-boss and the app ordinary pg pools. It queues JOBS
// jobs, works them with LOOPS loops, and meanwhile times an app query (a join over a few rows) one after
// another. Prints numbers; asserts nothing.
//   npm i --no-save @electric-sql/pglite-socket@0.2.17   (not a dependency of Daybook)
//   node scripts/bench/embedded-queue.mjs [jobs=400] [loops=16]
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import PgBoss from "pg-boss";

const JOBS = Number(process.argv[2] ?? 400);
// pg-boss 10 polls at most every 0.5 s per loop: enough loops that the database, not the poll, is the limit.
const LOOPS = Number(process.argv[3] ?? 16);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function setup(db) {
  await db.exec(`CREATE TABLE team (id int primary key, name text); CREATE TABLE run (id serial primary key, team int references team, body jsonb);
    INSERT INTO team SELECT g, 'team ' || g FROM generate_series(1, 50) g; INSERT INTO run (team, body) SELECT 1 + g % 50, '{"checks":[1,2,3]}' FROM generate_series(1, 2000) g;`);
}
const APP_QUERY = "SELECT t.name, count(r.id) AS runs FROM team t LEFT JOIN run r ON r.team = t.id WHERE t.id = $1 GROUP BY t.name";

async function measure(label, boss, appQuery) {
  await boss.start();
  await boss.createQueue("bench");
  const sendStart = performance.now();
  for (let i = 0; i < JOBS; i++) await boss.send("bench", { i });
  const sendMs = performance.now() - sendStart;
  let done = 0;
  const workStart = performance.now();
  const finished = new Promise((resolve) => {
    for (let i = 0; i < LOOPS; i++) {
      boss.work("bench", { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => {
        await appQuery(1 + (done % 50)); // each job reads and writes a little, as a run does
        if (++done === JOBS) resolve();
      });
    }
  });
  const latencies = [];
  let going = true;
  const sampler = (async () => {
    while (going) {
      const t = performance.now();
      await appQuery(7);
      latencies.push(performance.now() - t);
      // PGlite answers without I/O: without a turn of the event loop, pg-boss's timers would never fire.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  await finished;
  const workMs = performance.now() - workStart;
  going = false;
  await sampler;
  await boss.stop({ graceful: false, wait: true });
  console.log(`${label.padEnd(11)} send ${(sendMs / JOBS).toFixed(2)} ms/job  work ${(JOBS / (workMs / 1000)).toFixed(0)} jobs/s  app query while busy p50 ${pct(latencies, 0.5).toFixed(2)} ms p95 ${pct(latencies, 0.95).toFixed(2)} ms (n=${latencies.length})`);
}

{
  const db = new PGlite();
  await setup(db);
  const executor = {
    async executeSql(text, values) {
      if (values?.length) return { rows: (await db.query(text, values.map((v) => (v === undefined ? null : v)))).rows };
      return { rows: (await db.exec(text)).at(-1)?.rows ?? [] };
    },
  };
  await measure("in-process", new PgBoss({ db: executor, schedule: false, supervise: false }), (id) => db.query(APP_QUERY, [id]));
  await db.close();
}

{
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = new PGlite();
  await setup(db);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 10 });
  await server.start();
  const connectionString = `postgres://postgres@127.0.0.1:${server.port}/postgres`;
  const app = new pg.Pool({ connectionString, max: 4 });
  await measure("socket", new PgBoss({ connectionString, max: 4, schedule: false, supervise: false }), (id) => app.query(APP_QUERY, [id]));
  await app.end();
  await server.stop();
  await db.close();
}
