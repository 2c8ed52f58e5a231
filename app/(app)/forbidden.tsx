import { PageLink } from "@/components/layout/page-link";
import { refusalOfThisRequest } from "@/components/board/not-allowed";
import { ROLE_HOME } from "@/lib/authz/home";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";

export default async function Forbidden() {
  const actor = await requireActor();
  const refusal = refusalOfThisRequest();
  const home = ROLE_HOME[actor.role];
  return (
    <Card className="mx-auto max-w-lg p-6 text-center sm:p-8" data-testid="not-allowed">
      <p className="text-xs font-semibold uppercase tracking-wide text-rose-700">Not allowed</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">{refusal ? `This page is for ${refusal.audience}` : "You can't open this page"}</h1>
      <p className="mt-2 text-sm text-slate-600">{refusal?.reason ?? "Your account can't open it. If you think that's wrong, ask your instructor."}</p>
      <PageLink href={home.href} className="mt-5 inline-flex rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {home.label}
      </PageLink>
    </Card>
  );
}
