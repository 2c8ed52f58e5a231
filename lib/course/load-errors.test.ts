import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yaml from "js-yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearCourseCache, CourseLoadError, loadCourse } from "./load";

const courseDir = path.resolve(import.meta.dirname, "../../course");
let tmp: string;

function copyCourse(): string {
  const dir = path.join(tmp, "course");
  fs.cpSync(path.join(courseDir, "plan"), path.join(dir, "plan"), { recursive: true });
  fs.copyFileSync(path.join(courseDir, "support-contacts.yaml"), path.join(dir, "support-contacts.yaml"));
  return dir;
}

function editYaml(file: string, edit: (doc: any) => void) {
  const doc = yaml.load(fs.readFileSync(file, "utf8"));
  edit(doc);
  fs.writeFileSync(file, yaml.dump(doc));
}

function loadError(dir: string): CourseLoadError {
  try {
    loadCourse(dir);
  } catch (err) {
    if (err instanceof CourseLoadError) return err;
    throw err;
  }
  throw new Error("expected loadCourse to fail");
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-course-"));
  clearCourseCache();
});

afterEach(() => {
  delete process.env.DAYBOOK_CONTACTS_FILE;
  fs.rmSync(tmp, { recursive: true, force: true });
  clearCourseCache();
});

describe("loadCourse on a broken course", () => {
  it("names the file and the field path of a missing field", () => {
    const dir = copyCourse();
    const file = path.join(dir, "plan/days/day-03.yaml");
    editYaml(file, (doc) => delete doc.steps[0].substeps[1].purpose);
    const err = loadError(dir);
    expect(err.message).toContain(`${file}: steps[0].substeps[1].purpose: Required`);
    expect(err.issues).toEqual([{ file, path: "steps[0].substeps[1].purpose", message: "Required" }]);
  });

  it("reports an unknown check kind with its path", () => {
    const dir = copyCourse();
    editYaml(path.join(dir, "plan/days/day-01.yaml"), (doc) => {
      doc.steps[0].checks[1].kind = "nodesReadyish";
    });
    expect(loadError(dir).message).toMatch(/day-01\.yaml: steps\[0\]\.checks\[1\]\.kind: /);
  });

  it("reports invalid YAML with the file name", () => {
    const dir = copyCourse();
    fs.writeFileSync(path.join(dir, "plan/troubleshooting.yaml"), "issues: [unclosed\n");
    expect(loadError(dir).message).toMatch(/troubleshooting\.yaml: invalid YAML/);
  });

  it("rejects a missing day, a duplicated step id and a duplicated check id", () => {
    const dir = copyCourse();
    fs.rmSync(path.join(dir, "plan/days/day-20.yaml"));
    editYaml(path.join(dir, "plan/days/day-05.yaml"), (doc) => {
      doc.steps[1].id = "d05-s1";
      doc.steps[0].checks[1].id = doc.steps[0].checks[0].id;
    });
    const message = loadError(dir).message;
    expect(message).toContain("expected 20 day files, found 19");
    expect(message).toContain("day 20 is missing");
    expect(message).toMatch(/day-05\.yaml: steps\[1\]\.id: expected "d05-s2", found "d05-s1"/);
    expect(message).toMatch(/day-05\.yaml: steps\[1\]\.id: duplicate step id "d05-s1"/);
    expect(message).toMatch(/day-05\.yaml: steps\[0\]\.checks\[1\]\.id: duplicate check id/);
  });

  it("rejects a day whose phase disagrees with course.yaml", () => {
    const dir = copyCourse();
    editYaml(path.join(dir, "plan/days/day-06.yaml"), (doc) => {
      doc.phase = 1;
    });
    expect(loadError(dir).message).toMatch(/day-06\.yaml: phase: day 6 says phase 1 but course.yaml lists it under phase 2/);
  });

  it("rejects a sub-step with neither commands nor actions", () => {
    const dir = copyCourse();
    editYaml(path.join(dir, "plan/days/day-17.yaml"), (doc) => {
      doc.steps[0].substeps[0].actions = [];
    });
    expect(loadError(dir).message).toMatch(/day-17\.yaml: steps\[0\]\.substeps\[0\]\.commands: needs at least one command or action/);
  });
});

describe("support contacts", () => {
  it("come from the default file next to the plan", () => {
    const course = loadCourse(copyCourse());
    expect(course.contacts[0]).toEqual({
      team: "Technical Support",
      email: "tech-support@company.com",
      phone: "(555) 123-9999",
      hours: "24/7",
    });
  });

  it("come from DAYBOOK_CONTACTS_FILE when it is set", () => {
    const dir = copyCourse();
    const file = path.join(tmp, "contacts.yaml");
    fs.writeFileSync(file, yaml.dump([{ team: "Platform On-Call", email: "oncall@client.example", phone: "+1 555 0100", hours: "24/7" }]));
    process.env.DAYBOOK_CONTACTS_FILE = file;
    expect(loadCourse(dir).contacts).toEqual([
      { team: "Platform On-Call", email: "oncall@client.example", phone: "+1 555 0100", hours: "24/7" },
    ]);
  });

  it("fail with the configured file name when that file is invalid", () => {
    const dir = copyCourse();
    const file = path.join(tmp, "contacts.yaml");
    fs.writeFileSync(file, yaml.dump([{ team: "Ops", email: "not-an-email", phone: "1", hours: "24/7" }]));
    process.env.DAYBOOK_CONTACTS_FILE = file;
    expect(loadError(dir).message).toContain(`${file}: [0].email: `);
  });
});
