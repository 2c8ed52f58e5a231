/**
 * Recorded API objects (record.sh) and the course's own checks, for the check-kind tests.
 * The objects come from a real API server with kwok nodes, in namespace kindtests-rec.
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { findStep, loadCourse } from "@/lib/course/load";
import { failureFromResponse } from "@/lib/k8s/errors";
import type { HttpAnswer, HttpProbe } from "@/lib/k8s/http-probe";
import { ok, type K8sFailure, type K8sResult } from "@/lib/k8s/result";
import type { Deployment, KubeObject, Pod } from "@/lib/k8s/types";
import { imageRefs, readPackImages } from "@/lib/pack/images";
import { prepareCheck } from "../../prepare";
import type { Check, CheckKind, CheckOf } from "../../registry";
import { readSuites, resolveSuite } from "../../suites";
import type { ClusterReads, TeamSettings, Verdict } from "../../types";

export const NS = "kindtests-rec";
export const BARE_NS = "kindtests-bare";
export const HELM_NS = "kindtests-helm";
export const REGISTRY = "registry.example.com/team-a";

const courseDir = path.resolve(import.meta.dirname, "../../../../course");

/** The team the recordings were made for: its namespace, and its registry in front of the course's images. */
export const team: TeamSettings = { namespace: NS, images: imageRefs(readPackImages(courseDir), { registry: REGISTRY, mirrorPublic: false }), urls: {} };

export const fixture = <T = unknown>(name: string): T => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `${name}.json`), "utf8")) as T;
export const items = <T extends KubeObject = KubeObject>(name: string): T[] => fixture<{ items: T[] }>(name).items;
export const list = <T extends KubeObject = KubeObject>(name: string): K8sResult<T[]> => ok(items<T>(name));
export const named = <T extends KubeObject = KubeObject>(name: string, objectName: string): T => {
  const found = items<T>(name).find((o) => o.metadata?.name === objectName);
  if (!found) throw new Error(`${name}.json has no ${objectName}`);
  return found;
};

/** A recorded failing answer, turned into a failure by the same function lib/k8s/rest.ts uses. */
export function failureOf(name: string): K8sFailure {
  const r = fixture<{ status: number; body: string }>(name);
  return failureFromResponse(r.status, r.body);
}
export const forbidden = () => failureOf("forbidden-pods");

/** A variant of a recorded object, for states the cluster could not be brought into. */
export function variant<T>(obj: T, change: (copy: T) => void): T {
  const copy = structuredClone(obj);
  change(copy);
  return copy;
}

/** The pods a Deployment's selector matches (what `kubectl get pods -l` would list). */
export const podsOf = (d: Deployment, pods: Pod[]) => pods.filter((p) => Object.entries(d.spec?.selector?.matchLabels ?? {}).every(([k, v]) => p.metadata?.labels?.[k] === v));

/** What the API server lists for an equality-based `-l a=b,c=d`. */
export function selected<T extends KubeObject>(objects: T[], selector: string): T[] {
  const wanted = selector.split(",").map((term) => term.split("="));
  return objects.filter((o) => wanted.every(([k, v]) => o.metadata?.labels?.[k!] === v));
}

/** A recorded list, or a recorded single object as a list of one. */
const objects = <T extends KubeObject>(name: string): T[] => {
  const f = fixture<{ items?: T[] } & T>(name);
  return f.items ?? [f];
};

/** What deploymentPods() fetches, from recorded files (a list of deployments or one deployment, and pods). */
export function deploymentPods(deployments: string, pods: string, name: string) {
  const d = objects<Deployment>(deployments).find((x) => x.metadata?.name === name);
  return { deployment: ok(d), pods: ok(d ? podsOf(d, items<Pod>(pods)) : []) };
}

const course = loadCourse(courseDir);

