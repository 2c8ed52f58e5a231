import { z } from "zod";

// The guide's imperative commands (kubectl set image, rollout undo, label, drain, psql …) as data, so
// Daybook can run them from the browser with kubectl's semantics and course:test can replay them.
const name = z.string().min(1);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case");
const op = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.object({ kind: z.literal(kind), id, label: name, ...shape }).strict();

export const operationSchema = z.discriminatedUnion("kind", [
  op("setImage", { deployment: name, container: name, image: name }),
  op("rolloutStatus", { deployment: name, timeoutSeconds: z.number().int().positive().max(900).optional() }),
  op("rolloutUndo", { deployment: name, toRevision: z.number().int().positive().optional() }),
  op("label", { resource: z.enum(["pods", "services", "deployments"]), key: name, value: name, overwrite: z.boolean().optional() }),
  op("drain", { node: z.literal("busiest"), ignoreDaemonSets: z.boolean(), deleteEmptyDirData: z.boolean().optional(), timeoutSeconds: z.number().int().positive().max(900).optional() }),
  op("uncordon", {}),
  op("evictDryRun", { selector: name }),
  op("execSql", { deployment: name, container: name.optional(), user: name, database: name, files: z.array(name).min(1) }),
  op("helmUpgradeInstall", { release: name, chart: name, values: z.array(name) }),
  // What course:test uses to break a step on purpose (and what an instructor could use to demonstrate).
  op("scale", { deployment: name, replicas: z.number().int().min(0) }),
  op("editConfigMap", { name, key: name, find: name, replace: z.string() }),
  op("deleteKey", { resourceKind: z.enum(["ConfigMap", "Secret"]), name, key: name }),
  op("deleteObject", { apiVersion: name, resourceKind: name, name }),
  op("execSqlStatement", { deployment: name, container: name.optional(), user: name, database: name, sql: name }),
]);

export type Operation = z.infer<typeof operationSchema>;
export type OperationKind = Operation["kind"];

/** How course:test proves a step's checks both ways (Instruqt's `track test`, as data). */
export const selfTestSchema = z
  .object({
    /** Checks that already pass on an empty namespace, with why (e.g. they verify the cluster, not the work). */
    passBefore: z.array(z.object({ check: id, why: name }).strict()).optional(),
    breaks: z
      .array(
        z
          .object({
            do: z.array(operationSchema).min(1),
            fails: z.array(id).min(1),
            /** What puts it right again; by default the step is applied again. */
            repair: z.array(operationSchema).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type SelfTest = z.infer<typeof selfTestSchema>;
