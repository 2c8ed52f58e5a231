import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageLink } from "@/components/layout/page-link";
import { AcceptInviteForm } from "@/components/auth/invite-form";
import { Card } from "@/components/ui/card";
import { clientAddress } from "@/lib/auth/client-address";
import { INVITE_REFUSED, lookupInvite } from "@/lib/data/invites";
import { ZJoinCode } from "@/lib/validations/account";
import { decodeRouteParam } from "@/lib/validations/route-params";

export const metadata: Metadata = { title: "Accept an invitation" };

export default async function InvitePage({ params }: { params: Promise<{ code: string }> }) {
  const code = ZJoinCode.safeParse(decodeRouteParam((await params).code));
  const lookup = code.success ? await lookupInvite(code.data, clientAddress(await headers())) : ({ status: "unknown" } as const);
  return (
    <Card className="p-6">
      {lookup.status === "open" && code.success ? (
        <>
          <h1 className="text-xl font-semibold">Join {lookup.invite.cohort}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {lookup.invite.invitedBy} invited you to {lookup.invite.role === "INSTRUCTOR" ? "teach this cohort as an instructor" : "follow this cohort's progress as a stakeholder"}. Create your account to start.
          </p>
          <div className="mt-5">
            <AcceptInviteForm code={code.data} email={lookup.invite.email} />
          </div>
        </>
      ) : (
        <>
          <h1 className="text-xl font-semibold">This invitation does not work</h1>
          <p className="mt-2 text-sm text-slate-600">{lookup.status === "throttled" ? lookup.message : INVITE_REFUSED[lookup.status === "open" ? "unknown" : lookup.status]}</p>
        </>
      )}
      <p className="mt-5 text-center text-sm text-slate-600">
        Already have an account? <PageLink className="font-medium text-brand-700 underline" href="/login">Sign in</PageLink>
      </p>
    </Card>
  );
}
