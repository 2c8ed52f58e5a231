import { formatWhen } from "@/lib/utils";
import { finalStatusText, formatDuration, statusText, type ClosureReport } from "./closure";

// Table cells: a pipe or a line break would end the cell early.
const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const when = (d: Date | null) => (d ? formatWhen(d) : "—");

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** The closure report as Markdown: the same sections, in the same order, as the page and the PDF. */
export function closureMarkdown(r: ClosureReport): string {
  const lines: string[] = [
    `# Project closure report: ${r.team.name}`,
    "",
    `${r.team.cohort} · generated ${formatWhen(r.generatedAt)} by Daybook from the team's recorded work (Step 19.2).`,
    "",
    `**Final status:** ${finalStatusText(r.overall)}`,
    "",
    "## Status per phase",
    "",
    ...table(["Phase", "Days", "Done", "Status", "Started", "Completed"], r.phases.map((p) => [`${p.number}. ${p.title}`, `${p.days[0]}–${p.days[p.days.length - 1]}`, `${p.done}/${p.total}`, p.state, when(p.firstActivity), when(p.completedAt)])),
    "",
    "## Sign-offs (Step 20.2)",
    "",
    ...(r.signoffs.length
      ? table(["Round", "Role", "Signed by", "When", "Comment", "Evidence SHA-256"], r.signoffs.map((s) => [String(s.round), s.role + (s.stale ? " (stale)" : ""), s.signer, formatWhen(s.signedAt), s.comment || "—", s.evidenceSha256]))
      : ["Nobody has signed off yet."]),
    ...r.reopenings.map((o) => `\nRound ${o.round} opened ${formatWhen(o.at)} by ${o.by ?? "an instructor"}: ${o.reason ?? ""}`),
    "",
    "## Lessons learned",
    "",
    r.lessons.text.trim() ? r.lessons.text.trim() : "_The team has not written its lessons learned yet._",
    "",
    "## Blockers and how they were solved",
    "",
    ...(r.blockers === null
      ? ["Blockers are shown to the team and its instructor only."]
      : r.blockers.length
        ? table(["Step", "Raised", "Reason", "Cleared", "Outcome"], r.blockers.map((b) => [`${b.number} ${b.title}`, when(b.raisedAt), b.reason, when(b.clearedAt), b.resolution]))
        : ["The team reported no blockers."]),
    "",
    "## Performance results",
    "",
    r.performance.note,
    "",
    ...(r.performance.rows.length ? table(["Step", "Check", "Outcome", "Expected", "Seen"], r.performance.rows.map((p) => [`${p.number} ${p.title}`, p.check, p.status, p.expected, p.actual])) : []),
    "",
    "## Run statistics",
    "",
    `${r.totals.runs} runs in all (${Object.entries(r.totals.byKind).map(([k, n]) => `${n} ${k.toLowerCase()}`).join(", ") || "none"}). Median time from first try to verified: ${r.totals.medianToVerifiedMs === null ? "—" : formatDuration(r.totals.medianToVerifiedMs)}.`,
    "",
    ...table(["Step", "Status", "Attempts", "First try", "Verified", "First try → verified"], r.stats.map((s) => [`${s.number} ${s.title}`, statusText(s), String(s.attempts), when(s.firstTry), when(s.verifiedAt), s.toVerifiedMs === null ? "—" : formatDuration(s.toVerifiedMs)])),
    "",
    "## Timeline",
    "",
    ...(r.timeline.length ? r.timeline.map((t) => `- ${formatWhen(t.at)}: ${t.text}`) : ["Nothing recorded yet."]),
    "",
    "",
  ];
  return lines.join("\n");
}
