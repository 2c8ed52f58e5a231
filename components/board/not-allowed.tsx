import Link from "next/link";
import { ROLE_HOME } from "@/lib/authz/home";
import type { Role } from "@/lib/authz/permissions";
import { Card } from "@/components/ui/card";

const DEFAULT_REASON = "Your account can't open it. If you think that's wrong, ask your instructor to check which cohort you belong to.";

export function NotAllowed({ role, audience, reason = DEFAULT_REASON }: { role: Role; audience: string; reason?: string }) {
  const home = ROLE_HOME[role];
  return (
    <Card className="mx-auto max-w-lg p-6 text-center sm:p-8" data-testid="not-allowed">
      <p className="text-xs font-semibold uppercase tracking-wide text-rose-700">Not allowed</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">This page is for {audience}</h1>
      <p className="mt-2 text-sm text-slate-600">{reason}</p>
      <Link href={home.href} className="mt-5 inline-flex rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {home.label}
      </Link>
    </Card>
  );
}
