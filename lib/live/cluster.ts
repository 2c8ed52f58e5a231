import "server-only";
import { prepareCheck } from "@/lib/checks/prepare";
import { findStep, loadCourse } from "@/lib/course/load";
import { groupVersionResources, servedResources } from "@/lib/k8s/discovery";
import { ok, type K8sResult } from "@/lib/k8s/result";
import { serverVersion } from "@/lib/k8s/version";
import { listWatch } from "@/lib/k8s/watch";
import { openTeamConnection } from "@/lib/runs/connection";
import { LiveHubs, type HubDeps } from "./hubs";
import type { StepInfo } from "./step-hub";
import type { TeamCluster } from "./team-hub";

/** The team's stored connection (credentials opened on the server, address checked and pinned), for watching. */
export async function teamCluster(teamId: string): Promise<K8sResult<TeamCluster>> {
  const conn = await openTeamConnection(teamId);
  if (!conn.ok) return conn;
  const { kc, settings } = conn.value;
  return ok({
    kc,
    settings,
    watch: (ref, handlers, signal) => listWatch(kc, ref, handlers, { signal }),
    version: () => serverVersion(kc),
    served: () => servedResources(kc),
    groupVersion: (apiVersion, fresh) => groupVersionResources(kc, apiVersion, fresh),
  });
}

/** The course step's checks, made the team's (namespace, images), as Verify would run them. */
export function courseStep(_teamId: string, stepId: string, settings: TeamCluster["settings"]): StepInfo {
  const step = findStep(loadCourse(), stepId);
  if (!step) return { id: stepId, number: stepId, checks: [] };
  return { id: step.id, number: step.number, checks: step.checks.map((c) => prepareCheck(c, settings)) };
}

export const liveDeps: HubDeps = { connect: teamCluster, step: courseStep };

// One set of hubs per process, kept across module reloads in development (a second set would double every watch).
const key = Symbol.for("daybook.live.hubs");
const store = globalThis as { [key]?: LiveHubs };

export function liveHubs(): LiveHubs {
  return (store[key] ??= new LiveHubs(liveDeps));
}
