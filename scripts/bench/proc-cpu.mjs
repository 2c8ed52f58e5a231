// CPU time of a process tree, read from /proc (Linux), for the benchmarks that divide it by a request count.
import fs from "node:fs";

const ticksPerSecond = 100; // USER_HZ on Linux

const descendants = (root) => {
  const children = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return Number(fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ")[1]) === root;
    } catch {
      return false;
    }
  });
  return [root, ...children.flatMap((c) => descendants(Number(c)))];
};

/** Each live process's own time plus that of its children that have exited (a database backend may end between readings), in ms. */
export const cpuMs = (root) =>
  descendants(root).reduce((sum, p) => {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      return sum + ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
    } catch {
      return sum;
    }
  }, 0);
