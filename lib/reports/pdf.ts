import path from "node:path";
import PDFDocument from "pdfkit";
import { formatWhen } from "@/lib/utils";
import { finalStatusText, formatDuration, statusText, type ClosureReport } from "./closure";

// DejaVu (from the dejavu-fonts-ttf package) covers Latin, Greek and Cyrillic names that PDF's
// built-in Helvetica cannot encode; pdfkit embeds only the glyphs used.
const fontDir = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
const FONTS = { body: path.join(fontDir, "DejaVuSans.ttf"), bold: path.join(fontDir, "DejaVuSans-Bold.ttf"), mono: path.join(fontDir, "DejaVuSansMono.ttf") };
const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#cbd5e1";
const BRAND = "#2f43c2";
const MARGIN = 48;

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

/** Done steps per phase as horizontal bars: the report's one chart until load tests record numbers. */
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
  else table(doc, [{ header: "Step", width: 2.2 }, { header: "Raised", width: 1.6 }, { header: "Reason", width: 3 }, { header: "Cleared", width: 1.6 }, { header: "Outcome", width: 2.2 }], r.blockers.map((b) => [`${b.number} ${b.title}`, when(b.raisedAt), b.reason, when(b.clearedAt), b.resolution]));

  heading(doc, "Performance results");
  paragraph(doc, r.performance.note, MUTED);
  if (r.performance.rows.length) table(doc, [{ header: "Step", width: 2 }, { header: "Check", width: 2.4 }, { header: "Outcome", width: 1.1 }, { header: "Seen", width: 4 }], r.performance.rows.map((p) => [`${p.number} ${p.title}`, p.check, p.status, p.actual]));

  heading(doc, "Run statistics");
  paragraph(doc, `${r.totals.runs} runs in all (${Object.entries(r.totals.byKind).map(([k, n]) => `${n} ${k.toLowerCase()}`).join(", ") || "none"}). Median time from first try to verified: ${r.totals.medianToVerifiedMs === null ? "—" : formatDuration(r.totals.medianToVerifiedMs)}.`);
  table(doc, [{ header: "Step", width: 3.4 }, { header: "Status", width: 1.4 }, { header: "Attempts", width: 1 }, { header: "First try", width: 1.9 }, { header: "Verified", width: 1.9 }, { header: "Took", width: 1.2 }], r.stats.map((s) => [`${s.number} ${s.title}`, statusText(s), String(s.attempts), when(s.firstTry), when(s.verifiedAt), s.toVerifiedMs === null ? "—" : formatDuration(s.toVerifiedMs)]));

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
