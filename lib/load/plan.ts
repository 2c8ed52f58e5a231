import { prepareCheck } from "@/lib/checks/prepare";
import { courseSuites, resolveSuite, type SuitesFile } from "@/lib/checks/suites";
import type { TeamSettings } from "@/lib/checks/types";
import { defaultCourseDir } from "@/lib/course/load";
import type { Step } from "@/lib/course/schema";
import { targetOf } from "./target";
import type { LoadTargetSpec } from "./types";

/**
 * The load a step's checks ask for: its loadTest checks and those of the validation suites it runs (ids
 * as the suite's results carry them, "performance-test/products-under-load"), in the team's namespace.
 */
export function loadTargetsOf(step: Step, suites: SuitesFile, team?: TeamSettings): LoadTargetSpec[] {
  return step.checks.flatMap((raw) => {
    const c = team ? prepareCheck(raw, team) : raw;
    if (c.kind === "loadTest") return [targetOf(c)];
    if (c.kind !== "validationSuite") return [];
    return resolveSuite(suites, c.suite, c.args).flatMap(({ suite, check }) => (check.kind === "loadTest" ? [targetOf({ ...check, id: `${suite}/${check.id}` })] : []));
  });
}

/**
 * DAYBOOK_TIME_SCALE shortens load durations for tests (0.01 makes Day 10's 300 s last 3 s); the page keeps
 * showing the course's durations. Anything but a number in (0, 1] means no scaling.
 */
export function timeScale(raw = process.env.DAYBOOK_TIME_SCALE): number {
  const n = Number(raw);
  return raw && Number.isFinite(n) && n > 0 && n <= 1 ? n : 1;
}

/**
 * DAYBOOK_LOAD_MAX_CONNECTIONS caps each target's connections, for tests on a machine that cannot serve the
 * course's 200 (the control plane, the simulated pods and the load share its cores). Unset: the course's numbers.
 */
export function connectionCap(raw = process.env.DAYBOOK_LOAD_MAX_CONNECTIONS): number | undefined {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** How long a target's load lasts in this run: at least one second, however small the scale. */
export const scaledDurationMs = (durationSeconds: number, scale: number) => Math.max(1000, Math.round(durationSeconds * 1000 * scale));

/** The step's load targets with the course pack's suites (the team's namespace when given). */
export const stepLoadTargets = (step: Step, team?: TeamSettings) => loadTargetsOf(step, courseSuites(defaultCourseDir()), team);
