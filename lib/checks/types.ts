import type { ApiResource, ServedResources } from "@/lib/k8s/discovery";
import type { ExecOutcome, ExecRequest } from "@/lib/k8s/exec";
import type { HttpAnswer, HttpProbe } from "@/lib/k8s/http-probe";
import type { LogRequest } from "@/lib/k8s/logs";
import type { ListOptions } from "@/lib/k8s/objects";
import type { K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import type { AccessAnswer, ResourceAttributes } from "@/lib/k8s/access";
import type { ServerVersion } from "@/lib/k8s/version";
import type { LoadOutcome } from "@/lib/load/types";

export type CheckStatus = "pass" | "fail" | "error" | "inconclusive";

/** kubectl-like text a person can read to see what the check saw. Never a Secret value. */
export type Evidence = { title: string; text: string };

export type Verdict = {
  status: CheckStatus;
  expected: string;
  actual: string;
  evidence: Evidence[];
  /** How the check reached the workload, e.g. "port-forward to pod/web-1:8000". */
  via?: string;
  /** Nothing will change by waiting (e.g. the object does not exist), so the settle window is skipped. */
  final?: boolean;
};

export type SettleAttempt = { atMs: number; status: CheckStatus; actual: string };

export type CheckResult = Verdict & {
  checkId: string;
  title: string;
  kind: string;
  durationMs: number;
  /** Present when the check waited for the cluster to settle: how long, and what each try saw. */
  settle?: { waitedMs: number; settled: boolean; attempts: SettleAttempt[] };
  /** A validation suite's own results, one per check it ran. */
  children?: CheckResult[];
};

/** What the team's own configuration says where the course leaves a blank (registry, public URLs). */
export type TeamSettings = {
  namespace: string;
  images: Record<string, string>;
  /** Public URLs, and the Host header to send to each (to test an ingress before its DNS name exists). */
  urls: { production?: string; monitoring?: string; productionHost?: string; monitoringHost?: string };
};

export type MetricsList = { items: { metadata: { name: string; namespace?: string }; containers?: { name: string; usage: Record<string, string> }[]; usage?: Record<string, string> }[] };

/**
 * Every read a check may make, through lib/k8s. Lists are shared within a run: one list per kind,
 * namespace and selector, however many checks ask.
 */
export interface ClusterReads {
  readonly team: TeamSettings;
  version(): Promise<K8sResult<ServerVersion>>;
  served(): Promise<K8sResult<ServedResources>>;
  groupVersion(apiVersion: string): Promise<K8sResult<ApiResource[]>>;
  list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, namespace?: string, options?: ListOptions): Promise<K8sResult<T[]>>;
  get<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, name: string, namespace?: string): Promise<K8sResult<T | undefined>>;
  logs(req: LogRequest): Promise<K8sResult<string>>;
  exec(req: ExecRequest): Promise<K8sResult<ExecOutcome>>;
  httpGet(probe: HttpProbe): Promise<K8sResult<HttpAnswer>>;
  metrics(scope: "pods" | "nodes", namespace?: string): Promise<K8sResult<MetricsList>>;
  canServiceAccount(serviceAccount: string, attrs: ResourceAttributes): Promise<K8sResult<AccessAnswer>>;
  /** Server-side dry-run create (admission runs, nothing is stored). */
  dryRunCreate(obj: KubeObject): Promise<K8sResult<KubeObject>>;
  /** A GET to a team-configured public URL, under the address policy. */
  fetchUrl(url: string, timeoutMs?: number, hostHeader?: string): Promise<K8sResult<HttpAnswer>>;
  /** The same reads without the run's shared cache (for retries while the cluster settles). */
  fresh(): ClusterReads;
  /** A load test's measurement: the performance test's own, or the latest one of the step; none yet is undefined. */
  loadOutcome?(checkId: string): Promise<LoadOutcome | undefined>;
}
