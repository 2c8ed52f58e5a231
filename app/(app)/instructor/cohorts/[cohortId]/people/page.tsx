import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { CopyButton } from "@/components/board/copy-button";
import { InviteForm } from "@/components/board/invite-form";
import { inviteLink } from "@/components/board/labels";
import { orRefused, requestOrigin } from "@/components/board/load-board";
import { NotAllowed } from "@/components/board/not-allowed";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { getCohortPeople } from "@/lib/data/invites";
import { decodeRouteId } from "@/lib/validations/route-params";

export const metadata: Metadata = { title: "Instructors & stakeholders" };

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

function PersonList({ title, people, empty }: { title: string; people: { id: string; name: string; email: string; note?: string }[]; empty: string }) {
  return (
    <Card className="p-5">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h2>
      {people.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {people.map((p) => (
            <li key={p.id} className="py-2">
              <p className="text-sm font-medium text-slate-900">
                {p.name}
                {p.note ? <span className="ml-2 text-xs font-normal text-slate-600">{p.note}</span> : null}
              </p>
              <p className="truncate text-xs text-slate-600">{p.email}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export default async function CohortPeoplePage({ params }: { params: Promise<{ cohortId: string }> }) {
  const actor = await requireActor();
  if (!can(actor.role, "teamBoard.open")) return <NotAllowed role={actor.role} audience="instructors" />;
  const cohortId = decodeRouteId((await params).cohortId);
  const people = await orRefused(getCohortPeople(actor, cohortId));
  if (!people) return <NotAllowed role={actor.role} audience="the cohort's instructor" reason="You can only manage cohorts you teach." />;
  const origin = await requestOrigin();
  return (
    <div className="space-y-6">
      <div>
        <PageLink href={`/instructor?cohort=${cohortId}`} className="text-sm font-medium text-brand-700 hover:underline">
          ← Back to the board
        </PageLink>
        <h1 className="mt-3 text-2xl font-semibold tracking-tight sm:text-3xl">Instructors &amp; stakeholders</h1>
        <p className="mt-2 max-w-2xl text-sm text-slate-600">
          A second instructor reviews, comments and manages teams like you. A stakeholder follows the cohort&apos;s progress read-only: no notes, comments, emails or join codes.
        </p>
      </div>
      <Card className="p-5">
        <h2 className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-600">Invite by email</h2>
        <InviteForm cohortId={cohortId} origin={origin} />
      </Card>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <PersonList title="Instructors" people={[{ ...people.owner, note: "created the cohort" }, ...people.instructors]} empty="" />
        <PersonList title="Stakeholders" people={people.stakeholders} empty="Nobody follows this cohort yet." />
      </div>
      <Card className="p-5">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Invitations not taken up yet</h2>
        {people.invites.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="pending-invites">
            {people.invites.map((i) => (
              <li key={i.id} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900">{i.email}</p>
                  <p className="text-xs text-slate-600">
                    As {i.role === "INSTRUCTOR" ? "instructor" : "stakeholder"} · expires {day.format(i.expiresAt)}
                  </p>
                </div>
                <CopyButton text={inviteLink(origin, i.code)} context={`to invite ${i.email}`} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
