import fs from "node:fs";

const file = process.env.DAYBOOK_K8S_REQUEST_LOG;

/** Benchmarks count what Daybook asks of a cluster: with DAYBOOK_K8S_REQUEST_LOG set, one line per request. */
export function logRequest(method: string, url: string): void {
  if (!file) return;
  fs.appendFileSync(file, `${Date.now()} ${method} ${new URL(url).pathname}\n`);
}
