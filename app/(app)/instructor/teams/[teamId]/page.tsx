import type { Metadata } from "next";
import { orRefused } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { ReviewHeader } from "@/components/board/review/review-header";
import { ReviewStepList } from "@/components/board/review/step-list";
import { ReviewStepPanel } from "@/components/board/review/step-panel";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { getTeamReview, type ReviewStepRow } from "@/lib/data/team-review";
import { decodeRouteId } from "@/lib/validations/route-params";
import { stringParam, type SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Review a team" };

// Without ?step=, the step that most needs a look: unread comments, a blocked flag, a broken check, else the next open one.
function firstToReview(steps: ReviewStepRow[]): ReviewStepRow {
  return (
    steps.find((s) => s.unread > 0) ??
    steps.find((s) => s.cell === "BLOCKED") ??
    steps.find((s) => s.cell === "REGRESSED" || s.cell === "FAILED") ??
    steps.find((s) => s.status !== "VERIFIED" && s.status !== "ATTESTED" && s.status !== "DONE_MANUAL") ??
    steps[0]!
  );
}

export default async function TeamReviewPage({ params, searchParams }: { params: Promise<{ teamId: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor.role, "teamBoard.open")) return <NotAllowed role={actor.role} audience="instructors" />;
  const teamId = decodeRouteId((await params).teamId);
  const review = await orRefused(getTeamReview(actor, teamId));
  if (!review) return <NotAllowed role={actor.role} audience="the cohort's instructor" reason="You can only review teams of cohorts you teach." />;
  const requested = stringParam((await searchParams).step);
  const step = review.steps.find((s) => s.id === requested) ?? firstToReview(review.steps);
  return (
    <div className="space-y-6">
      <ReviewHeader review={review} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[300px_minmax(0,1fr)]">
        <Card className="p-4 lg:max-h-[calc(100vh-7rem)] lg:overflow-y-auto lg:sticky lg:top-20">
          <ReviewStepList teamId={review.team.id} steps={review.steps} selected={step.id} />
        </Card>
        <div className="order-first lg:order-none">
          <ReviewStepPanel actor={actor} team={review.team} step={step} />
        </div>
      </div>
    </div>
  );
}
