import { z } from "zod";

// Each kind says WHAT to verify; the engine maps it to a few API reads (see research/kube-operations.md).

const name = z.string().min(1);
const namespace = name;
const labelSelector = z.string().min(1);

const checkBase = {
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case"),
  title: z.string().min(1),
  substep: z.number().int().positive().optional(),
  settle: z.object({ timeoutSeconds: z.number().int().positive() }).strict().optional(),
};

const kind = <K extends string, S extends z.ZodRawShape>(k: K, shape: S) =>
  z.object({ kind: z.literal(k), ...checkBase, ...shape }).strict();

export const checkSchema = z.discriminatedUnion("kind", [
  kind("clusterReachable", {}),
  kind("nodesReady", { minNodes: z.number().int().positive() }),
  kind("apiResources", { resources: z.array(name).min(1) }),
  kind("storageClassExists", { requireDefault: z.boolean().optional() }),
  kind("namespaceExists", { name }),
  kind("resourceExists", {
    apiVersion: name,
    resourceKind: name,
    namespace: namespace.optional(),
    name: name.optional(),
    minCount: z.number().int().positive().optional(),
  }),
  kind("resourceQuotaEnforced", { namespace, name: name.optional() }),
  kind("resourceLimitsSet", { namespace, selector: labelSelector.optional() }),
  kind("metricsAvailable", {
    scope: z.enum(["pods", "nodes"]),
    namespace: namespace.optional(),
    maxPercentOfLimit: z.number().positive().optional(),
  }),
  // keys listed here and/or every key the pack manifest declares for this object; never values
  kind("configMapKeys", { namespace, name, keys: z.array(name).min(1).optional(), manifest: name.optional() }),
  kind("secretKeys", { namespace, name, keys: z.array(name).min(1).optional(), manifest: name.optional() }),
  kind("deploymentAvailable", { namespace, name, minReady: z.number().int().positive().optional() }),
  kind("podsReady", { namespace, selector: labelSelector, minReady: z.number().int().positive() }),
  kind("podContainers", {
    namespace,
    deployment: name,
    containers: z.array(name).optional(),
    initContainersCompleted: z.array(name).optional(),
  }),
  // pattern: a regular expression, matched case-insensitively
  kind("podLogsContain", { namespace, deployment: name, container: name.optional(), pattern: z.string().min(1) }),
  kind("execSucceeds", {
    namespace,
    deployment: name,
    container: name.optional(),
    command: z.array(z.string()).min(1),
    expectContains: z.string().optional(),
    expectFailure: z.boolean().optional(),
  }),
  kind("httpViaServiceProxy", {
    namespace,
    service: name,
    port: z.number().int().positive(),
    path: z.string().startsWith("/"),
    expectStatus: z.number().int(),
    expectBodyContains: z.string().optional(),
    maxLatencyMs: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().optional(),
  }),
  kind("httpUrl", {
    url: z.url(),
    expectStatus: z.number().int(),
    expectBodyContains: z.string().optional(),
  }),
  kind("rolloutComplete", { namespace, deployment: name }),
  kind("rolloutHistory", { namespace, deployment: name, minRevision: z.number().int().positive() }),
  kind("deploymentImage", { namespace, deployment: name, container: name, image: name.optional(), notImage: name.optional() }),
  kind("probesConfigured", {
    namespace,
    deployment: name,
    container: name,
    liveness: z.boolean(),
    readiness: z.boolean(),
  }),
  kind("pdbHealthy", { namespace, name: name.optional() }),
  kind("labelSelectorMatches", {
    namespace,
    resource: z.enum(["pods", "services", "deployments", "all"]),
    selector: labelSelector,
    minCount: z.number().int().positive().optional(),
    allInNamespace: z.boolean().optional(),
  }),
  kind("canI", {
    as: z.string().startsWith("system:serviceaccount:"),
    verb: name,
    resource: name,
    namespace,
    expect: z.boolean(),
  }),
  kind("networkPolicyExists", { namespace, name: name.optional(), minCount: z.number().int().positive().optional() }),
  kind("hpaExists", {
    namespace,
    name,
    minReplicas: z.number().int().positive().optional(),
    maxReplicas: z.number().int().positive().optional(),
    scalingActive: z.boolean().optional(),
  }),
  kind("crdInstalled", { group: name, version: name, resource: name }),
  kind("vpaExists", { namespace, name, requireRecommendation: z.boolean().optional() }),
  kind("helmRelease", { namespace, release: name, status: z.enum(["deployed", "failed", "pending-install"]) }),
  kind("validationSuite", {
    suite: z.enum(["run-tests", "health-check", "performance-test", "smoke-tests"]),
    args: z.array(z.string()),
  }),
  kind("manual", { prompt: z.string().min(1) }),
]);

const keysOrManifest = (c: { kind: string; keys?: string[]; manifest?: string }) =>
  !(c.kind === "configMapKeys" || c.kind === "secretKeys") || c.keys !== undefined || c.manifest !== undefined;
const imageOrNot = (c: { kind: string; image?: string; notImage?: string }) =>
  c.kind !== "deploymentImage" || (c.image === undefined) !== (c.notImage === undefined);

export const validCheckSchema = checkSchema
  .refine(keysOrManifest, { message: "give keys, manifest, or both", path: ["keys"] })
  .refine(imageOrNot, { message: "give exactly one of image or notImage", path: ["image"] });

export type Check = z.infer<typeof checkSchema>;
export type CheckKind = Check["kind"];
export type CheckOf<K extends CheckKind> = Extract<Check, { kind: K }>;
export const checkKinds = checkSchema.options.map((o) => o.shape.kind.value) as CheckKind[];
