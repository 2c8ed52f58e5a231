import type { LiveSnapshot } from "./types";

export type LiveSummary = { tone: "pass" | "partial" | "fail" | "unknown"; text: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The one line the step page announces (role="status") for a live state. */
export function liveSummary(s: LiveSnapshot): LiveSummary {
  const watched = s.checks.filter((c) => c.state !== "verify");
  const others = s.checks.length - watched.length;
  const passing = watched.filter((c) => c.state === "pass").length;
  if (watched.length === 0) return { tone: "unknown", text: `Daybook cannot follow this step's checks live; verify to run ${others === 1 ? "it" : `all ${others}`}.` };
  if (passing === watched.length) {
    if (others === 0) return { tone: "pass", text: `Step ${s.stepNumber} now passes` };
    return { tone: "partial", text: `The checks Daybook watches pass; verify to run the other ${others}` };
  }
  return { tone: "fail", text: `Live: ${passing} of ${plural(watched.length, "watched check")} pass` };
}
