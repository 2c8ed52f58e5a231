/**
 * Course-pack manifests as data: parse the multi-document YAML files under
 * course/ and retarget them to another namespace (isolated test namespaces,
 * per-team namespaces). Pure except for `loadManifests`, which reads a file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

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

/** Repository directory that holds the pack (course/). */
export const COURSE_DIR = path.resolve(import.meta.dirname, "..", "..", "course");

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

/** Parses a multi-document YAML string; empty documents are skipped, malformed ones throw. */
export function parseManifests(text: string, source = "<string>"): ManifestObject[] {
  const docs = yaml.loadAll(text);
  const out: ManifestObject[] = [];
  docs.forEach((doc, i) => {
    if (doc === null || doc === undefined) return;
    if (!isManifestObject(doc)) {
      throw new Error(`${source}: document ${i + 1} is not a Kubernetes object (needs apiVersion, kind, metadata.name)`);
    }
    out.push(doc);
  });
  return out;
}

/** Loads one pack file, e.g. `loadManifests("k8s-manifests/04-deployments.yaml")` (relative to course/) or an absolute path. */
export function loadManifests(file: string): ManifestObject[] {
  const full = path.isAbsolute(file) ? file : path.join(COURSE_DIR, file);
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
