import { PageLink } from "./page-link";
import type { Actor } from "@/lib/auth/session";
import { signOutUser } from "@/lib/actions/sign-out-user";
import { ROLE_LABEL } from "@/lib/authz/roles";
import { NavLinks } from "./nav-links";

const LINKS = {
  STUDENT: [
    { href: "/plan", label: "Plan" },
    { href: "/plan/cluster", label: "Cluster" },
    { href: "/signoff", label: "Sign-off" },
    { href: "/reports", label: "Report" },
    { href: "/plan/files", label: "Course files" },
    { href: "/plan/troubleshooting", label: "Troubleshooting" },
    { href: "/plan/support", label: "Support" },
  ],
  INSTRUCTOR: [
    { href: "/instructor", label: "Team board" },
    { href: "/signoff", label: "Sign-off" },
    { href: "/reports", label: "Reports" },
    { href: "/plan/files", label: "Course files" },
    { href: "/plan/troubleshooting", label: "Troubleshooting" },
    { href: "/plan/support", label: "Support" },
  ],
  STAKEHOLDER: [
    { href: "/stakeholder", label: "Cohort progress" },
    { href: "/signoff", label: "Sign-off" },
    { href: "/reports", label: "Reports" },
    { href: "/plan/support", label: "Support" },
  ],
} as const;


export function AppHeader({ actor, teamName }: { actor: Actor; teamName?: string }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <PageLink href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" width={26} height={26} />
          Daybook
        </PageLink>
        <NavLinks links={[...LINKS[actor.role]]} />
        <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
          <div className="min-w-0 text-right leading-tight" data-testid="signed-in-as">
            <div className="truncate font-medium text-slate-800">{actor.name}</div>
            <div className="truncate text-xs text-slate-600">
              {ROLE_LABEL[actor.role]}
              {teamName ? ` · ${teamName}` : ""}
            </div>
          </div>
          <form action={signOutUser}>
            <button className="whitespace-nowrap rounded-lg border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-50">Sign out</button>
          </form>
        </div>
      </div>
    </header>
  );
}
