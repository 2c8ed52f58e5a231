import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/step/markdown";
import { CopyButton } from "@/components/step/copy-button";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { readCourseFile } from "@/lib/data/course-files";
import { getPackFile } from "@/lib/data/pack";
import { tryDecodeSegment } from "@/lib/validations/route-params";

export async function generateMetadata({ params }: { params: Promise<{ path: string[] }> }): Promise<Metadata> {
  return { title: (await params).path.map((s) => tryDecodeSegment(s) ?? "Not found").join("/") };
}

export default async function PackFilePage({ params }: { params: Promise<{ path: string[] }> }) {
  const actor = await requireActor();
  const { path } = await params;
  const entry = readCourseFile(actor, path);
  if (!entry) notFound();
  const crumbs = entry.relPath.split("/");
  // What is shown and copied is what the download serves for this team.
  const served = entry.type === "file" ? String((await getPackFile(actor, entry.relPath)).body) : "";

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="break-all font-mono text-sm text-slate-600">
        <PageLink href="/plan/files" className="font-sans hover:underline">Course files</PageLink>
        {crumbs.map((crumb, i) => (
          <span key={i}>
            <span className="px-1.5">/</span>
            {i < crumbs.length - 1 ? <PageLink href={`/plan/files/${crumbs.slice(0, i + 1).join("/")}`} className="hover:underline">{crumb}</PageLink> : crumb}
          </span>
        ))}
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="break-all font-mono text-xl font-semibold">{entry.relPath}</h1>
        {entry.type === "file" ? (
          <a href={`/api/pack/file/${entry.relPath}`} download className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50">
            Download
          </a>
        ) : null}
      </div>
      {entry.type === "dir" ? (
        <Card className="divide-y divide-slate-100">
          {entry.entries.map((e) => (
            <PageLink key={e.name} href={`/plan/files/${entry.relPath}/${e.name}`} className="block break-all px-4 py-2 font-mono text-sm text-brand-700 hover:bg-slate-50">
              {e.name}{e.isDir ? "/" : ""}
            </PageLink>
          ))}
        </Card>
      ) : entry.language === "md" ? (
        <Card className="p-4 sm:p-6"><Markdown text={served} /></Card>
      ) : (
        <div className="overflow-hidden rounded-xl bg-slate-900 text-slate-100">
          <div className="flex items-center justify-between border-b border-slate-700 px-4 py-2 text-xs text-slate-300">
            <span>{entry.language.toUpperCase()} · {served.split("\n").length} lines</span>
            <CopyButton text={served} label="Copy file" />
          </div>
          {/* Long lines wrap on a phone; wider screens keep the layout and scroll sideways, with the bar shown. */}
          <pre tabIndex={0} aria-label={entry.relPath} className="scroll-visible whitespace-pre-wrap break-words p-4 font-mono text-sm leading-relaxed [overflow-wrap:anywhere] sm:whitespace-pre sm:[overflow-wrap:normal]"><code>{served}</code></pre>
        </div>
      )}
    </div>
  );
}
