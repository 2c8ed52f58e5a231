// Benchmark helper: `next start` in N processes sharing one port (node:cluster hands connections round
// robin), to measure what more than one web process serves on PostgreSQL. The embedded database allows
// one process only. Usage: DATABASE_URL=… node scripts/bench/cluster-start.mjs <processes> -H 127.0.0.1 -p <port>
import cluster from "node:cluster";
import path from "node:path";

const [count, ...nextArgs] = process.argv.slice(2);
if (cluster.isPrimary) {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is required: the embedded database has one owner per data directory");
  cluster.setupPrimary({ args: [count, ...nextArgs] });
  for (let i = 0; i < Number(count); i++) cluster.fork();
  cluster.on("exit", (worker, code) => console.log(`[cluster] process ${worker.process.pid} exited (${code})`));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal); });
} else {
  const bin = path.resolve(import.meta.dirname, "../../node_modules/next/dist/bin/next");
  process.argv = [process.argv[0], bin, "start", ...nextArgs];
  await import(bin);
}
