import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Operation } from "@/lib/course/schema";
import { defaultCourseDir } from "@/lib/course/load";
import { drainNode, evictPod, setUnschedulable } from "@/lib/k8s/drain";
import { execInPod } from "@/lib/k8s/exec";
import { labelAll } from "@/lib/k8s/label";
import { deleteDataKey, deleteObject, editConfigMapValue, scaleDeployment } from "@/lib/k8s/mutate";
import { getObject, listObjects } from "@/lib/k8s/objects";
import { attachablePod, selectorToString } from "@/lib/k8s/pods";
import { failure, ok, type K8sResult } from "@/lib/k8s/result";
import { rollbackDeployment, rolloutStatus, setDeploymentImage } from "@/lib/k8s/rollout";
import type { Deployment, Node, Pod } from "@/lib/k8s/types";
import { waitFor } from "@/lib/k8s/wait";
import type { TeamConnection } from "./connection";
import { helmUpgradeInstall } from "./helm";

type Log = (line: string) => void;

const image = (ref: string, conn: TeamConnection) => (ref.startsWith("@") ? (conn.settings.images[ref] ?? ref) : ref);

async function deploymentPod(conn: TeamConnection, deployment: string): Promise<K8sResult<Pod>> {
  const ns = conn.settings.namespace;
  const d = await getObject<Deployment>(conn.kc, { apiVersion: "apps/v1", kind: "Deployment", namespace: ns, name: deployment });
  if (!d.ok) return d;
  const pods = await listObjects<Pod>(conn.kc, { apiVersion: "v1", kind: "Pod", namespace: ns }, { labelSelector: selectorToString(d.value.spec?.selector) });
  if (!pods.ok) return pods;
  const pod = attachablePod(pods.value.filter((p) => p.status?.phase === "Running"));
  return pod ? ok(pod) : failure("notFound", `No running pod of ${deployment} to run the command in.`);
}

async function psql(conn: TeamConnection, op: { deployment: string; container?: string; user: string; database: string }, sql: string, what: string, log: Log): Promise<K8sResult<string>> {
  const pod = await deploymentPod(conn, op.deployment);
  if (!pod.ok) return pod;
  const name = pod.value.metadata!.name!;
  const container = op.container ?? pod.value.spec!.containers[0]!.name;
  log(`$ kubectl exec -i -n ${conn.settings.namespace} ${name} -c ${container} -- psql -U ${op.user} -d ${op.database} -v ON_ERROR_STOP=1 < ${what}`);
  const run = await execInPod(conn.kc, { namespace: conn.settings.namespace, pod: name, container, command: ["psql", "-U", op.user, "-d", op.database, "-v", "ON_ERROR_STOP=1"], stdin: sql, timeoutMs: 60_000 });
  if (!run.ok) return run;
  if (run.value.stdout.trim()) log(run.value.stdout.trim());
  if (run.value.stderr.trim()) log(run.value.stderr.trim());
  return run.value.exitCode === 0 ? ok(`${what}: done`) : failure("invalid", `psql exited with ${run.value.exitCode}: ${run.value.stderr.trim().split("\n").at(-1) ?? ""}`);
}

/** The node running most of the team's pods: the drain exercise then shows the budget at work. */
async function busiestNode(conn: TeamConnection): Promise<K8sResult<string>> {
  const pods = await listObjects<Pod>(conn.kc, { apiVersion: "v1", kind: "Pod", namespace: conn.settings.namespace });
  if (!pods.ok) return pods;
  const counts = new Map<string, number>();
  for (const p of pods.value) if (p.spec?.nodeName) counts.set(p.spec.nodeName, (counts.get(p.spec.nodeName) ?? 0) + 1);
  const [node] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  return node ? ok(node) : failure("notFound", `No pod of ${conn.settings.namespace} runs on any node yet.`);
}

