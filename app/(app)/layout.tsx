import { AppHeader } from "@/components/layout/app-header";
import { SignoffNotices } from "@/components/signoff/notices";
import { requireActor } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <AppHeader actor={actor} teamName={actor.teamName ?? undefined} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        <SignoffNotices actor={actor} />
        {children}
      </main>
    </>
  );
}
