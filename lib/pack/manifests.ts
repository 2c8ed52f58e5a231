/**
 * Course-pack manifests as data: the one parser of the multi-document YAML files under the course
 * folder, and the rewrites that target them at a team (namespace, images, generated Secrets).
 * Pure except for `loadManifests`, which reads a file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { defaultCourseDir } from "@/lib/course/load";

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The namespace every course manifest is written for. */
export const COURSE_NAMESPACE = "ecommerce";

/** Kinds that are not namespaced (the ones the pack or its tests can contain). */
const CLUSTER_SCOPED_KINDS = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PriorityClass",
  "IngressClass",
  "APIService",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
]);

export function isClusterScoped(obj: Pick<ManifestObject, "kind">): boolean {
  return CLUSTER_SCOPED_KINDS.has(obj.kind);
}

function isManifestObject(doc: unknown): doc is ManifestObject {
  if (!doc || typeof doc !== "object") return false;
  const d = doc as Record<string, unknown>;
  const meta = d.metadata as Record<string, unknown> | undefined;
  return typeof d.apiVersion === "string" && typeof d.kind === "string" && !!meta && typeof meta.name === "string";
}

export type ManifestDocuments = { objects: ManifestObject[]; errors: string[] };

/** Reads every document of a multi-document YAML string; empty documents are skipped, bad ones reported. */
export function readManifestDocuments(text: string, source = "<string>"): ManifestDocuments {
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text);
  } catch (err) {
    return { objects: [], errors: [`${source}: invalid YAML: ${(err as Error).message.split("\n")[0]}`] };
  }
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  docs.forEach((doc, i) => {
    if (doc === null || doc === undefined) return;
    if (isManifestObject(doc)) objects.push(doc);
    else errors.push(`${source}: document ${i + 1} is not a Kubernetes object (needs apiVersion, kind, metadata.name)`);
  });
  return { objects, errors };
}

export class ManifestError extends Error {}

/** Parses a multi-document YAML string; throws a ManifestError naming the first bad document. */
export function parseManifests(text: string, source = "<string>"): ManifestObject[] {
  const { objects, errors } = readManifestDocuments(text, source);
  if (errors.length > 0) throw new ManifestError(errors[0]);
  return objects;
}

/** Loads one pack file, e.g. `loadManifests("k8s-manifests/04-deployments.yaml")` (relative to the course folder) or an absolute path. */
export function loadManifests(file: string, courseDir = defaultCourseDir()): ManifestObject[] {
  const full = path.isAbsolute(file) ? file : path.join(courseDir, file);
  return parseManifests(readFileSync(full, "utf8"), file);
}

/**
 * Returns deep copies of `objects` moved from namespace `from` to `ns`:
 * - the Namespace object named `from` is renamed to `ns`;
 * - every namespaced object gets metadata.namespace = ns;
 * - RoleBinding/ClusterRoleBinding ServiceAccount subjects in `from` point to `ns`.
 * Cluster-scoped objects other than that Namespace are copied unchanged.
 */
export function retargetNamespace(objects: readonly ManifestObject[], ns: string, from = COURSE_NAMESPACE): ManifestObject[] {
  return objects.map((original) => {
    const obj = structuredClone(original);
    if (obj.kind === "Namespace") {
      if (obj.metadata.name === from) obj.metadata.name = ns;
      return obj;
    }
    if (!isClusterScoped(obj)) obj.metadata.namespace = ns;
    if ((obj.kind === "RoleBinding" || obj.kind === "ClusterRoleBinding") && Array.isArray(obj.subjects)) {
      for (const s of obj.subjects as Array<Record<string, unknown>>) {
        if (s.kind === "ServiceAccount" && (s.namespace === from || s.namespace === undefined)) s.namespace = ns;
      }
    }
    return obj;
  });
}

/** "Kind/name" for messages and inventories. */
export function objectRef(obj: Pick<ManifestObject, "kind" | "metadata">): string {
  return `${obj.kind}/${obj.metadata.name}`;
}

/** Placeholder value in course Secrets that the applier must replace. */
export const GENERATED_PLACEHOLDER = "__GENERATED__";

/** `[{secret, key}]` of every placeholder value in the objects' Secrets. */
export function generatedSecretKeys(objects: readonly ManifestObject[]): Array<{ secret: string; key: string }> {
  return objects
    .filter((o) => o.kind === "Secret")
    .flatMap((o) =>
      Object.entries((o.stringData as Record<string, string> | undefined) ?? {})
        .filter(([, v]) => v === GENERATED_PLACEHOLDER)
        .map(([key]) => ({ secret: o.metadata.name, key })),
    );
}

/**
 * Copies of `objects` with every `__GENERATED__` Secret value replaced by
 * `generate(secret, key)` (e.g. a stored per-team value, or a fresh random one).
 */
export function fillGeneratedSecrets(objects: readonly ManifestObject[], generate: (secret: string, key: string) => string): ManifestObject[] {
  return objects.map((original) => {
    if (original.kind !== "Secret") return original;
    const obj = structuredClone(original);
    const data = obj.stringData as Record<string, string> | undefined;
    for (const [key, value] of Object.entries(data ?? {})) {
      if (value === GENERATED_PLACEHOLDER) data![key] = generate(obj.metadata.name, key);
    }
    return obj;
  });
}

/** Every pack file in the order the guide applies them (Days 1–14). */
export const PACK_APPLY_ORDER = [
  "k8s-manifests/01-namespace.yaml",
  "k8s-manifests/02-configmaps.yaml",
  "k8s-manifests/03-secrets.yaml",
  "k8s-manifests/04-deployments.yaml",
  "k8s-manifests/05-services.yaml",
  "k8s-manifests/06-pod-disruption-budgets.yaml",
  "k8s-manifests/07-multi-container-pods.yaml",
  "k8s-manifests/08-init-containers.yaml",
  "monitoring/prometheus-deployment.yaml",
  "monitoring/prometheus-service.yaml",
  "monitoring/prometheus-config.yaml",
  "monitoring/grafana-deployment.yaml",
  "monitoring/grafana-service.yaml",
  "monitoring/alertmanager-deployment.yaml",
  "monitoring/alertmanager-service.yaml",
  "monitoring/alertmanager-config.yaml",
  "monitoring/prometheus-alerting-config.yaml",
  "k8s-manifests/09-rbac.yaml",
  "k8s-manifests/10-network-policies.yaml",
  "k8s-manifests/11-horizontal-pod-autoscaler.yaml",
  "k8s-manifests/12-vertical-pod-autoscaler.yaml",
] as const;

/**
 * Copies of `objects` whose container images (init and app containers of pod
 * templates) are replaced: `images` maps a default reference from
 * course/images.yaml (e.g. "ecommerce-backend:v1.0.0") to the team's reference.
 */
export function setImages(objects: readonly ManifestObject[], images: Record<string, string>): ManifestObject[] {
  return objects.map((original) => {
    const spec = (original.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template?.spec;
    if (!spec) return original;
    const obj = structuredClone(original);
    const podSpec = (obj.spec as { template: { spec: { containers?: Array<{ image?: string }>; initContainers?: Array<{ image?: string }> } } }).template.spec;
    for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
      if (c.image && images[c.image]) c.image = images[c.image];
    }
    return obj;
  });
}
