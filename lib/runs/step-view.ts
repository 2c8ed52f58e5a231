import type { Step } from "@/lib/course/schema";
import { stepLoadTargets } from "@/lib/load/plan";

/** What the browser needs to know about a step to drive the engine (plain data, no course internals). */
export type StepView = {
  id: string;
  number: string;
  manifests: string[];
  helm: boolean;
  operations: { id: string; label: string; kind: string }[];
  checks: { id: string; title: string; kind: string; once: boolean; prompt?: string; fields?: { id: string; label: string; type: string; required?: boolean }[] }[];
  /** The step has a performance test (a load check of its own or in a suite it runs). */
  load: boolean;
};

export function stepView(step: Step): StepView {
  return {
    id: step.id,
    number: step.number,
    manifests: step.applies.filter((f) => /^(k8s-manifests|monitoring)\//.test(f)),
    helm: (step.operations ?? []).some((o) => o.kind === "helmUpgradeInstall"),
    operations: (step.operations ?? []).map((o) => ({ id: o.id, label: o.label, kind: o.kind })),
    checks: step.checks.map((c) => ({ id: c.id, title: c.title, kind: c.kind, once: c.observe === "once", ...(c.kind === "manual" ? { prompt: c.prompt, fields: c.fields } : {}) })),
    load: stepLoadTargets(step).length > 0,
  };
}
