import { formatWhen } from "@/lib/utils";
import { finalStatusText, formatDuration, solvedText, statusText, type ClosureReport } from "./closure";
import { NO_TEST_TEXT, performanceStepTitle, RUN_STATUS_TEXT, TARGET_HEADER, targetCells, testTimeText, type PerformanceStep } from "./performance";

// Table cells: a pipe or a line break would end the cell early.
const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const when = (d: Date | null) => (d ? formatWhen(d) : "—");

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

function performanceStep(s: PerformanceStep): string[] {
  const head = `### ${performanceStepTitle(s)}`;
  if (!s.test) return [head, "", NO_TEST_TEXT, ""];
  const t = s.test;
  return [
    head,
    "",
    `Performance test ${RUN_STATUS_TEXT[t.status] ?? t.status.toLowerCase()}, ${formatWhen(t.startedAt)} to ${when(t.finishedAt)}: ${testTimeText(t)}.`,
    "",
    ...table(TARGET_HEADER, t.targets.map(targetCells)),
    ...t.targets.filter((x) => x.problem).map((x) => `\n${x.label}: ${x.problem}`),
    "",
  ];
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
        ? table(["Step", "Raised", "Reason", "Cleared", "How it was solved"], r.blockers.map((b) => [`${b.number} ${b.title}`, when(b.raisedAt), b.reason, when(b.clearedAt), solvedText(b, formatWhen)]))
        : ["The team reported no blockers."]),
    "",
    "## Performance results",
    "",
    "The latest finished performance test of each step that has one; the charts are in the PDF and on the page.",
    "",
    ...r.performance.flatMap(performanceStep),
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
