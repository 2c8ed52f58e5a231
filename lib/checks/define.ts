import { z } from "zod";
import type { PackObject } from "@/lib/pack/inventory";
import type { ClusterReads, Verdict } from "./types";

const checkBase = {
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case"),
  title: z.string().min(1),
  substep: z.number().int().positive().optional(),
  settle: z.object({ timeoutSeconds: z.number().int().positive().max(900) }).strict().optional(),
  /** "once": a moment in a procedure (e.g. the update before a rollback); re-verification keeps its earlier pass. */
  observe: z.enum(["always", "once"]).optional(),
};

/** The schema of one check kind: its own parameters next to the fields every check has. */
export const checkSchemaOf = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ kind: z.literal(kind), ...checkBase, ...shape }).strict();

/** What a kind's course lint can see of the pack. */
export type LintContext = { objects: PackObject[]; exists(relPath: string): boolean };

export type CheckModule<C, F> = {
  /** Reads the cluster (through `reads`, i.e. lib/k8s); never decides anything. */
  fetch(reads: ClusterReads, check: C): Promise<F>;
  /** Decides from what was read; pure, so recorded API objects can test it. */
  evaluate(fetched: F, check: C): Verdict;
  /** Course-pack lint: names the check looks for that the pack does not define. */
  lint?(check: C, pack: LintContext): string[];
};

export function defineCheck<S extends z.ZodType, F>(schema: S, module: CheckModule<z.infer<S>, F>) {
  return { schema, ...module };
}

export const namespace = z.string().min(1);
export const name = z.string().min(1);
export const labelSelector = z.string().min(1);

/** Any kind's module, seen from the registry: what it fetched is only passed back to its own evaluate. */
export type CheckModuleFor<C> = {
  fetch(reads: ClusterReads, check: C): Promise<unknown>;
  evaluate(fetched: never, check: C): Verdict;
  lint?(check: C, pack: LintContext): string[];
};
