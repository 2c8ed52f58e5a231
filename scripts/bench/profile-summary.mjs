// Summarizes a V8 CPU profile (node --cpu-prof) by where the self time went: packages, the app's own
// chunks, and the top functions. Prints numbers; asserts nothing. Usage: node scripts/bench/profile-summary.mjs <file.cpuprofile> [requests]
import fs from "node:fs";

const [file, requests = "1"] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
}
const area = ({ callFrame: { url, functionName } }) => {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] === "next" && /compiled\/([^/]+)/.test(url) ? `next/compiled/${/compiled\/([^/]+)/.exec(url)[1]}` : pkg[1];
  if (url.startsWith("node:")) return "node internals";
  if (/\.next[^/]*\/server\/chunks/.test(url)) return "app chunks (.next/server/chunks)";
  if (/\.next[^/]*\/server\//.test(url)) return "app pages (.next/server)";
  return url.replace(/^file:\/\//, "");
};
const sum = (key) => {
  const totals = new Map();
  for (const [id, ms] of self) {
    const k = key(byId.get(id));
    totals.set(k, (totals.get(k) ?? 0) + ms);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
};
const n = Number(requests);
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`total sampled ${total.toFixed(0)} ms, ${(total / n).toFixed(2)} ms per request over ${n}`);
for (const [k, ms] of sum(area).slice(0, 25)) console.log(`${(ms / n).toFixed(2).padStart(7)} ms  ${k}`);
console.log("--- top functions");
for (const [k, ms] of sum((node) => `${node.callFrame.functionName || "(anonymous)"} ${area(node)}:${node.callFrame.lineNumber}`).slice(0, 30)) console.log(`${(ms / n).toFixed(2).padStart(7)} ms  ${k}`);
