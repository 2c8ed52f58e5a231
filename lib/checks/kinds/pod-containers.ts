import { z } from "zod";
import type { Pod } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, table, verdict } from "../evidence";
import { deploymentPods, notFoundText, readyPods, type DeploymentPods } from "./workloads";

const initDone = (p: Pod, init: string) => {
  const s = p.status?.initContainerStatuses?.find((x) => x.name === init)?.state?.terminated;
  return s !== undefined && s.exitCode === 0;
};

export const podContainers = defineCheck(
  checkSchemaOf("podContainers", { namespace, deployment: name, containers: z.array(name).optional(), initContainersCompleted: z.array(name).optional() }),
  {
    fetch: (reads, c) => deploymentPods(reads, c.namespace, c.deployment),
    evaluate({ deployment, pods }: DeploymentPods, c) {
      const wants = [...(c.containers ?? []).map((x) => `container ${x}`), ...(c.initContainersCompleted ?? []).map((x) => `init container ${x} completed`)];
      const expected = `every ready pod of ${c.deployment} has ${wants.join(", ")}`;
      if (!deployment.ok) return apiError(expected, deployment, `deployment ${c.deployment}`);
      if (!deployment.value) return missing(expected, `deployment ${c.deployment} not found`, [evidence(`kubectl get deployment ${c.deployment}`, notFoundText("deployments.apps", c.deployment))]);
      if (!pods.ok) return apiError(expected, pods, "pods");
      const ready = readyPods(pods.value);
      if (ready.length === 0) return verdict("fail", expected, `no ready pods of ${c.deployment}`);
      const problems = ready.flatMap((p) => {
        const have = new Set(p.spec?.containers.map((x) => x.name));
        return [
          ...(c.containers ?? []).filter((x) => !have.has(x)).map((x) => `${p.metadata?.name} has no container ${x}`),
          ...(c.initContainersCompleted ?? []).filter((x) => !initDone(p, x)).map((x) => `${p.metadata?.name}: init container ${x} has not completed`),
        ];
      });
      const rows = ready.map((p) => [p.metadata?.name ?? "", (p.spec?.initContainers ?? []).map((x) => `${x.name}(${initDone(p, x.name) ? "Completed" : "not completed"})`).join(" ") || "-", p.spec?.containers.map((x) => x.name).join(" ") ?? ""]);
      return verdict(problems.length ? "fail" : "pass", expected, problems.length ? problems.slice(0, 3).join("; ") : `${ready.length} ready pods, all as expected`, [evidence("Containers of ready pods", table(["POD", "INIT CONTAINERS", "CONTAINERS"], rows))]);
    },
    lint(c, pack) {
      const d = pack.objects.filter((o) => o.kind === "Deployment" && o.name === c.deployment);
      if (d.length === 0) return [`no Deployment "${c.deployment}" in the pack manifests`];
      const all = new Set(d.flatMap((o) => o.containers));
      const init = new Set(d.flatMap((o) => o.initContainers));
      return [...(c.containers ?? []).filter((x) => !all.has(x)).map((x) => `Deployment "${c.deployment}" has no container "${x}" in the pack`), ...(c.initContainersCompleted ?? []).filter((x) => !init.has(x)).map((x) => `Deployment "${c.deployment}" has no init container "${x}" in the pack`)];
    },
  },
);
