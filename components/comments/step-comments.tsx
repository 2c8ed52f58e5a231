import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { getStepComments } from "@/lib/data/comments";
import { relationsToTeam } from "@/lib/data/relations";
import { Card } from "@/components/ui/card";
import { CommentThread } from "./comment-thread";

/** The step's comments between the team and its instructors; nothing for anyone else (stakeholders). */
export async function StepComments({ actor, teamId, stepId }: { actor: Actor; teamId: string; stepId: string }) {
  if (!can(actor.role, "comment.read", await relationsToTeam(actor, teamId))) return null;
  const thread = await getStepComments(actor, teamId, stepId);
  const audience = actor.role === "STUDENT" ? "your instructor" : "the team";
  return (
    <Card className="scroll-mt-24 p-5 sm:p-6" id="comments">
      <section aria-labelledby={`comments-${stepId}`}>
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`comments-${stepId}`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
            Comments
          </h2>
          <p className="text-xs text-slate-600">Between the team and its instructors; stakeholders do not see them.</p>
        </div>
        <CommentThread teamId={teamId} stepId={stepId} thread={thread} audience={audience} />
      </section>
    </Card>
  );
}
