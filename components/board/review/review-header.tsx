import { PageLink } from "@/components/layout/page-link";
import type { TeamReview } from "@/lib/data/team-review";
import { ReverifyAll } from "@/components/cluster/reverify-all";
import { CourseDay } from "@/components/calendar/course-day";
import { formatWhen } from "@/lib/utils";
import { DESIGNATION_LABEL, isDesignation } from "../labels";
import { PaceBadge, StuckBadge } from "../team-badges";

/** Who the team is and where it stands: course day, pace, stuck, members, and the team-wide actions. */
export function ReviewHeader({ review }: { review: TeamReview }) {
  const { team } = review;
  return (
    <div className="space-y-3">
      <PageLink href={`/instructor?cohort=${team.cohortId}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to the board
      </PageLink>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Review · {team.cohort}</p>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{team.name}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span>
              {review.done} of {review.steps.length} steps done
            </span>
            {review.pace ? <PaceBadge pace={review.pace} /> : null}
            {review.stuck ? <StuckBadge stuck={review.stuck.reason === "idle" ? { ...review.stuck, since: review.stuck.since.toISOString() } : review.stuck} /> : null}
            {team.archived ? <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">Archived</span> : null}
            <span className="text-slate-600">Last progress: {review.lastProgressAt ? formatWhen(review.lastProgressAt) : "none yet"}</span>
          </p>
          <CourseDay today={review.today} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <PageLink href={`/plan?team=${team.id}`} className="text-sm font-medium text-brand-700 hover:underline">
            Open the team&apos;s plan
          </PageLink>
          <PageLink href={`/instructor/cohorts/${team.cohortId}/teams`} className="text-sm font-medium text-brand-700 hover:underline">
            Manage the team
          </PageLink>
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <ul className="flex flex-wrap gap-1.5 text-sm" aria-label="Members">
          {review.members.length === 0 ? <li className="text-slate-600">Nobody has joined yet.</li> : null}
          {review.members.map((m) => (
            <li key={m.name} className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-slate-800">
              {m.name}
              {isDesignation(m.designation) && m.designation !== "NONE" ? <span className="rounded-full bg-brand-50 px-1.5 text-xs font-medium text-brand-700">{DESIGNATION_LABEL[m.designation]}</span> : null}
            </li>
          ))}
        </ul>
        <ReverifyAll teamId={team.id} />
      </div>
    </div>
  );
}
