import { PageLink } from "@/components/layout/page-link";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { findStep, loadCourse } from "@/lib/course/load";
import { getUnreadComments } from "@/lib/data/comments";
import { relationsToTeam } from "@/lib/data/relations";
import { stepHref } from "@/lib/utils";

/** On the team's plan: steps with comments the reader has not seen, newest first. */
export async function UnreadComments({ actor, teamId, teamParam }: { actor: Actor; teamId: string; teamParam?: string }) {
  if (!can(actor.role, "comment.read", await relationsToTeam(actor, teamId))) return null;
  const unread = await getUnreadComments(actor, teamId);
  if (unread.length === 0) return null;
  const course = loadCourse();
  return (
    <section aria-labelledby="unread-comments" className="rounded-xl border border-brand-100 bg-brand-50 px-4 py-3" data-testid="unread-comments">
      <h2 id="unread-comments" className="text-sm font-semibold text-brand-900">
        New comments on {unread.length} {unread.length === 1 ? "step" : "steps"}
      </h2>
      <ul className="mt-1 space-y-0.5 text-sm">
        {unread.map((u) => {
          const step = findStep(course, u.stepId);
          return (
            <li key={u.stepId}>
              <PageLink href={`${stepHref(u.stepId, teamParam)}#comments`} className="font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 hover:decoration-brand-700">
                Step {step?.number} {step?.title}
              </PageLink>{" "}
              <span className="text-brand-900">· {u.count} new</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
