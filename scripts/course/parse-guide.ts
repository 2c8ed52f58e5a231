import type { CourseFile, Day, Reference, Step, Substep, Troubleshooting, Contact } from "../../lib/course/schema";

export type ParsedStep = Omit<Step, "checks" | "signoff">;
export type ParsedDay = Omit<Day, "steps"> & { steps: ParsedStep[] };
export type ParsedGuide = {
  course: Omit<CourseFile, "calendarNote"> & { phases: CourseFile["phases"] };
  days: ParsedDay[];
  troubleshooting: Troubleshooting;
  contacts: Contact[];
};

const grp = (m: RegExpMatchArray, i: number): string => m[i] ?? "";
const lineAt = (lines: string[], i: number): string => lines[i] ?? "";
const stripBold = (s: string) => s.replace(/\*\*/g, "").trim();
const bulletField = (line: string, label: string) => {
  const m = line.match(new RegExp(`^\\s*- \\*\\*${label}\\*\\*:\\s*(.*)$`));
  return m ? grp(m, 1).trim() : undefined;
};

export function parseReferences(raw: string): Reference[] {
  const refs: Reference[] = [];
  const re = /`([^`]+)`(?:\s*\(Section ([^)]+)\))?/g;
  for (const m of raw.matchAll(re)) refs.push(grp(m, 2) ? { path: grp(m, 1), section: grp(m, 2) } : { path: grp(m, 1) });
  return refs;
}

export function deriveApplies(substeps: Substep[]): string[] {
  const applies: string[] = [];
  for (const cmd of substeps.flatMap((s) => s.commands)) {
    for (const m of cmd.matchAll(/kubectl apply -f (\S+)/g)) applies.push(grp(m, 1));
    const helm = cmd.match(/helm install \S+ \.\/(\S+)/);
    if (helm) {
      applies.push(grp(helm, 1).endsWith("/") ? grp(helm, 1) : `${grp(helm, 1)}/`);
      for (const f of cmd.matchAll(/-f (\S+)/g)) applies.push(grp(f, 1));
    }
  }
  return [...new Set(applies)];
}

// One entry per command line; backslash continuations and non-bash blocks stay whole.
function splitCommands(lines: string[], language: string): string[] {
  const body = lines.join("\n").replace(/\s+$/, "");
  if (language !== "bash") return [body.split("\n").map((l) => l.trimEnd()).join("\n")];
  const out: string[] = [];
  let pending = "";
  for (const line of lines) {
    if (!line.trim()) continue;
    pending = pending ? `${pending}\n${line}` : line;
    if (!line.endsWith("\\")) {
      out.push(pending);
      pending = "";
    }
  }
  if (pending) out.push(pending);
  return out;
}

function parseSubsteps(lines: string[]): Substep[] {
  const substeps: Substep[] = [];
  let cur: Substep | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    const head = line.match(/^\d+\. \*\*(.+)\*\*\s*$/);
    if (head) {
      cur = { title: grp(head, 1).trim(), language: "none", commands: [], actions: [], purpose: "", expected: "", verification: "" };
      substeps.push(cur);
      continue;
    }
    if (!cur) continue;
    const fence = line.match(/^(\s*)```(\w+)\s*$/);
    if (fence) {
      const indent = grp(fence, 1).length;
      const { block, end } = readFence(lines, i);
      i = end;
      cur.language = grp(fence, 2) === "sql" ? "sql" : "bash";
      cur.commands.push(...splitCommands(block.map((l) => l.slice(Math.min(indent, l.search(/\S|$/)))), grp(fence, 2)));
      continue;
    }
    const purpose = bulletField(line, "Purpose");
    const expected = bulletField(line, "Expected Output");
    const verification = bulletField(line, "Verification");
    if (purpose !== undefined) cur.purpose = purpose;
    else if (expected !== undefined) cur.expected = expected;
    else if (verification !== undefined) cur.verification = verification;
    else if (/^\s+- /.test(line)) cur.actions.push(line.replace(/^\s+- /, "").trim());
  }
  return substeps;
}

function readFence(lines: string[], open: number): { block: string[]; end: number } {
  const close = lines.findIndex((l, j) => j > open && l.trim().startsWith("```"));
  if (close < 0) throw new Error(`guide: code block opened at line ${open + 1} is never closed`);
  return { block: lines.slice(open + 1, close), end: close };
}

