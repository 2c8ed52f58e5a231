import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { readManifestDocuments, type ManifestObject } from "./manifests";

// What the pack's plain manifests declare, so checks can be linted against the names they will look for.
export type PackObject = {
  file: string;
  kind: string;
  name: string;
  keys: string[];
  containers: string[];
  initContainers: string[];
  podLabels: Record<string, string>;
  servicePorts: number[];
};

export const MANIFEST_DIRS = ["k8s-manifests", "monitoring"] as const;
export const CHART_DIR = "templates";

const isYaml = (f: string) => /\.ya?ml$/.test(f);

export function listFiles(dir: string, keep: (f: string) => boolean = isYaml): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

type Obj = Record<string, any>;
const names = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((c: Obj) => c?.name).filter((n): n is string => typeof n === "string") : [];

function toPackObject(file: string, doc: ManifestObject & Obj): PackObject {
  const pod: Obj = doc.spec?.template?.spec ?? {};
  return {
    file,
    kind: String(doc.kind),
    name: String(doc.metadata?.name),
    keys: [...Object.keys(doc.data ?? {}), ...Object.keys(doc.stringData ?? {})],
    containers: names(pod.containers),
    initContainers: names(pod.initContainers),
    podLabels: doc.spec?.template?.metadata?.labels ?? {},
    servicePorts: doc.kind === "Service" ? (doc.spec?.ports ?? []).map((p: Obj) => p.port) : [],
  };
}

export type ParsedManifest = { file: string; objects: PackObject[]; errors: string[] };

export function parseManifest(file: string, shown: string): ParsedManifest {
  const read = readManifestDocuments(fs.readFileSync(file, "utf8"), shown);
  const objects = read.objects.map((o) => toPackObject(shown, o));
  const errors = [...read.errors];
  if (objects.length === 0 && errors.length === 0) errors.push(`${shown}: contains no Kubernetes objects`);
  return { file: shown, objects, errors };
}

/**
 * The objects a Helm release of the course chart creates, read from its templates without a Helm binary:
 * each document's kind and its `metadata.name: {{ $fullname }}<suffix>`, with fullname as _helpers.tpl
 * computes it (the release name, or release-chart when the release name lacks the chart's name).
 */
export function chartObjects(chartDir: string, release: string, shown: (file: string) => string): PackObject[] {
  const values = fs.existsSync(path.join(chartDir, "values.yaml")) ? (yaml.load(fs.readFileSync(path.join(chartDir, "values.yaml"), "utf8")) as Obj) : {};
  // `port: {{ .Values.backend.port }}` → the chart's default value
  const portsOf = (doc: string) => [...doc.matchAll(/^\s+port:\s*(?:(\d+)|\{\{\s*\.Values\.([\w.]+)\s*\}\})\s*$/gm)].map((m) => Number(m[1] ?? m[2]!.split(".").reduce<Obj | undefined>((o, k) => o?.[k], values))).filter(Number.isFinite);
  const chartName = /^name:\s*(\S+)/m.exec(fs.existsSync(path.join(chartDir, "Chart.yaml")) ? fs.readFileSync(path.join(chartDir, "Chart.yaml"), "utf8") : "")?.[1] ?? "";
  const fullname = release.includes(chartName) ? release : `${release}-${chartName}`;
  return listFiles(path.join(chartDir, "templates")).flatMap((file) =>
    fs.readFileSync(file, "utf8").split(/^---$/m).flatMap((doc) => {
      const kind = /^kind:\s*(\w+)/m.exec(doc)?.[1];
      const suffix = /^metadata:\s*\n(?:\s+.*\n)*?  name:\s*\{\{\s*\$fullname\s*\}\}(\S*)\s*$/m.exec(doc)?.[1];
      if (!kind || suffix === undefined) return [];
      return [{ file: shown(file), kind, name: `${fullname}${suffix}`, keys: [], containers: [], initContainers: [], podLabels: {}, servicePorts: kind === "Service" ? portsOf(doc) : [] }];
    }),
  );
}
