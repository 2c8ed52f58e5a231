import { PageLink } from "@/components/layout/page-link";
import type { Actor } from "@/lib/auth/session";
import { listSignoffNotices } from "@/lib/signoff/data";
import { formatWhen } from "@/lib/utils";
import { DismissNotice } from "./dismiss-notice";

/** A signer's unread notices about their sign-offs (stale after a regression, reopened), on every page until dismissed. */
export async function SignoffNotices({ actor }: { actor: Actor }) {
  if (actor.hasNotices === false) return null;
  const notices = await listSignoffNotices(actor);
  if (notices.length === 0) return null;
  return (
    <section aria-label="Sign-off notices" className="mb-6 space-y-2">
      {notices.map((n) => (
        <div key={n.id} role="status" className="flex flex-wrap items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-950">
          <p className="min-w-0 flex-1">
            <span className="font-semibold">Sign-off notice · {formatWhen(n.createdAt)}: </span>
            {n.message} <PageLink href={`/signoff?team=${n.teamId}`} className="font-medium underline">Open the sign-off</PageLink>
          </p>
          <DismissNotice id={n.id} />
        </div>
      ))}
    </section>
  );
}