function docInfo(lines: string[], label: string): string {
  const line = lines.find((l) => l.startsWith(`- **${label}**:`));
  if (!line) throw new Error(`guide: document information "${label}" not found`);
  return line.slice(`- **${label}**:`.length).trim();
}

function sectionLines(lines: string[], startRe: RegExp, endRe: RegExp): string[] {
  const start = lines.findIndex((l) => startRe.test(l));
  if (start < 0) throw new Error(`guide: section ${startRe} not found`);
  const rel = lines.slice(start + 1).findIndex((l) => endRe.test(l));
  return lines.slice(start + 1, rel < 0 ? undefined : start + 1 + rel);
}

const checkboxItems = (lines: string[]) =>
  lines
    .map((l) => l.match(/^- \[ \] \*\*(.+?)\*\*:\s*(.+)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ item: grp(m, 1), detail: grp(m, 2).trim() }));

function parseFramework(lines: string[]) {
  const body = sectionLines(lines, /^### \*\*Execution Phases\*\*/, /^## /);
  const phases: { title: string; weeks: string; duration: string; objective: string; keyActivities: string[]; deliverables: string[] }[] = [];
  for (const line of body) {
    const head = line.match(/^#### \*\*Phase \d+: (.+) \(Weeks (\d+-\d+)\)\*\*/);
    if (head) phases.push({ title: grp(head, 1), weeks: grp(head, 2), duration: "", objective: "", keyActivities: [], deliverables: [] });
    const cur = phases.at(-1);
    const field = line.match(/^- \*\*(Objective|Duration|Key Activities|Deliverables)\*\*:\s*(.+)$/);
    if (!cur || !field) continue;
    const value = grp(field, 2).trim();
    if (grp(field, 1) === "Objective") cur.objective = value;
    if (grp(field, 1) === "Duration") cur.duration = value;
    if (grp(field, 1) === "Key Activities") cur.keyActivities = value.split(", ");
    if (grp(field, 1) === "Deliverables") cur.deliverables = value.split(", ");
  }
  return phases;
}

function parseChecklist(lines: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of sectionLines(lines, /^## \*\*📊 Execution Checklist\*\*/, /^## /)) {
    const m = line.match(/^- \[ \] \*\*Day (\d+)\*\*:\s*(.+)$/);
    if (m) out.set(Number(grp(m, 1)), grp(m, 2).trim());
  }
  return out;
}

function parseTroubleshooting(lines: string[]): Troubleshooting {
  const body = sectionLines(lines, /^## \*\*🚨 Troubleshooting Quick Reference\*\*/, /^## /);
  const ids = ["pod-pending", "service-not-accessible", "monitoring-not-working", "rolling-update-failed", "hpa-not-scaling"];
  const issues: Troubleshooting["issues"] = [];
  let reference: Reference | undefined;
  for (let i = 0; i < body.length; i++) {
    const line = lineAt(body, i);
    const head = line.match(/^#### \*\*Issue (\d+): (.+)\*\*/);
    if (head) issues.push({ id: ids[Number(grp(head, 1)) - 1] ?? `issue-${grp(head, 1)}`, title: grp(head, 2), commands: [], cause: "", solution: "" });
    const cur = issues.at(-1);
    if (line.startsWith("```bash") && cur) {
      const { block, end } = readFence(body, i);
      i = end;
      cur.commands.push(...block.filter((l) => l.trim()).map((l) => l.trimEnd()));
    }
    const cause = bulletField(line, "Cause");
    const solution = bulletField(line, "Solution");
    if (cur && cause !== undefined) cur.cause = cause;
    if (cur && solution !== undefined) cur.solution = solution;
    const ref = line.match(/^\*\*Reference Document\*\*:\s*(.+)$/);
    if (ref) reference = parseReferences(grp(ref, 1))[0];
  }
  if (!reference) throw new Error("guide: troubleshooting reference missing");
  return { reference, issues };
}

function parseContacts(lines: string[]): Contact[] {
  const body = sectionLines(lines, /^## \*\*📞 Support and Escalation\*\*/, /^---/);
  const contacts: Contact[] = [];
  for (const line of body) {
    const head = line.match(/^### \*\*(.+)\*\*/);
    if (head) contacts.push({ team: grp(head, 1), email: "", phone: "", hours: "" });
    const field = line.match(/^- \*\*(Email|Phone|Hours)\*\*:\s*(.+)$/);
    const cur = contacts.at(-1);
    if (cur && field) cur[grp(field, 1).toLowerCase() as "email" | "phone" | "hours"] = grp(field, 2).trim();
  }
  return contacts;
}

function parseSchedule(lines: string[], checklist: Map<number, string>): { days: ParsedDay[]; phaseTitles: Map<number, [string, number]> } {
  const body = sectionLines(lines, /^## \*\*📅 Detailed Execution Schedule\*\*/, /^## \*\*📊 Execution Checklist/);
  const days: ParsedDay[] = [];
  const phaseTitles = new Map<number, [string, number]>();
  let phase = 0;
  let stepLines: string[] = [];
  let step: ParsedStep | undefined;
  const closeStep = () => {
    if (!step) return;
    step.substeps = parseSubsteps(stepLines);
    step.applies = deriveApplies(step.substeps);
    stepLines = [];
    step = undefined;
  };
  for (const line of body) {
    const ph = line.match(/^## .*\*\*PHASE (\d+): (.+) \(Week (\d+)\)\*\*/);
    const day = line.match(/^### \*\*Day (\d+): (.+)\*\*/);
    const st = line.match(/^#### \*\*Step (\d+)\.(\d+): (.+)\*\*/);
    if (ph || day || st || /^---/.test(line)) closeStep();
    if (ph) {
      phase = Number(grp(ph, 1));
      phaseTitles.set(phase, [grp(ph, 2), Number(grp(ph, 3))]);
    } else if (day) {
      const n = Number(grp(day, 1));
      days.push({ day: n, phase, title: grp(day, 2).trim(), checklist: checklist.get(n) ?? "", steps: [] });
    } else if (st) {
      const d = days.at(-1)!;
      step = {
        id: `d${String(d.day).padStart(2, "0")}-s${grp(st, 2)}`,
        number: `${grp(st, 1)}.${grp(st, 2)}`,
        title: grp(st, 3).trim(),
        objective: "",
        substeps: [],
        references: [],
        applies: [],
      };
      d.steps.push(step);
    } else if (step) {
      const obj = line.match(/^\*\*Objective\*\*:\s*(.+)$/);
      const ref = line.match(/^\*\*Reference Document\*\*:\s*(.+)$/);
      if (obj) step.objective = grp(obj, 1).trim();
      else if (ref) step.references = parseReferences(grp(ref, 1));
      else stepLines.push(line);
    }
  }
  closeStep();
  return { days, phaseTitles };
}

export function parseGuide(markdown: string): ParsedGuide {
  const lines = markdown.split(/\r?\n/);
  const title = stripBold(lineAt(lines, 0).replace(/^#\s*/, "")).replace(/^\p{Extended_Pictographic}\s*/u, "");
  const version = docInfo(lines, "Version");
  const executionTime = docInfo(lines, "Execution Time");
  const summary = sectionLines(lines, /^### \*\*Execution Overview\*\*/, /^###/).join(" ").trim();
  const howToUse = sectionLines(lines, /^### \*\*How to Use This Guide\*\*/, /^---/)
    .map((l) => l.match(/^\d+\. \*\*(.+?)\*\* - (.+)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ item: grp(m, 1), detail: grp(m, 2).trim() }));
  const prerequisites = checkboxItems(sectionLines(lines, /^### \*\*Prerequisites Verification\*\*/, /^###/));
  const requiredKnowledge = checkboxItems(sectionLines(lines, /^### \*\*Required Knowledge\*\*/, /^---/));
  const framework = parseFramework(lines);
  const { days, phaseTitles } = parseSchedule(lines, parseChecklist(lines));
  const phases = framework.map(({ title: phaseTitle, ...fw }, i) => {
    const number = i + 1;
    return {
      number,
      title: phaseTitle,
      week: phaseTitles.get(number)?.[1] ?? 0,
      framework: fw,
      days: days.filter((d) => d.phase === number).map((d) => d.day),
    };
  });
  return {
    course: { title, version, summary, executionTime, phases, prerequisites, requiredKnowledge, howToUse },
    days,
    troubleshooting: parseTroubleshooting(lines),
    contacts: parseContacts(lines),
  };
}
