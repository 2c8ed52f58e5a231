import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { CreateTeamForm } from "@/components/board/create-team-form";
import { loadBoard, requestOrigin } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { TeamRoster } from "@/components/board/team-roster";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { decodeRouteParam } from "@/lib/validations/route-params";
import { parseIdParam } from "@/lib/validations/search-params";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Teams & join codes" };

export default async function CohortTeamsPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const actor = await requireActor();
  if (!can(actor.role, "teamBoard.open")) return <NotAllowed role={actor.role} audience="instructors" />;
  const cohortId = idOrNotFound(decodeRouteParam((await params).cohortId));
  const board = await loadBoard(actor, cohortId, { includeArchived: true });
  if (!board?.canManage) return <NotAllowed role={actor.role} audience="the cohort's instructor" reason="You can only manage teams of cohorts you teach." />;
  const origin = await requestOrigin();
  const active = board.teams.filter((t) => t.archivedAt === null);
  const archived = board.teams.filter((t) => t.archivedAt !== null);

  return (
    <div className="space-y-6">
      <div>
        <PageLink href={`/instructor?cohort=${board.id}`} className="text-sm font-medium text-brand-700 hover:underline">
          ← Back to the board
        </PageLink>
        <p className="mt-3 text-xs font-semibold uppercase tracking-wide text-brand-700">{board.name}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">Teams &amp; join codes</h1>
        <p className="mt-2 max-w-2xl text-sm text-slate-600">
          Students join a team by opening its join link and creating an account. Name a tech lead and a project manager per team: they sign off Day 20.
        </p>
        <p className="mt-2 flex flex-wrap gap-x-4 text-sm font-medium">
          <PageLink href={`/instructor/cohorts/${board.id}/people`} className="text-brand-700 hover:underline">Instructors &amp; stakeholders</PageLink>
          <PageLink href={`/instructor/cohorts/${board.id}/calendar`} className="text-brand-700 hover:underline">Course calendar</PageLink>
        </p>
      </div>
      <Card className="p-5">
        <h2 className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-600">New team</h2>
        <CreateTeamForm cohortId={board.id} origin={origin} />
      </Card>
      {active.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No teams yet: create the first one above.</p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {active.map((team) => (
            <TeamRoster key={team.id} team={team} origin={origin} others={active.filter((t) => t.id !== team.id).map((t) => ({ id: t.id, name: t.name }))} />
          ))}
        </div>
      )}
      {archived.length ? (
        <section aria-labelledby="archived-heading" className="space-y-3">
          <h2 id="archived-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            Archived teams
          </h2>
          <p className="text-sm text-slate-600">Off the board and the overview; everything they did is kept. Restore a team to bring it back.</p>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {archived.map((team) => (
              <TeamRoster key={team.id} team={team} origin={origin} others={[]} />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

function idOrNotFound(value: string): string {
  try {
    return parseIdParam(value)!;
  } catch {
    notFound();
  }
}
