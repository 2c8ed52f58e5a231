import { COURSE_NAMESPACE, loadManifests } from "@/lib/pack/manifests";
import type { Check } from "./registry";
import type { TeamSettings } from "./types";

/** The course's names (namespace ecommerce, @image references, keys "as in the manifest") made the team's. */
export function prepareCheck<C extends Check>(check: C, team: TeamSettings, courseDir?: string): C {
  const rewrite = (value: unknown, key: string): unknown => {
    if (typeof value === "string") {
      if (value.startsWith("@") && team.images[value]) return team.images[value];
      if (key === "namespace" && value === COURSE_NAMESPACE) return team.namespace;
      if (key === "as") return value.replace(`:serviceaccount:${COURSE_NAMESPACE}:`, `:serviceaccount:${team.namespace}:`);
      return value.replace(/^--namespace=ecommerce$/, `--namespace=${team.namespace}`);
    }
    if (Array.isArray(value)) return value.map((v) => rewrite(v, key));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, k)]));
    return value;
  };
  const prepared = rewrite(check, "") as C;
  if (prepared.kind === "namespaceExists" && prepared.name === COURSE_NAMESPACE) return { ...prepared, name: team.namespace };
  if ((prepared.kind === "configMapKeys" || prepared.kind === "secretKeys") && prepared.manifest) {
    const kind = prepared.kind === "configMapKeys" ? "ConfigMap" : "Secret";
    const obj = loadManifests(prepared.manifest, courseDir).find((o) => o.kind === kind && o.metadata.name === prepared.name);
    const declared = [...Object.keys((obj?.data as object | undefined) ?? {}), ...Object.keys((obj?.stringData as object | undefined) ?? {})];
    return { ...prepared, keys: [...new Set([...(prepared.keys ?? []), ...declared])] };
  }
  return prepared;
}
