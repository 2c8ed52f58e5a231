import { z } from "zod";
import type { K8sResult } from "@/lib/k8s/result";
import type { Deployment } from "@/lib/k8s/types";
import { checkSchemaOf, defineCheck, name, namespace } from "../define";
import { apiError, evidence, missing, verdict } from "../evidence";
import { lintDeploymentContainer } from "./exec-succeeds";
import { notFoundText } from "./workloads";

const describeProbe = (p: unknown) => {
  if (!p || typeof p !== "object") return "<none>";
  const x = p as { httpGet?: { path?: string; port?: unknown }; tcpSocket?: { port?: unknown }; exec?: { command?: string[] }; initialDelaySeconds?: number; periodSeconds?: number; failureThreshold?: number };
  const how = x.httpGet ? `http-get :${String(x.httpGet.port)}${x.httpGet.path ?? ""}` : x.tcpSocket ? `tcp-socket :${String(x.tcpSocket.port)}` : x.exec ? `exec [${x.exec.command?.join(" ")}]` : "?";
  return `${how} delay=${x.initialDelaySeconds ?? 0}s period=${x.periodSeconds ?? 10}s #failure=${x.failureThreshold ?? 3}`;
};

export const probesConfigured = defineCheck(
  checkSchemaOf("probesConfigured", { namespace, deployment: name, container: name, liveness: z.boolean(), readiness: z.boolean() }),
  {
    fetch: (reads, c) => reads.get<Deployment>("apps/v1", "Deployment", c.deployment, c.namespace),
    evaluate(d: K8sResult<Deployment | undefined>, c) {
      const wanted = [c.liveness && "liveness", c.readiness && "readiness"].filter(Boolean).join(" and ");
      const expected = `container ${c.container} of ${c.deployment} has ${wanted} probes`;
      if (!d.ok) return apiError(expected, d, `deployment ${c.deployment}`);
      if (!d.value) return missing(expected, `deployment ${c.deployment} not found`, [evidence(`kubectl describe deployment ${c.deployment}`, notFoundText("deployments.apps", c.deployment))]);
      const container = d.value.spec?.template.spec?.containers.find((x) => x.name === c.container);
      if (!container) return verdict("fail", expected, `no container ${c.container}`);
      const absent = [c.liveness && !container.livenessProbe && "liveness", c.readiness && !container.readinessProbe && "readiness"].filter((x): x is string => typeof x === "string");
      return verdict(absent.length ? "fail" : "pass", expected, absent.length ? `no ${absent.join(" or ")} probe` : `${wanted} configured`, [
        evidence(`kubectl describe deployment ${c.deployment} (container ${c.container})`, `Liveness:   ${describeProbe(container.livenessProbe)}\nReadiness:  ${describeProbe(container.readinessProbe)}`),
      ]);
    },
    lint: (c, pack) => lintDeploymentContainer(c.deployment, c.container, pack),
  },
);
