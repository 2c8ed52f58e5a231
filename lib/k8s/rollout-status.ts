import type { Deployment } from "./types";

export type RolloutStatus = { state: "done" | "waiting" | "error"; message: string };

/** kubectl rollout status for a Deployment (pkg/polymorphichelpers/rollout_status.go), pure. */
export function rolloutStatus(d: Deployment): RolloutStatus {
  const name = d.metadata?.name ?? "?";
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) return { state: "waiting", message: "Waiting for deployment spec update to be observed..." };
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") return { state: "error", message: `deployment "${name}" exceeded its progress deadline` };
  const updated = s.updatedReplicas ?? 0;
  const want = d.spec?.replicas;
  if (want !== undefined && updated < want) return { state: "waiting", message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...` };
  if ((s.replicas ?? 0) > updated) return { state: "waiting", message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...` };
  if ((s.availableReplicas ?? 0) < updated) return { state: "waiting", message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...` };
  return { state: "done", message: `deployment "${name}" successfully rolled out` };
}
