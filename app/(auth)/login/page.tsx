import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";
import { Card } from "@/components/ui/card";
import { hasOidc } from "@/lib/auth/providers";
import { signIn } from "@/lib/auth";
import { sameOriginPath } from "@/lib/auth/redirect";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/db/seed";
import { demoAccountsSeeded } from "@/lib/data/demo";
import { stringParam, type SearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // Only ever one of Daybook's own paths, whatever the link carried.
  const callbackUrl = sameOriginPath(stringParam(params.callbackUrl));
  const error = stringParam(params.error);
  const showDemo = await demoAccountsSeeded();
  return (
    <div className="space-y-6">
      <div className="text-center">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/favicon.svg" alt="" width={48} height={48} className="mx-auto" />
        <h1 className="mt-3 text-2xl font-semibold tracking-tight">Sign in to Daybook</h1>
        <p className="mt-1 text-sm text-slate-600">Your team&apos;s 20-day Kubernetes delivery plan, checked against your cluster.</p>
      </div>
      <Card className="p-6">
        {stringParam(params.notice) === "joined" ? (
          <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Sign in to continue. If this email was new, your student account is ready: use the password you just chose. If you already had an account, use your existing password.
          </p>
        ) : stringParam(params.notice) === "invited" ? (
          <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Sign in to continue. If the invitation created your account, use the password you just chose. If you already had an account, use your existing password.
          </p>
        ) : null}
        {error === "NotInvited" ? (
          <p role="alert" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Your single sign-on account is not invited to Daybook yet. Ask your instructor for a join link.
          </p>
        ) : null}
        <LoginForm callbackUrl={callbackUrl} demo={showDemo ? { accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })), password: DEMO_PASSWORD } : undefined} />
        {hasOidc ? (
          <form
            className="mt-4"
            action={async () => {
              "use server";
              await signIn("oidc", { redirectTo: "/" });
            }}
          >
            <button className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50">Sign in with single sign-on</button>
          </form>
        ) : null}
      </Card>
    </div>
  );
}
