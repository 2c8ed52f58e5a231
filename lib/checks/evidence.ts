import type { K8sFailure } from "@/lib/k8s/result";
import type { CheckStatus, Evidence, Verdict } from "./types";

/** A kubectl-style table: upper-case headers, columns padded to their widest cell. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join("").trimEnd()).join("\n");
}

export function age(timestamp: string | undefined, now = Date.now()): string {
  const t = Date.parse(timestamp ?? "");
  if (!t) return "<unknown>";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

export const evidence = (title: string, text: string): Evidence => ({ title, text: text.length > 8000 ? `${text.slice(0, 8000)}\n… (cut at 8000 characters)` : text });

export const verdict = (status: CheckStatus, expected: string, actual: string, items: Evidence[] = [], via?: string): Verdict => ({ status, expected, actual, evidence: items, ...(via ? { via } : {}) });

/** The object the check is about does not exist: waiting will not make it appear, so there is no settling. */
export const missing = (expected: string, actual: string, items: Evidence[] = []): Verdict => ({ ...verdict("fail", expected, actual, items), final: true });

/** The API could not be asked: the check is an error, not a failure of the step. */
export const apiError = (expected: string, f: K8sFailure, what: string): Verdict =>
  verdict("error", expected, `Could not read ${what}: ${f.message}`, [evidence("API error", `${f.kind}${f.status ? ` (HTTP ${f.status})` : ""}: ${f.message}`)]);

export const lines = (text: string, max = 40) => {
  const all = text.split("\n");
  return all.length > max ? [...all.slice(-max), `… (${all.length - max} earlier lines not shown)`].join("\n") : text;
};

/** The first `max` lines, as `| head` shows them. */
export const firstLines = (text: string, max = 40) => {
  const all = text.split("\n");
  return all.length > max ? [...all.slice(0, max), `… (${all.length - max} later lines not shown)`].join("\n") : text;
};
