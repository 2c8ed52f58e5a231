import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { changedByApply } from "./diff";
import { waitFor } from "./wait";
import { getObject, objectPath } from "./objects";
import { rest } from "./rest";
import type { K8sFailure } from "./result";
import type { KubeObject } from "./types";

export const FIELD_MANAGER = "daybook";

export type ApplyOptions = { dryRun?: boolean; force?: boolean; fieldManager?: string };

export type ApplyVerb = "created" | "configured" | "unchanged" | "failed";

export type ObjectOutcome = {
  ref: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  verb: ApplyVerb;
  failure?: K8sFailure;
  /** The object before (absent when it did not exist) and after the apply, as the server returned them. */
  live?: KubeObject;
  result?: KubeObject;
  note?: string;
};

type Applicable = KubeObject & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

const ORDER: Record<string, number> = { Namespace: 0, CustomResourceDefinition: 1 };

/** Namespaces and CRDs first, then everything else in the order given (as kubectl sorts them). */
export function applyOrder<T extends { kind: string }>(objects: readonly T[]): T[] {
  return objects.map((o, i) => ({ o, i })).sort((a, b) => (ORDER[a.o.kind] ?? 2) - (ORDER[b.o.kind] ?? 2) || a.i - b.i).map((x) => x.o);
}

const refOf = (o: Applicable) => `${o.kind}/${o.metadata.name}`;

async function serverSideApply(kc: KubeConfig, obj: Applicable, opts: ApplyOptions): Promise<{ ok: true; value: KubeObject } | K8sFailure> {
  const p = await objectPath(kc, { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace });
  if (!p.ok) return p;
  // Sent raw: client-node's typed models silently drop fields they do not know, which would hide a typo.
  const res = await rest(kc, {
    method: "PATCH",
    path: p.value.path,
    query: { fieldManager: opts.fieldManager ?? FIELD_MANAGER, force: opts.force ?? false, fieldValidation: "Strict", dryRun: opts.dryRun ? "All" : undefined },
    contentType: "application/apply-patch+yaml",
    body: obj,
  });
  if (!res.ok) return res;
  return { ok: true, value: JSON.parse(res.value.text) as KubeObject };
}

async function crdEstablished(kc: KubeConfig, name: string): Promise<boolean> {
  const crd = await getObject(kc, { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name });
  const conditions = crd.ok ? ((crd.value.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []) : [];
  return conditions.some((c) => c.type === "Established" && c.status === "True");
}

/**
 * Server-side applies objects in dependency order and reports every object: what was created, changed
 * or left as it was, and what failed and why. A failure does not stop the others (as `kubectl apply`).
 */
export async function applyObjects(kc: KubeConfig, objects: readonly Applicable[], opts: ApplyOptions = {}): Promise<ObjectOutcome[]> {
  const outcomes: ObjectOutcome[] = [];
  const newNamespaces = new Set<string>();
  for (const obj of applyOrder(objects)) {
    const base = { ref: refOf(obj), apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace };
    const before = await getObject(kc, { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace });
    const live = before.ok ? before.value : undefined;
    if (!before.ok && before.kind !== "notFound" && !(opts.dryRun && before.kind === "unsupported")) {
      outcomes.push({ ...base, verb: "failed", failure: before });
      continue;
    }
    const applied = await serverSideApply(kc, obj, opts);
    if (!applied.ok) {
      // In a dry run nothing is persisted: objects in a namespace (or of a CRD) created by the same apply cannot be checked yet.
      if (opts.dryRun && applied.kind === "notFound" && obj.metadata.namespace && newNamespaces.has(obj.metadata.namespace)) {
        outcomes.push({ ...base, verb: "created", note: `checked once namespace ${obj.metadata.namespace} exists` });
        continue;
      }
      if (opts.dryRun && applied.kind === "unsupported" && outcomes.some((o) => o.kind === "CustomResourceDefinition" && o.verb === "created")) {
        outcomes.push({ ...base, verb: "created", note: "checked once its CustomResourceDefinition exists" });
        continue;
      }
      outcomes.push({ ...base, verb: "failed", failure: applied });
      continue;
    }
    const verb: ApplyVerb = !live ? "created" : changedByApply(live, applied.value, obj, opts.fieldManager ?? FIELD_MANAGER) ? "configured" : "unchanged";
    if (obj.kind === "Namespace" && !live) newNamespaces.add(obj.metadata.name);
    outcomes.push({ ...base, verb, live, result: applied.value });
    if (!opts.dryRun && obj.kind === "CustomResourceDefinition") {
      const established = await waitFor(() => crdEstablished(kc, obj.metadata.name), { timeoutMs: 30_000, intervalMs: 500 });
      if (!established.ok) outcomes[outcomes.length - 1] = { ...outcomes.at(-1)!, note: "applied, but not Established after 30 s" };
    }
  }
  return outcomes;
}

/** A dry-run apply without force reports field-manager conflicts; a forced one reports none. */
export const isConflict = (o: ObjectOutcome) => o.failure?.kind === "conflict";
