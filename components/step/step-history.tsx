import type { Actor } from "@/lib/auth/session";
import { getStepHistory } from "@/lib/data/progress";
import { Card } from "@/components/ui/card";
import { STATUS_LABEL } from "@/lib/progress/compute";
import { formatWhen } from "@/lib/utils";

export async function StepHistory({ actor, teamId, stepId }: { actor: Actor; teamId: string; stepId: string }) {
  const events = await getStepHistory(actor, teamId, stepId);
  return (
    <Card className="p-5">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">History</h2>
      {events.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No changes yet.</p>
      ) : (
        <ol className="mt-2 space-y-2 text-sm">
          {events.map((e) => (
            <li key={e.id}>
              <span className="font-medium">{e.actor?.name ?? "A verification run"}</span> set it to <span className="font-medium">{STATUS_LABEL[e.toStatus]}</span>
              {e.outOfOrder ? <span className="text-amber-800"> (ahead of earlier steps)</span> : null}
              <span className="block text-xs text-slate-600">{formatWhen(e.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
