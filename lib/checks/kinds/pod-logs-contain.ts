import type { K8sResult } from "@/lib/k8s/result";
import { defaultContainer, podForLogs } from "@/lib/k8s/pods";
import type { Pod } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, firstLines, lines, missing, verdict } from "../evidence";
import { deploymentPods, notFoundText, type DeploymentPods } from "./workloads";

/** `logs` is the tail; `head` the log's start, where a start-up line stays however much traffic was logged since. */
const matcher = (pattern: string) => {
  try {
    return new RegExp(pattern, "i");
  } catch {
    return undefined;
  }
};

type Fetched = DeploymentPods & { pod?: string; container?: string; logs?: K8sResult<string>; head?: K8sResult<string> };

export const podLogsContain = defineCheck(
  checkSchemaOf("podLogsContain", { namespace, deployment: name, container: name.optional(), pattern: name }),
  {
    async fetch(reads, c): Promise<Fetched> {
      const dp = await deploymentPods(reads, c.namespace, c.deployment);
      const has = (p: Pod) => !c.container || [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].some((x) => x.name === c.container);
      const pod = dp.pods.ok ? podForLogs(dp.pods.value.filter(has)) : undefined;
      if (!pod) return dp;
      const container = c.container ?? defaultContainer(pod);
      const podName = pod.metadata!.name!;
      const logs = await reads.logs({ namespace: c.namespace, pod: podName, container, tailLines: 500 });
      // The start of the log is read only when its tail does not already answer.
      const re = matcher(c.pattern);
      if (logs.ok && re && logs.value.split("\n").some((l) => re.test(l))) return { ...dp, pod: podName, container, logs };
      const head = await reads.logs({ namespace: c.namespace, pod: podName, container, from: "head", limitBytes: 256 * 1024 });
      return { ...dp, pod: podName, container, logs, head };
    },
    evaluate({ deployment, pods, pod, container, logs, head }: Fetched, c) {
      const expected = `the logs of ${c.deployment}${c.container ? ` (container ${c.container})` : ""} match /${c.pattern}/i`;
      if (!deployment.ok) return apiError(expected, deployment, `deployment ${c.deployment}`);
      if (!deployment.value) return missing(expected, `deployment ${c.deployment} not found`, [evidence(`kubectl logs deployment/${c.deployment}`, notFoundText("deployments.apps", c.deployment))]);
      if (!pods.ok) return apiError(expected, pods, "pods");
      if (!pod || !logs) return verdict("fail", expected, `no pod of ${c.deployment} to read logs from`);
      const cmd = `kubectl logs -n ${c.namespace} ${pod} -c ${container}`;
      if (!logs.ok) return logs.kind === "invalid" ? verdict("fail", expected, logs.message, [evidence(cmd, logs.message)]) : apiError(expected, logs, `logs of ${pod}`);
      const re = matcher(c.pattern);
      if (!re) return verdict("error", expected, `the course's pattern /${c.pattern}/ is not a valid regular expression`);
      const note = (pods.value.length > 1 ? `Found ${pods.value.length} pods, using pod/${pod}\n` : "");
      const inTail = logs.value.split("\n").find((l) => re.test(l));
      const start = head?.ok ? head.value : undefined;
      const inHead = inTail ? undefined : start?.split("\n").find((l) => re.test(l));
      if (inHead) return verdict("pass", expected, `found near the start of the log: ${inHead.trim().slice(0, 200)}`, [evidence(`${cmd} | head`, note + firstLines(start!))]);
      const where = start !== undefined ? "at the start of the log or in its last 500 lines" : "in the last 500 lines";
      return verdict(inTail ? "pass" : "fail", expected, inTail ? `found: ${inTail.trim().slice(0, 200)}` : `no matching line ${where}`, [evidence(cmd, note + lines(logs.value || "(no output)"))]);
    },
    lint(c, pack) {
      const d = pack.objects.filter((o) => o.kind === "Deployment" && o.name === c.deployment);
      if (d.length === 0) return [`no Deployment "${c.deployment}" in the pack manifests`];
      return c.container && !d.some((o) => [...o.containers, ...o.initContainers].includes(c.container!)) ? [`Deployment "${c.deployment}" has no container "${c.container}" in the pack`] : [];
    },
  },
);
