import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { secretSummary } from "@/lib/k8s/diff";
import { checkSchemaOf, defineCheck, name, namespace, type LintContext } from "../define";
import { apiError, evidence, missing, table, verdict } from "../evidence";

const keysShape = { namespace, name, keys: z.array(name).min(1).optional(), manifest: name.optional() };

type KeyCheck = { name: string; namespace: string; keys?: string[]; manifest?: string };

function lintKeys(kind: "ConfigMap" | "Secret", c: KeyCheck, pack: LintContext): string[] {
  const found = pack.objects.filter((o) => o.kind === kind && o.name === c.name);
  const errors: string[] = [];
  if (found.length === 0) errors.push(`no ${kind} "${c.name}" in the pack manifests`);
  if (c.manifest && !pack.exists(c.manifest)) errors.push(`manifest ${c.manifest} does not exist`);
  if (c.manifest && found.length && !found.some((o) => o.file.endsWith(c.manifest!))) errors.push(`${kind} "${c.name}" is not declared in ${c.manifest}`);
  const keys = new Set(found.flatMap((o) => o.keys));
  for (const k of c.keys ?? []) if (found.length && !keys.has(k)) errors.push(`${kind} "${c.name}" declares no key "${k}"`);
  if (!c.keys && !c.manifest) errors.push("give keys, manifest, or both");
  return errors;
}

function evaluateKeys(kind: "ConfigMap" | "Secret", obj: K8sResult<KubeObject | undefined>, c: KeyCheck) {
  const wanted = c.keys ?? [];
  const expected = `${kind} ${c.name} has the keys ${wanted.join(", ")}`;
  if (!obj.ok) return apiError(expected, obj, `${kind} ${c.name}`);
  if (!obj.value) return missing(expected, `${kind} ${c.name} not found in ${c.namespace}`, [evidence(`kubectl get ${kind.toLowerCase()} ${c.name} -n ${c.namespace}`, `Error from server (NotFound): ${kind.toLowerCase()}s "${c.name}" not found`)]);
  const summary = kind === "Secret" ? secretSummary(obj.value) : Object.entries({ ...((obj.value.data ?? {}) as Record<string, string>), ...((obj.value.binaryData ?? {}) as Record<string, string>) }).map(([key, v]) => ({ key, bytes: Buffer.byteLength(v) }));
  const have = new Set(summary.map((s) => s.key));
  const absent = wanted.filter((k) => !have.has(k));
  const empty = kind === "Secret" ? summary.filter((s) => wanted.includes(s.key) && s.bytes === 0).map((s) => s.key) : [];
  const text = `Name:  ${c.name}\n${kind === "Secret" ? `Type:  ${String(obj.value.type ?? "Opaque")}\n` : ""}\nData\n====\n${table(["KEY", "SIZE"], summary.map((s) => [s.key, `${s.bytes} bytes`]))}`;
  const problems = [...absent.map((k) => `missing ${k}`), ...empty.map((k) => `${k} is empty`)];
  return verdict(problems.length ? "fail" : "pass", expected, problems.length ? problems.join(", ") : `all ${wanted.length} keys present`, [evidence(`kubectl describe ${kind.toLowerCase()} ${c.name}`, text)]);
}

export const configMapKeys = defineCheck(checkSchemaOf("configMapKeys", keysShape), {
  fetch: (reads, c) => reads.get("v1", "ConfigMap", c.name, c.namespace),
  evaluate: (obj: K8sResult<KubeObject | undefined>, c) => evaluateKeys("ConfigMap", obj, c),
  lint: (c, pack) => lintKeys("ConfigMap", c, pack),
});

export const secretKeys = defineCheck(checkSchemaOf("secretKeys", keysShape), {
  fetch: (reads, c) => reads.get("v1", "Secret", c.name, c.namespace),
  evaluate: (obj: K8sResult<KubeObject | undefined>, c) => evaluateKeys("Secret", obj, c),
  lint: (c, pack) => lintKeys("Secret", c, pack),
});
