import path from "node:path";
import PDFDocument from "pdfkit";
import { formatWhen } from "@/lib/utils";
import { finalStatusText, formatDuration, solvedText, statusText, type ClosureReport } from "./closure";
import { NO_TEST_TEXT, performanceStepTitle, RUN_STATUS_TEXT, TARGET_HEADER, targetCells, testTimeText, type PerformanceStep, type TargetResult } from "./performance";

// DejaVu (from the dejavu-fonts-ttf package) covers Latin, Greek and Cyrillic names that PDF's
// built-in Helvetica cannot encode; pdfkit embeds only the glyphs used.
const fontDir = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const FONTS = { body: path.join(fontDir, "DejaVuSans.ttf"), bold: path.join(fontDir, "DejaVuSans-Bold.ttf"), mono: path.join(fontDir, "DejaVuSansMono.ttf") };
const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#cbd5e1";
const BRAND = "#2f43c2";
const MARGIN = 48;
const RPS = "#0369a1";
const P95 = "#c2410c";

type Doc = InstanceType<typeof PDFDocument>;
type Column = { header: string; width: number; mono?: boolean };

const when = (d: Date | null) => (d ? formatWhen(d) : "—");

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
}

function heading(doc: Doc, text: string) {
  // A heading keeps at least a few lines of its section with it.
  ensureRoom(doc, 110);
  doc.moveDown(0.8).font("bold").fontSize(13).fillColor(INK).text(text, MARGIN, doc.y);
  doc.moveTo(MARGIN, doc.y + 2).lineTo(doc.page.width - MARGIN, doc.y + 2).strokeColor(RULE).lineWidth(0.5).stroke();
  doc.moveDown(0.5);
}

function paragraph(doc: Doc, text: string, color = INK) {
  ensureRoom(doc, 30);
  doc.font("body").fontSize(9.5).fillColor(color).text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.4);
}

