import type { Metadata } from "next";
import Link from "next/link";
import { JoinForm } from "@/components/auth/join-form";
import { Card } from "@/components/ui/card";
import { findTeamByJoinCode } from "@/lib/data/cohorts";

export const metadata: Metadata = { title: "Join your team" };

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const team = await findTeamByJoinCode(decodeURIComponent(code));
  return (
    <Card className="p-6">
      {team ? (
        <>
          <h1 className="text-xl font-semibold">Join {team.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {team.cohort} · create your student account to start Day 1 with your team.
          </p>
          <div className="mt-5">
            <JoinForm code={code} />
          </div>
        </>
      ) : (
        <>
          <h1 className="text-xl font-semibold">This join link does not work</h1>
          <p className="mt-2 text-sm text-slate-600">The code may be mistyped or the team was removed. Ask your instructor for a new link.</p>
        </>
      )}
      <p className="mt-5 text-center text-sm text-slate-600">
        Already have an account? <Link className="font-medium text-brand-700 underline" href="/login">Sign in</Link>
      </p>
    </Card>
  );
}