/** Runs one of the guide's imperative commands with kubectl's semantics, logging what it did like kubectl would. */
export async function runOperation(conn: TeamConnection, op: Operation, log: Log): Promise<K8sResult<string>> {
  const kc = conn.kc;
  const ns = conn.settings.namespace;
  switch (op.kind) {
    case "setImage":
      return setDeploymentImage(kc, ns, op.deployment, op.container, image(op.image, conn));
    case "rolloutStatus": {
      let last = "";
      const done = await waitFor(
        async () => {
          const d = await getObject<Deployment>(kc, { apiVersion: "apps/v1", kind: "Deployment", namespace: ns, name: op.deployment });
          if (!d.ok) return d;
          const s = rolloutStatus(d.value);
          if (s.message !== last) log((last = s.message));
          return s.state === "waiting" ? false : s;
        },
        { timeoutMs: (op.timeoutSeconds ?? 300) * 1000, intervalMs: 1000 },
      );
      if (!done.ok) return done;
      if ("ok" in done.value) return done.value;
      return done.value.state === "done" ? ok(done.value.message) : failure("timeout", done.value.message);
    }
    case "rolloutUndo":
      return rollbackDeployment(kc, ns, op.deployment, op.toRevision);
    case "label": {
      const kinds = { pods: ["v1", "Pod"], services: ["v1", "Service"], deployments: ["apps/v1", "Deployment"] } as const;
      const [apiVersion, kind] = kinds[op.resource];
      const out = await labelAll(kc, { apiVersion, kind, namespace: ns }, op.key, op.value, op.overwrite);
      if (!out.ok) return out;
      for (const o of out.value) log(`${op.resource.replace(/s$/, "")}/${o.name} ${o.result}${o.message ? `: ${o.message}` : ""}`);
      const refused = out.value.filter((o) => o.result === "refused");
      return refused.length ? failure("conflict", `${refused.length} not labelled: ${refused[0]!.message}`) : ok(`${out.value.length} ${op.resource} carry ${op.key}=${op.value}`);
    }
    case "drain": {
      const node = await busiestNode(conn);
      if (!node.ok) return node;
      log(`$ kubectl drain ${node.value} --ignore-daemonsets${op.deleteEmptyDirData ? " --delete-emptydir-data" : ""}`);
      const report = await drainNode(kc, node.value, { ignoreDaemonSets: op.ignoreDaemonSets, deleteEmptyDirData: op.deleteEmptyDirData, timeoutMs: (op.timeoutSeconds ?? 300) * 1000 });
      if (!report.ok) return report;
      for (const line of report.value.log) log(line);
      if (report.value.refused.length) return failure("invalid", report.value.log.at(-1)!);
      if (report.value.blocked.length) return failure("tooManyRequests", `${report.value.blocked.length} pods could not be evicted: ${report.value.blocked[0]!.message}`);
      return ok(`node/${node.value} drained: ${report.value.evicted.length} pods evicted`);
    }
    case "uncordon": {
      const nodes = await listObjects<Node>(kc, { apiVersion: "v1", kind: "Node" });
      if (!nodes.ok) return nodes;
      const cordoned = nodes.value.filter((n) => n.spec?.unschedulable).map((n) => n.metadata!.name!);
      for (const n of cordoned) {
        const r = await setUnschedulable(kc, n, false);
        if (!r.ok) return r;
        log(r.value);
      }
      return ok(cordoned.length ? `${cordoned.length} node(s) uncordoned` : "no node was cordoned");
    }
    case "evictDryRun": {
      const pods = await listObjects<Pod>(kc, { apiVersion: "v1", kind: "Pod", namespace: ns }, { labelSelector: op.selector });
      if (!pods.ok) return pods;
      const pod = attachablePod(pods.value);
      if (!pod) return failure("notFound", `No pod matches ${op.selector}.`);
      log(`$ kubectl drain --dry-run=server … (eviction of pod/${pod.metadata?.name})`);
      const r = await evictPod(kc, ns, pod.metadata!.name!, true);
      if (r.ok) return ok(`the budget allows evicting pod/${pod.metadata?.name} now (dry run: nothing was evicted)`);
      if (r.kind === "tooManyRequests") return ok(`the budget blocks evicting pod/${pod.metadata?.name}: ${r.message} (dry run)`);
      return r;
    }
    case "execSql": {
      for (const f of op.files) {
        const r = await psql(conn, op, fs.readFileSync(path.join(defaultCourseDir(), f), "utf8"), f, log);
        if (!r.ok) return r;
      }
      return ok(`${op.files.join(", ")} loaded`);
    }
    case "execSqlStatement":
      return psql(conn, op, op.sql, JSON.stringify(op.sql.length > 60 ? `${op.sql.slice(0, 57)}...` : op.sql), log);
    case "helmUpgradeInstall": {
      const dir = defaultCourseDir();
      log(`$ helm upgrade --install ${op.release} ./${op.chart} -n ${ns} ${op.values.map((v) => `-f ${v}`).join(" ")}`);
      const set: Record<string, string> = conn.registry ? { "image.registry": conn.registry, ...(conn.mirrorPublic ? { "image.mirrorPublic": "true" } : {}) } : {};
      const r = await helmUpgradeInstall(conn.credentials, conn.pinned, { release: op.release, chartDir: path.join(dir, op.chart), valuesFiles: op.values.map((v) => path.join(dir, v)), namespace: ns, set });
      if (r.ok) for (const line of r.value.trim().split("\n").slice(0, 12)) log(line);
      return r.ok ? ok(`release ${op.release} deployed`) : r;
    }
    case "scale":
      return scaleDeployment(kc, ns, op.deployment, op.replicas);
    case "editConfigMap":
      return editConfigMapValue(kc, ns, op.name, op.key, op.find, op.replace);
    case "deleteKey":
      return deleteDataKey(kc, op.resourceKind, ns, op.name, op.key);
    case "deleteObject":
      return deleteObject(kc, { apiVersion: op.apiVersion, kind: op.resourceKind, name: op.name, namespace: ns });
  }
}

