import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageLink } from "@/components/layout/page-link";
import { JoinForm } from "@/components/auth/join-form";
import { Card } from "@/components/ui/card";
import { clientAddress } from "@/lib/auth/client-address";
import { JOIN_REFUSED, lookupJoinCode } from "@/lib/data/cohorts";
import { decodeRouteParam } from "@/lib/validations/route-params";
import { ZJoinCode } from "@/lib/validations/account";

export const metadata: Metadata = { title: "Join your team" };

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const code = ZJoinCode.safeParse(decodeRouteParam((await params).code));
  const lookup = code.success ? await lookupJoinCode(code.data, clientAddress(await headers())) : ({ status: "unknown" } as const);
  return (
    <Card className="p-6">
      {lookup.status === "open" && code.success ? (
        <>
          <h1 className="text-xl font-semibold">Join {lookup.team.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {lookup.team.cohort} · create your student account to start Day 1 with your team.
          </p>
          <div className="mt-5">
            <JoinForm code={code.data} />
          </div>
        </>
      ) : (
        <>
          <h1 className="text-xl font-semibold">This join link does not work</h1>
          <p className="mt-2 text-sm text-slate-600">
            {lookup.status === "throttled" ? lookup.message : lookup.status === "expired" ? JOIN_REFUSED.expired : "The code may be mistyped or the team was removed. Ask your instructor for a new link."}
          </p>
        </>
      )}
      <p className="mt-5 text-center text-sm text-slate-600">
        Already have an account? <PageLink className="font-medium text-brand-700 underline" href="/login">Sign in</PageLink>
      </p>
    </Card>
  );
}
