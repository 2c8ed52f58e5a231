import { z } from "zod";
import type { ExecOutcome } from "@/lib/k8s/exec";
import type { K8sResult } from "@/lib/k8s/result";
import { defaultContainer } from "@/lib/k8s/pods";
import { checkSchemaOf, defineCheck, name, namespace, type LintContext } from "../define";
import { apiError, evidence, lines, missing, verdict } from "../evidence";
import type { ClusterReads } from "../types";
import { deploymentPods, notFoundText, pickPod, type DeploymentPods } from "./workloads";

export type ExecFetched = DeploymentPods & { pod?: string; container?: string; run?: K8sResult<ExecOutcome> };

/** `kubectl exec deployment/D [-c C] -- CMD`: the pod kubectl would pick, and what the command did. */
export async function execInDeployment(reads: ClusterReads, namespace: string, deployment: string, container: string | undefined, command: string[], timeoutMs = 30_000): Promise<ExecFetched> {
  const dp = await deploymentPods(reads, namespace, deployment);
  // During a rollout old pods may lack the container (Day 8 adds the sidecar): exec only where it exists.
  const pod = dp.pods.ok ? pickPod(dp.pods.value.filter((p) => !container || (p.spec?.containers ?? []).some((c) => c.name === container))) : undefined;
  if (!pod) return dp;
  const chosen = container ?? defaultContainer(pod);
  const podName = pod.metadata!.name!;
  return { ...dp, pod: podName, container: chosen, run: await reads.exec({ namespace, pod: podName, container: chosen!, command, timeoutMs }) };
}

export const execTranscript = (f: ExecFetched, namespace: string, command: string[]) => {
  const out = f.run?.ok ? f.run.value : undefined;
  const text = out ? `${lines(out.stdout.trimEnd())}${out.stderr.trim() ? `\n[stderr]\n${lines(out.stderr.trimEnd())}` : ""}\n[exit code ${out.exitCode}]` : (f.run && !f.run.ok ? f.run.message : "");
  return evidence(`kubectl exec -n ${namespace} ${f.pod} -c ${f.container} -- ${command.join(" ")}`, text.trim());
};

export function lintDeploymentContainer(deployment: string, container: string | undefined, pack: LintContext): string[] {
  const d = pack.objects.filter((o) => o.kind === "Deployment" && o.name === deployment);
  if (d.length === 0) return [`no Deployment "${deployment}" in the pack manifests`];
  return container && !d.some((o) => o.containers.includes(container)) ? [`Deployment "${deployment}" has no container "${container}" in the pack`] : [];
}

/** The line that says what went wrong: the last one that is not an indented hint (psql puts its hint last). */
const errorLine = (stderr: string) => stderr.split("\n").filter((l) => l.trim() && !/^\s/.test(l)).at(-1)?.trim() ?? stderr.trim().split("\n").at(-1);

export const execSucceeds = defineCheck(
  checkSchemaOf("execSucceeds", { namespace, deployment: name, container: name.optional(), command: z.array(z.string()).min(1), expectContains: z.string().optional() }),
  {
    fetch: (reads, c) => execInDeployment(reads, c.namespace, c.deployment, c.container, c.command),
    evaluate(f: ExecFetched, c) {
      const expected = `\`${c.command.join(" ")}\` exits 0${c.expectContains ? ` and prints "${c.expectContains}"` : ""}`;
      if (!f.deployment.ok) return apiError(expected, f.deployment, `deployment ${c.deployment}`);
      if (!f.deployment.value) return missing(expected, `deployment ${c.deployment} not found`, [evidence(`kubectl exec deployment/${c.deployment}`, notFoundText("deployments.apps", c.deployment))]);
      if (!f.run) return verdict("fail", expected, `no running pod of ${c.deployment} to exec into`);
      if (!f.run.ok) return f.run.kind === "timeout" ? verdict("fail", expected, f.run.message, [execTranscript(f, c.namespace, c.command)]) : apiError(expected, f.run, `exec in ${f.pod}`);
      const out = f.run.value;
      const printed = !c.expectContains || out.stdout.includes(c.expectContains);
      const ok = out.exitCode === 0 && printed;
      const actual = out.exitCode !== 0 ? `exit code ${out.exitCode}${errorLine(out.stderr) ? `: ${errorLine(out.stderr)}` : ""}` : printed ? "exit code 0" : `exit code 0, but the output lacks "${c.expectContains}"`;
      return verdict(ok ? "pass" : "fail", expected, actual, [execTranscript(f, c.namespace, c.command)]);
    },
    lint: (c, pack) => lintDeploymentContainer(c.deployment, c.container, pack),
  },
);
