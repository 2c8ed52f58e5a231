import { PageLink } from "./page-link";

/** The app's branded 404 body: what is missing and where to go instead. */
export function NotFoundPage({ message, links = [] }: { message: string; links?: { href: string; label: string }[] }) {
  const all = [...links, { href: "/", label: "Home" }, { href: "/plan", label: "The plan" }, { href: "/plan/files", label: "Course files" }];
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Error 404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">{message}</p>
      <nav aria-label="Ways back" className="mt-6 flex flex-wrap justify-center gap-x-5 gap-y-2 text-sm">
        {all.map((l) => (
          <PageLink key={l.href} href={l.href} className="font-medium text-brand-700 underline">
            {l.label}
          </PageLink>
        ))}
      </nav>
    </div>
  );
}
