import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseGuide } from "../../scripts/course/parse-guide";
import { allSteps, loadCourse } from "./load";

// The plan under course/plan was imported from this copy of the client's guide; the upstream copy
// (../shared) is compared too when this checkout sits next to it.
const guidePath = path.resolve(import.meta.dirname, "../../course/source/execution-guide.md");
const upstreamPath = path.resolve(import.meta.dirname, "../../../shared/course/execution-guide.md");

it.skipIf(!fs.existsSync(upstreamPath))("the committed guide is the upstream guide", () => {
  expect(fs.readFileSync(guidePath, "utf8")).toBe(fs.readFileSync(upstreamPath, "utf8"));
});

describe("committed plan matches the execution guide", () => {
  const guide = parseGuide(fs.readFileSync(guidePath, "utf8"));
  const course = loadCourse(path.resolve(import.meta.dirname, "../../course"));

  it("has the guide's 40 steps with identical text, commands, references and applies", () => {
    const fromGuide = guide.days.flatMap((d) => d.steps);
    // Checks, operations and self-tests are Daybook's additions; everything the guide says must match it.
    const committed = allSteps(course).map(({ checks: _checks, signoff: _signoff, operations: _operations, selfTest: _selfTest, ...text }) => text);
    expect(committed).toEqual(fromGuide);
  });

  it("has the guide's days, phases, troubleshooting and default contacts", () => {
    expect(course.days.map(({ steps: _s, ...d }) => d)).toEqual(guide.days.map(({ steps: _s, ...d }) => d));
    expect(course.phases).toEqual(guide.course.phases);
    expect(course.troubleshooting).toEqual(guide.troubleshooting);
    expect(course.contacts).toEqual(guide.contacts);
  });

  it("finds every command line of the guide's code blocks in the plan", () => {
    const markdown = fs.readFileSync(guidePath, "utf8");
    const planText = JSON.stringify(course);
    const schedule = markdown.slice(markdown.indexOf("Detailed Execution Schedule"), markdown.indexOf("📊 Execution Checklist"));
    const lines = [...schedule.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? "").split("\n"));
    const commands = lines.map((l) => l.trim()).filter(Boolean);
    expect(commands.length).toBeGreaterThan(80);
    for (const cmd of commands) expect(planText, cmd).toContain(JSON.stringify(cmd).slice(1, -1));
  });
});
