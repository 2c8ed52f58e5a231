// Regenerates course/plan/*.yaml from the client's execution guide.
// Hand-written `checks` and `signoff` in existing day files are kept, matched by step id.
// Usage: npx tsx scripts/course/import-guide.ts [guide.md] [courseDir]
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { parseGuide } from "./parse-guide";

const CALENDAR_NOTE =
  "The guide's Execution Framework spreads the four phases over 8 weeks, while its Detailed Execution Schedule " +
  "runs them in 20 working days (one week per phase). Daybook renders the 20-day schedule; each phase's " +
  "framework weeks, duration, activities and deliverables are shown for reference only.";

const guidePath = path.resolve(process.argv[2] ?? "course/source/execution-guide.md");
const courseDir = path.resolve(process.argv[3] ?? "course");
const planDir = path.join(courseDir, "plan");
const daysDir = path.join(planDir, "days");

const dump = (data: unknown) => yaml.dump(data, { lineWidth: -1, noRefs: true, quotingType: '"' });
const write = (file: string, data: unknown) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, dump(data));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
};

type Kept = { checks?: unknown[]; signoff?: unknown[] };
function keptByStepId(file: string): Map<string, Kept> {
  if (!fs.existsSync(file)) return new Map();
  const doc = yaml.load(fs.readFileSync(file, "utf8")) as { steps?: ({ id: string } & Kept)[] };
  return new Map((doc.steps ?? []).map((s) => [s.id, { checks: s.checks, signoff: s.signoff }]));
}

const guide = parseGuide(fs.readFileSync(guidePath, "utf8"));
const { phases, ...rest } = guide.course;
write(path.join(planDir, "course.yaml"), {
  title: rest.title,
  version: rest.version,
  summary: rest.summary,
  executionTime: rest.executionTime,
  calendarNote: CALENDAR_NOTE,
  phases,
  prerequisites: rest.prerequisites,
  requiredKnowledge: rest.requiredKnowledge,
  howToUse: rest.howToUse,
});

for (const day of guide.days) {
  const file = path.join(daysDir, `day-${String(day.day).padStart(2, "0")}.yaml`);
  const kept = keptByStepId(file);
  const steps = day.steps.map((step) => {
    const k = kept.get(step.id) ?? {};
    return { ...step, checks: k.checks ?? [], ...(k.signoff ? { signoff: k.signoff } : {}) };
  });
  write(file, { ...day, steps });
}

write(path.join(planDir, "troubleshooting.yaml"), guide.troubleshooting);
write(path.join(courseDir, "support-contacts.yaml"), guide.contacts);
