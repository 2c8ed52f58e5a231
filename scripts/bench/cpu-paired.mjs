// Benchmark: server CPU per request of two builds side by side, their requests alternating one by one, so that a
// machine whose speed drifts (a shared host: the same loop ran 430–550 ms within an hour) slows both alike. Reports
// each server's CPU per request (its process tree, from /proc) and their ratio, per path and round. Prints numbers;
// asserts nothing. {team} in a path is the signed-in student's team id on that server.
// Usage: PAIR="before=http://127.0.0.1:3302@<pid>,after=http://127.0.0.1:3312@<pid>" [BENCH_PATHS=/a,/b] node scripts/bench/cpu-paired.mjs [requests=300] [rounds=3]
import { cpuMs } from "./proc-cpu.mjs";
import { signIn, teamIdOf } from "./sign-in.mjs";

const servers = (process.env.PAIR ?? "").split(",").filter(Boolean).map((entry) => {
  const [, name, base, pid] = /^([^=]+)=(.+)@(\d+)$/.exec(entry) ?? [];
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base ?? "")) throw new Error(`PAIR entry "${entry}": name=http://127.x.x.x:port@pid, loopback only`);
  return { name, base, pid: Number(pid) };
});
if (servers.length !== 2) throw new Error("PAIR names exactly two servers");
const total = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 3);
const paths = process.env.BENCH_PATHS?.split(",") ?? ["/plan", "/plan/day/3", "/plan/step/d03-s1"];

for (const s of servers) {
  s.cookie = await signIn(s.base, process.env.BENCH_EMAIL ?? "alice@daybook.local", process.env.BENCH_PASSWORD ?? "daybook-demo");
  s.teamId = paths.some((p) => p.includes("{team}")) ? await teamIdOf(s.base, s.cookie) : "";
}
const get = async (s, path) => {
  const res = await fetch(`${s.base}${path.replace("{team}", s.teamId)}`, { headers: path === "/login" ? {} : { cookie: s.cookie, "accept-encoding": "gzip" }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) s.errors = (s.errors ?? 0) + 1;
};

for (let round = 1; round <= rounds; round++) {
  for (const path of paths) {
    for (let i = 0; i < 100; i++) for (const s of servers) await get(s, path);
    const before = servers.map((s) => cpuMs(s.pid));
    for (let i = 0; i < total; i++) for (const s of servers) await get(s, path);
    const perRequest = servers.map((s, i) => (cpuMs(s.pid) - before[i]) / total);
    const cells = servers.map((s, i) => `${s.name} ${perRequest[i].toFixed(2)} ms`).join("  ");
    console.log(`round ${round}  ${path.padEnd(28)} n=${total}  ${cells}  ${servers[1].name}/${servers[0].name}=${(perRequest[1] / perRequest[0]).toFixed(2)}  errors=${servers.map((s) => s.errors ?? 0).join("/")}`);
  }
}
