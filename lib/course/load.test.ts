import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  allSteps,
  clearCourseCache,
  dayOfStep,
  findDay,
  findStep,
  loadCourse,
  previousStep,
  stepsByDay,
} from "./load";

const courseDir = path.resolve(import.meta.dirname, "../../course");

afterEach(() => {
  delete process.env.DAYBOOK_CONTACTS_FILE;
  clearCourseCache();
});

describe("loadCourse on the committed plan", () => {
  const course = loadCourse(courseDir);
  const steps = allSteps(course);
  const step = (id: string) => {
    const found = findStep(course, id);
    if (!found) throw new Error(`step ${id} missing`);
    return found;
  };
  const substep = (id: string, i: number) => {
    const found = step(id).substeps[i];
    if (!found) throw new Error(`step ${id} has no sub-step ${i}`);
    return found;
  };

  it("has 20 days and 40 steps numbered 1.1 … 20.2 in order", () => {
    expect(course.days.map((d) => d.day)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(steps).toHaveLength(40);
    expect(steps[0]?.number).toBe("1.1");
    expect(steps.at(-1)?.number).toBe("20.2");
    expect(steps.map((s) => s.id)).toEqual(
      course.days.flatMap((d) => d.steps.map((_, i) => `d${String(d.day).padStart(2, "0")}-s${i + 1}`)),
    );
  });

  it("has unique step ids and unique check ids within each step", () => {
    expect(new Set(steps.map((s) => s.id)).size).toBe(40);
    for (const step of steps) {
      const ids = step.checks.map((c) => c.id);
      expect(new Set(ids).size, step.id).toBe(ids.length);
    }
  });

  it("gives every sub-step commands or actions plus purpose, expected output and verification", () => {
    const substeps = steps.flatMap((s) => s.substeps.map((sub) => ({ step: s.id, ...sub })));
    expect(substeps).toHaveLength(81); // Step 3.1 has three sub-steps, every other step two
    for (const sub of substeps) {
      expect(sub.commands.length + sub.actions.length, `${sub.step} ${sub.title}`).toBeGreaterThan(0);
      expect(sub.purpose).not.toBe("");
      expect(sub.expected).not.toBe("");
      expect(sub.verification).not.toBe("");
    }
  });

  it("preserves the guide's commands exactly", () => {
    expect(substep("d04-s1", 1).commands).toEqual([
      'kubectl exec -it -n ecommerce deployment/ecommerce-database-deployment -- psql -U postgres -d ecommerce -c "SELECT version();"',
    ]);
    expect(substep("d06-s1", 0).commands[0]).toBe(
      "kubectl set image deployment/ecommerce-backend-deployment ecommerce-backend=ecommerce-backend:v2.0.0 -n ecommerce",
    );
    const sql = substep("d04-s2", 1);
    expect(sql.language).toBe("sql");
    expect(sql.commands).toHaveLength(1);
    expect(sql.commands[0]).toMatch(/^CREATE TABLE products \(\n {4}id SERIAL PRIMARY KEY,/);
    expect(sql.commands[0]).toContain("('Keyboard', 'Mechanical keyboard', 79.99, 'Electronics');");
    expect(substep("d05-s1", 1).commands).toContain("# Open browser to http://localhost:3000");
    expect(substep("d16-s1", 0).commands[0]).toBe(
      "helm install ecommerce-prod ./templates \\\n  --namespace ecommerce \\\n  --create-namespace \\\n  -f environments/production/values.yaml",
    );
  });

  it("keeps purpose, expected output and verification verbatim", () => {
    const sub = substep("d01-s1", 0);
    expect(sub.purpose).toBe("Ensure cluster is healthy and accessible");
    expect(sub.expected).toBe("All nodes Ready, cluster info available");
    expect(sub.verification).toBe("`kubectl get nodes` shows all nodes in Ready state");
  });

  it("records references with sections and the manifests each step applies", () => {
    expect(step("d01-s1").references).toEqual([{ path: "docs/04-deployment-guide.md", section: "1.1" }]);
    expect(step("d03-s1").applies).toEqual(["k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml"]);
    expect(step("d11-s1").applies).toEqual([
      "monitoring/prometheus-deployment.yaml",
      "monitoring/prometheus-service.yaml",
      "monitoring/prometheus-config.yaml",
    ]);
    expect(step("d16-s1").applies).toEqual(["templates/", "environments/production/values.yaml"]);
  });

  it("gives every step a check, with manual checks only for human work", () => {
    const humanOnly = steps.filter((s) => s.checks.every((c) => c.kind === "manual")).map((s) => s.id);
    expect(humanOnly).toEqual(["d17-s1", "d17-s2", "d19-s1", "d19-s2", "d20-s2"]);
    expect(step("d20-s2").signoff).toEqual(["technicalLead", "projectManager", "stakeholder"]);
    expect(steps.filter((s) => s.signoff).map((s) => s.id)).toEqual(["d20-s2"]);
  });

  it("maps phases to weeks 1-4 and keeps the 8-week framework for reference", () => {
    expect(course.phases.map((p) => [p.number, p.week, p.framework.weeks, p.days])).toEqual([
      [1, 1, "1-2", [1, 2, 3, 4, 5]],
      [2, 2, "3-4", [6, 7, 8, 9, 10]],
      [3, 3, "5-6", [11, 12, 13, 14, 15]],
      [4, 4, "7-8", [16, 17, 18, 19, 20]],
    ]);
    expect(course.calendarNote).toMatch(/20-day/);
    expect(findDay(course, 7)?.checklist).toBe("Resource management (quotas, limits, PDBs)");
    expect(course.troubleshooting.issues.map((i) => i.id)).toHaveLength(5);
  });

  it("navigates steps", () => {
    expect(previousStep(course, "d02-s1")?.id).toBe("d01-s2");
    expect(previousStep(course, "d01-s1")).toBeUndefined();
    expect(stepsByDay(course).get(14)?.map((s) => s.number)).toEqual(["14.1", "14.2"]);
    expect(dayOfStep(course, "d14-s2")?.title).toBe("Auto-scaling Implementation");
    expect(findStep(course, "d99-s1")).toBeUndefined();
  });

  it("caches the parsed course", () => {
    expect(loadCourse(courseDir)).toBe(loadCourse(courseDir));
  });
});
