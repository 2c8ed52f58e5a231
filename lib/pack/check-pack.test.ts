import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yaml from "js-yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkPack, summaryLine } from "./check-pack";
import { readCourse } from "@/lib/course/load";

const courseDir = path.resolve(import.meta.dirname, "../../course");
const PACK_DIRS = ["plan", "k8s-manifests", "monitoring", "templates", "environments", "validation", "docs", "database"];
let dir: string;

// A copy of the real plan and pack, with stub files for any doc or script not written yet.
function completePack(): string {
  const out = path.join(dir, "course");
  for (const d of PACK_DIRS) {
    if (fs.existsSync(path.join(courseDir, d))) fs.cpSync(path.join(courseDir, d), path.join(out, d), { recursive: true });
  }
  for (const f of ["support-contacts.yaml", "images.yaml"]) fs.copyFileSync(path.join(courseDir, f), path.join(out, f));
  const course = readCourse(out);
  const steps = course.days.flatMap((d) => d.steps);
  const wanted = [
    ...steps.flatMap((s) => s.references.map((r) => r.path)),
    ...steps.flatMap((s) => s.checks).flatMap((c) => (c.kind === "validationSuite" ? [`validation/${c.suite}.sh`] : [])),
    course.troubleshooting.reference.path,
  ];
  for (const rel of wanted) {
    const full = path.join(out, rel);
    if (rel.endsWith("/")) fs.mkdirSync(full, { recursive: true });
    else if (!fs.existsSync(full)) {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, "stub\n");
    }
  }
  return out;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-pack-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("checkPack", () => {
  it("passes a complete pack and counts steps, automated checks and manifests", () => {
    const pack = completePack();
    const report = checkPack(pack);
    expect(report.errors).toEqual([]);
    expect(report.steps).toBe(40);
    const checks = readCourse(pack).days.flatMap((d) => d.steps.flatMap((s) => s.checks));
    expect(report.automatedChecks).toBe(checks.filter((c) => c.kind !== "manual").length);
    const yamlIn = (d: string) =>
      fs.existsSync(path.join(pack, d))
        ? fs.readdirSync(path.join(pack, d), { recursive: true }).filter((f) => /\.ya?ml$/.test(String(f))).length
        : 0;
    expect(report.manifests).toBe(yamlIn("k8s-manifests") + yamlIn("monitoring") + yamlIn("templates/templates"));
    expect(summaryLine(report)).toBe(`course: 40 steps, ${report.automatedChecks} automated checks, ${report.manifests} manifests, 0 errors`);
  });

  it("reports a missing applied manifest, a broken manifest and a missing validation script", () => {
    const pack = completePack();
    fs.rmSync(path.join(pack, "k8s-manifests/06-pod-disruption-budgets.yaml"));
    fs.writeFileSync(path.join(pack, "monitoring/grafana-service.yaml"), "kind: [broken\n");
    fs.rmSync(path.join(pack, "validation/health-check.sh"));
    const report = checkPack(pack);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        "step 7.2 (d07-s2): applies k8s-manifests/06-pod-disruption-budgets.yaml, which does not exist in the pack",
        "step 7.2 (d07-s2): references k8s-manifests/06-pod-disruption-budgets.yaml, which does not exist in the pack",
        expect.stringMatching(/monitoring\/grafana-service\.yaml: invalid YAML/),
        "step 10.1 (d10-s1) check health-check: validation/health-check.sh does not exist",
      ]),
    );
    expect(summaryLine(report)).toMatch(new RegExp(`, ${report.errors.length} errors$`));
  });

  it("flags checks whose names the pack does not declare", () => {
    const pack = completePack();
    const file = path.join(pack, "plan/days/day-03.yaml");
    const day = yaml.load(fs.readFileSync(file, "utf8")) as any;
    day.steps[0].checks[0].name = "ecommerce-backend";
    day.steps[1].checks[2].port = 80;
    fs.writeFileSync(file, yaml.dump(day));
    expect(checkPack(pack).errors).toEqual(
      expect.arrayContaining([
        'step 3.1 (d03-s1) check backend-available: no Deployment "ecommerce-backend" in the pack manifests',
        'step 3.2 (d03-s2) check frontend-http: Service "ecommerce-frontend-service" exposes no port 80 in the pack',
      ]),
    );
  });

  it("reports plan errors with file and field instead of throwing", () => {
    const pack = completePack();
    const file = path.join(pack, "plan/days/day-02.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^title: .*$/m, ""));
    const report = checkPack(pack);
    expect(report.steps).toBe(0);
    expect(report.errors).toContain(`${file}: title: Required`);
  });
});
