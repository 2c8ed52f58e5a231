/** kubectl's rules for picking a pod and a container, as pure functions over API objects. */
import type { LabelSelector, KubeObject, Pod, Service } from "./types";

export function selectorToString(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${values})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.join(",");
}

export const isPodReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
const readySince = (p: Pod) => Date.parse(p.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime ?? "") || 0;
const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
const created = (p: Pod) => Date.parse(p.metadata?.creationTimestamp ?? "") || 0;
const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const phaseRank = (p: Pod) => PHASE_RANK[p.status?.phase ?? ""] ?? 3;
const live = (pods: Pod[]) => pods.filter((p) => !p.metadata?.deletionTimestamp);

/** The pod `kubectl exec/port-forward deploy/X` attaches to (reverse ActivePods: the healthiest first). */
export function attachablePod(pods: Pod[]): Pod | undefined {
  return [...live(pods)].sort(
    (a, b) =>
      Number(!a.spec?.nodeName) - Number(!b.spec?.nodeName) ||
      phaseRank(a) - phaseRank(b) ||
      Number(isPodReady(b)) - Number(isPodReady(a)) ||
      readySince(a) - readySince(b) ||
      restarts(a) - restarts(b) ||
      created(a) - created(b),
  )[0];
}

/** The pod `kubectl logs deploy/X` reads (podutils.ByLogging: more restarts first, to show the crash). */
export function podForLogs(pods: Pod[]): Pod | undefined {
  return [...live(pods)].sort(
    (a, b) =>
      Number(!a.spec?.nodeName) - Number(!b.spec?.nodeName) ||
      phaseRank(a) - phaseRank(b) ||
      Number(isPodReady(b)) - Number(isPodReady(a)) ||
      readySince(a) - readySince(b) ||
      restarts(b) - restarts(a) ||
      created(a) - created(b),
  )[0];
}

export function defaultContainer(pod: Pod): string | undefined {
  const annotated = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  return annotated && names.includes(annotated) ? annotated : names[0];
}

/** The container port a Service port forwards to in this pod (kubectl translateServicePortToTargetPort). */
export function targetPortOf(service: Service, servicePort: number, pod: Pod): number | undefined {
  const sp = service.spec?.ports?.find((p) => p.port === servicePort);
  if (!sp) return undefined;
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    const named = c.ports?.find((p) => p.name === target);
    if (named) return named.containerPort;
  }
  return undefined;
}

export function labelsMatch(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export const isControlledBy = (obj: KubeObject, owner: KubeObject) =>
  (obj.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === owner.metadata?.uid);