/** A table whose rows wrap and never split across pages; the header repeats on each new page. */
function table(doc: Doc, columns: Column[], rows: string[][]) {
  const total = doc.page.width - 2 * MARGIN;
  const widths = columns.map((c) => (c.width / columns.reduce((s, x) => s + x.width, 0)) * total);
  const pad = 3;
  const size = 8;
  const measure = (cells: string[], font: string) =>
    Math.max(...cells.map((t, i) => doc.font(columns[i]!.mono ? "mono" : font).fontSize(size).heightOfString(t || " ", { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const draw = (cells: string[], font: string, fill?: string) => {
    const h = measure(cells, font);
    const y = doc.y;
    if (fill) doc.rect(MARGIN, y, total, h).fillColor(fill).fill();
    let x = MARGIN;
    cells.forEach((t, i) => {
      doc.font(columns[i]!.mono ? "mono" : font).fontSize(size).fillColor(font === "bold" ? INK : "#1e293b").text(t || " ", x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + total, y + h).strokeColor(RULE).lineWidth(0.4).stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  ensureRoom(doc, measure(header, "bold") + measure(rows[0] ?? header, "body"));
  draw(header, "bold", "#f1f5f9");
  for (const row of rows) {
    const h = measure(row, "body");
    if (doc.y + h > doc.page.height - MARGIN - 20) {
      doc.addPage();
      draw(header, "bold", "#f1f5f9");
    }
    draw(row, "body");
  }
  doc.moveDown(0.6);
}

/** Done steps per phase as horizontal bars. */
function phaseChart(doc: Doc, r: ClosureReport) {
  const labelWidth = 170;
  const barWidth = doc.page.width - 2 * MARGIN - labelWidth - 60;
  for (const p of r.phases) {
    const y = doc.y;
    doc.font("body").fontSize(9).fillColor(INK).text(`${p.number}. ${p.title}`, MARGIN, y + 1, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    doc.rect(MARGIN + labelWidth, y, barWidth, 11).fillColor("#e2e8f0").fill();
    if (p.done > 0) doc.rect(MARGIN + labelWidth, y, (barWidth * p.done) / p.total, 11).fillColor(p.state === "complete" ? "#15803d" : BRAND).fill();
    doc.font("body").fontSize(9).fillColor(MUTED).text(`${p.done}/${p.total}`, MARGIN + labelWidth + barWidth + 8, y + 1, { lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + 17;
  }
  doc.moveDown(0.4);
}

/** 1, 2 or 5 times a power of ten, at least v: an axis that ends on a round number. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/** Seconds on a round step (1, 2, 2.5 or 5 times a power of ten), and the end when it is not too close to the last one. */
function timeTicks(end: number): number[] {
  const raw = end / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 2.5, 5, 10].find((m) => m * p >= raw) ?? 10) * p);
  const ticks = Array.from({ length: Math.floor(end / step) + 1 }, (_, i) => i * step);
  return end - ticks.at(-1)! >= step * 0.6 ? [...ticks, end] : ticks;
}

const axisMs = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`);

/**
 * One target's requests/s (left axis) and p95 latency (right axis, with its limit dashed) over the
 * test, drawn with pdfkit's vector paths at (x, y) in a w × h box.
 */
function loadChart(doc: Doc, t: TargetResult, box: { x: number; y: number; w: number; h: number }, plannedSeconds: number) {
  const plot = { x: box.x + 34, y: box.y + 14, w: box.w - 34 - 40, h: box.h - 14 - 26 };
  const points = t.chart.map((p) => ({ t: p.t, rps: p.requests / ((p.ms ?? 1000) / 1000), p95: p.p95, end: p.t + (p.ms ?? 1000) / 1000 }));
  const end = Math.max(1, plannedSeconds, ...points.map((p) => p.end));
  const rpsMax = niceMax(Math.max(...points.map((p) => p.rps), 1));
  const msMax = niceMax(Math.max(...points.map((p) => p.p95), t.thresholds.maxP95LatencyMs));
  const X = (sec: number) => plot.x + (plot.w * sec) / end;
  const Yr = (v: number) => plot.y + plot.h - (plot.h * v) / rpsMax;
  const Ym = (v: number) => plot.y + plot.h - (plot.h * v) / msMax;
  const label = (text: string, x: number, y: number, opts: { width?: number; align?: "left" | "right" | "center"; color?: string } = {}) =>
    doc.font("body").fontSize(6.5).fillColor(opts.color ?? MUTED).text(text, x, y, { width: opts.width ?? 40, align: opts.align ?? "left", lineBreak: false });

  doc.font("bold").fontSize(8).fillColor(INK).text(t.label, box.x, box.y, { width: box.w * 0.5, lineBreak: false, ellipsis: true });
  doc.font("body").fontSize(6.5).fillColor(RPS).text("— requests/s", box.x + box.w * 0.5, box.y + 1, { width: box.w * 0.22, lineBreak: false });
  doc.fillColor(P95).text("— p95 latency", box.x + box.w * 0.72, box.y + 1, { width: box.w * 0.28, align: "right", lineBreak: false });
  for (const f of [0, 0.5, 1]) {
    const y = plot.y + plot.h * (1 - f);
    doc.moveTo(plot.x, y).lineTo(plot.x + plot.w, y).strokeColor("#e2e8f0").lineWidth(0.4).stroke();
    label(Math.round(rpsMax * f).toLocaleString("en-US"), box.x, y - 3, { width: 31, align: "right", color: RPS });
    label(axisMs(msMax * f), plot.x + plot.w + 3, y - 3, { width: 37, color: P95 });
  }
  doc.moveTo(plot.x, plot.y).lineTo(plot.x, plot.y + plot.h).lineTo(plot.x + plot.w, plot.y + plot.h).lineTo(plot.x + plot.w, plot.y).strokeColor(MUTED).lineWidth(0.6).stroke();
  for (const sec of timeTicks(end)) {
    doc.moveTo(X(sec), plot.y + plot.h).lineTo(X(sec), plot.y + plot.h + 2).strokeColor(MUTED).lineWidth(0.6).stroke();
    label(`${sec} s`, X(sec) - 20, plot.y + plot.h + 4, { width: 40, align: "center" });
  }
  label("seconds into the test", plot.x, plot.y + plot.h + 13, { width: plot.w, align: "center" });
  const limit = Ym(t.thresholds.maxP95LatencyMs);
  doc.moveTo(plot.x, limit).lineTo(plot.x + plot.w, limit).dash(2, { space: 2 }).strokeColor(P95).lineWidth(0.5).stroke().undash();
  // Under the line when it runs along the top, where the legend is.
  label(`p95 limit ${t.thresholds.maxP95LatencyMs} ms`, plot.x + plot.w - 82, limit - plot.y < 10 ? limit + 2 : limit - 8, { width: 80, align: "right", color: P95 });
  const line = (ys: number[], color: string, width: number) => {
    if (points.length === 0) return;
    // Each point stands for the middle of the time it covers; a single point still shows as a short line.
    const xs = points.map((p) => X((p.t + p.end) / 2));
    doc.moveTo(points.length === 1 ? X(points[0]!.t) : xs[0]!, ys[0]!);
    if (points.length === 1) doc.lineTo(X(points[0]!.end), ys[0]!);
    for (let i = 1; i < points.length; i++) doc.lineTo(xs[i]!, ys[i]!);
    doc.strokeColor(color).lineWidth(width).lineJoin("round").stroke();
  };
  line(points.map((p) => Yr(p.rps)), RPS, 1.1);
  line(points.map((p) => Ym(p.p95)), P95, 1.1);
  if (points.length === 0) label("No second was measured.", plot.x, plot.y + plot.h / 2 - 4, { width: plot.w, align: "center" });
}

function performanceStep(doc: Doc, s: PerformanceStep) {
  ensureRoom(doc, s.test ? 230 : 40);
  doc.font("bold").fontSize(10).fillColor(INK).text(performanceStepTitle(s), MARGIN, doc.y);
  doc.moveDown(0.2);
  if (!s.test) return paragraph(doc, NO_TEST_TEXT, MUTED);
  const t = s.test;
  paragraph(doc, `Performance test ${RUN_STATUS_TEXT[t.status] ?? t.status.toLowerCase()}, ${formatWhen(t.startedAt)} to ${when(t.finishedAt)}: ${testTimeText(t)}.`, t.timeScale === 1 ? INK : "#92400e");
  table(doc, TARGET_HEADER.map((header, i) => ({ header, width: [2, 0.8, 1.1, 1, 1.4, 0.8, 1.8, 0.9][i]! })), t.targets.map(targetCells));
  for (const x of t.targets.filter((x) => x.problem)) paragraph(doc, `${x.label}: ${x.problem}`, "#9f1239");
  const charted = t.targets.filter((x) => !x.problem);
  const gap = 16;
  const w = (doc.page.width - 2 * MARGIN - gap) / 2;
  const planned = (x: TargetResult) => Math.max(1, Math.round(x.durationSeconds * t.timeScale));
  for (let i = 0; i < charted.length; i += 2) {
    ensureRoom(doc, 130);
    const y = doc.y;
    charted.slice(i, i + 2).forEach((x, j) => loadChart(doc, x, { x: MARGIN + j * (w + gap), y, w, h: 120 }, planned(x)));
    doc.x = MARGIN;
    doc.y = y + 128;
  }
  doc.moveDown(0.6);
}

/** The closure report as a PDF (A4), rendered in this Node process by pdfkit: no browser involved. */
export function closurePdf(r: ClosureReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, font: FONTS.body, info: { Title: `Project closure report: ${r.team.name}`, Author: "Daybook", Subject: `${r.team.cohort}: Step 19.2 closure report` }, lang: "en" });
  doc.registerFont("body", FONTS.body);
  doc.registerFont("bold", FONTS.bold);
  doc.registerFont("mono", FONTS.mono);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("bold").fontSize(8.5).fillColor(BRAND).text("PROJECT CLOSURE REPORT · STEP 19.2", MARGIN, MARGIN, { characterSpacing: 0.6 });
  doc.moveDown(0.3).font("bold").fontSize(22).fillColor(INK).text(r.team.name);
  doc.font("body").fontSize(10).fillColor(MUTED).text(`${r.team.cohort} · generated ${formatWhen(r.generatedAt)} by Daybook from the team's recorded work`);
  doc.moveDown(0.8);
  doc.font("bold").fontSize(10.5).fillColor(INK).text("Final status: ", { continued: true }).font("body").text(finalStatusText(r.overall), { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.6);
  phaseChart(doc, r);

  heading(doc, "Status per phase");
  table(doc, [{ header: "Phase", width: 3 }, { header: "Days", width: 1 }, { header: "Done", width: 1 }, { header: "Status", width: 1.4 }, { header: "Started", width: 2 }, { header: "Completed", width: 2 }], r.phases.map((p) => [`${p.number}. ${p.title}`, `${p.days[0]}–${p.days[p.days.length - 1]}`, `${p.done}/${p.total}`, p.state, when(p.firstActivity), when(p.completedAt)]));

  heading(doc, "Sign-offs (Step 20.2)");
  if (r.signoffs.length) {
    table(doc, [{ header: "Role", width: 1.6 }, { header: "Signed by", width: 1.6 }, { header: "When", width: 1.8 }, { header: "Comment", width: 2.2 }, { header: "Evidence SHA-256", width: 3.2, mono: true }], r.signoffs.map((s) => [`${s.role}${s.stale ? " (stale)" : ""}${r.reopenings.length ? `, round ${s.round}` : ""}`, s.signer, formatWhen(s.signedAt), s.comment || "—", s.evidenceSha256]));
  } else paragraph(doc, "Nobody has signed off yet.", MUTED);
  for (const o of r.reopenings) paragraph(doc, `Round ${o.round} opened ${formatWhen(o.at)} by ${o.by ?? "an instructor"}: ${o.reason ?? ""}`, MUTED);

  heading(doc, "Lessons learned");
  paragraph(doc, r.lessons.text.trim() || "The team has not written its lessons learned yet.", r.lessons.text.trim() ? INK : MUTED);

  heading(doc, "Blockers and how they were solved");
  if (r.blockers === null) paragraph(doc, "Blockers are shown to the team and its instructor only.", MUTED);
  else if (r.blockers.length === 0) paragraph(doc, "The team reported no blockers.", MUTED);
  else table(doc, [{ header: "Step", width: 2 }, { header: "Raised", width: 1.5 }, { header: "Reason", width: 2.4 }, { header: "Cleared", width: 1.5 }, { header: "How it was solved", width: 3.6 }], r.blockers.map((b) => [`${b.number} ${b.title}`, when(b.raisedAt), b.reason, when(b.clearedAt), solvedText(b, formatWhen)]));

  // The heading, its note and the first step's numbers and charts stay together.
  ensureRoom(doc, r.performance[0]?.test ? 320 : 110);
  heading(doc, "Performance results");
  paragraph(doc, "The latest finished performance test of each step that has one: its numbers per target against the thresholds, and requests per second and p95 latency over the test.", MUTED);
  for (const s of r.performance) performanceStep(doc, s);

  heading(doc, "Run statistics");
  paragraph(doc, `${r.totals.runs} runs in all (${Object.entries(r.totals.byKind).map(([k, n]) => `${n} ${k.toLowerCase()}`).join(", ") || "none"}). Median time from first try to verified: ${r.totals.medianToVerifiedMs === null ? "—" : formatDuration(r.totals.medianToVerifiedMs)}.`);
  table(doc, [{ header: "Step", width: 3.3 }, { header: "Status", width: 1.4 }, { header: "Attempts", width: 1.2 }, { header: "First try", width: 1.9 }, { header: "Verified", width: 1.9 }, { header: "Took", width: 1.2 }], r.stats.map((s) => [`${s.number} ${s.title}`, statusText(s), String(s.attempts), when(s.firstTry), when(s.verifiedAt), s.toVerifiedMs === null ? "—" : formatDuration(s.toVerifiedMs)]));

  heading(doc, "Timeline");
  if (r.timeline.length) table(doc, [{ header: "When", width: 1.4 }, { header: "What", width: 4 }], r.timeline.map((t) => [formatWhen(t.at), t.text]));
  else paragraph(doc, "Nothing recorded yet.", MUTED);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font("body").fontSize(7.5).fillColor(MUTED).text(`${r.team.name} · closure report · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 14, { width: doc.page.width - 2 * MARGIN, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}