/** A check of the course, made the recording team's (namespace, images) as the engine does before a run. */
export function courseCheck<K extends CheckKind>(kind: K, stepId: string, checkId: string): CheckOf<K> {
  const check = findStep(course, stepId)?.checks.find((c) => c.id === checkId);
  if (!check) throw new Error(`no check ${stepId}/${checkId}`);
  if (check.kind !== kind) throw new Error(`${stepId}/${checkId} is a ${check.kind}, not a ${kind}`);
  return prepareCheck(check as Check, team, courseDir) as CheckOf<K>;
}

/** A check of a validation suite (suites.yaml) for these arguments, made the recording team's. */
export function suiteCheck<K extends CheckKind>(kind: K, suite: string, args: string[], checkId: string): CheckOf<K> {
  const found = resolveSuite(readSuites(courseDir), suite, [`--namespace=ecommerce`, ...args]).find((c) => c.check.id === checkId);
  if (!found) throw new Error(`suite ${suite} ${args.join(" ")} has no check ${checkId}`);
  if (found.check.kind !== kind) throw new Error(`${suite}/${checkId} is a ${found.check.kind}, not a ${kind}`);
  return prepareCheck(found.check, team, courseDir) as CheckOf<K>;
}

export const evidenceText = (v: Verdict) => v.evidence.map((e) => `${e.title}\n${e.text}`).join("\n\n");

/** The evidence item with this title (or a title starting with it). */
export function evidenceOf(v: Verdict, title: string): string {
  const e = v.evidence.find((x) => x.title === title) ?? v.evidence.find((x) => x.title.startsWith(title));
  if (!e) throw new Error(`no evidence "${title}"; have: ${v.evidence.map((x) => x.title).join(" | ")}`);
  return e.text;
}

/** A Secret's values appear nowhere in a verdict: not as text, not base64-encoded. */
export function expectNoSecretValues(v: Verdict, secrets: KubeObject[]) {
  const text = JSON.stringify(v);
  const values = secrets.flatMap((s) => Object.values((s.data ?? {}) as Record<string, string>));
  expect(values.length).toBeGreaterThan(0);
  for (const b64 of values) {
    expect(text).not.toContain(b64);
    expect(text).not.toContain(Buffer.from(b64, "base64").toString("utf8"));
  }
}

/** An HTTP answer as lib/k8s/http-probe.ts returns it. */
export const answer = (status: number, body: string, contentType = "application/json", latencyMs = 12): K8sResult<HttpAnswer> =>
  ok({ status, headers: { "content-type": contentType, "content-length": String(Buffer.byteLength(body)) }, body, latencyMs, truncated: false });

/**
 * Reads served from recorded lists (by kind), with HTTP answers given by the test: for the fetch helpers that only
 * resolve a Service to a pod and a port (service-http.ts) and parse what the workload answers.
 */
export function recordedCluster(lists: Record<string, string>, http: (probe: HttpProbe) => K8sResult<HttpAnswer>): ClusterReads {
  const notRecorded = () => {
    throw new Error("not recorded");
  };
  const ofKind = <T extends KubeObject>(kind: string): T[] => {
    if (!lists[kind]) throw new Error(`no recorded ${kind} list`);
    return items<T>(lists[kind]);
  };
  const reads: ClusterReads = {
    team,
    list: async <T extends KubeObject>(_apiVersion: string, kind: string, _ns?: string, options?: { labelSelector?: string }) => ok(options?.labelSelector ? selected(ofKind<T>(kind), options.labelSelector) : ofKind<T>(kind)),
    get: async <T extends KubeObject>(_apiVersion: string, kind: string, name: string) => ok(ofKind<T>(kind).find((o) => o.metadata?.name === name)),
    httpGet: async (probe) => http(probe),
    version: notRecorded,
    served: notRecorded,
    groupVersion: notRecorded,
    logs: notRecorded,
    exec: notRecorded,
    metrics: notRecorded,
    canServiceAccount: notRecorded,
    dryRunCreate: notRecorded,
    fetchUrl: notRecorded,
    fresh: () => reads,
  };
  return reads;
}
