import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/step/markdown";
import { CopyButton } from "@/components/step/copy-button";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { readCourseFile } from "@/lib/data/course-files";
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

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="font-mono text-sm text-slate-600">
        <Link href="/plan" className="font-sans hover:underline">Plan</Link>
        {crumbs.map((crumb, i) => (
          <span key={i}>
            <span className="px-1.5">/</span>
            {i < crumbs.length - 1 ? <Link href={`/plan/files/${crumbs.slice(0, i + 1).join("/")}`} className="hover:underline">{crumb}</Link> : crumb}
          </span>
        ))}
      </nav>
      <h1 className="font-mono text-xl font-semibold">{entry.relPath}</h1>
      {entry.type === "dir" ? (
        <Card className="divide-y divide-slate-100">
          {entry.entries.map((e) => (
            <Link key={e.name} href={`/plan/files/${entry.relPath}/${e.name}`} className="block px-4 py-2 font-mono text-sm text-brand-700 hover:bg-slate-50">
              {e.name}{e.isDir ? "/" : ""}
            </Link>
          ))}
        </Card>
      ) : entry.language === "md" ? (
        <Card className="p-6"><Markdown text={entry.content} /></Card>
      ) : (
        <div className="overflow-hidden rounded-xl bg-slate-900 text-slate-100">
          <div className="flex items-center justify-between border-b border-slate-700 px-4 py-2 text-xs text-slate-300">
            <span>{entry.language.toUpperCase()} · {entry.content.split("\n").length} lines</span>
            <CopyButton text={entry.content} label="Copy file" />
          </div>
          <pre tabIndex={0} className="overflow-x-auto p-4 font-mono text-sm leading-relaxed"><code>{entry.content}</code></pre>
        </div>
      )}
    </div>
  );
}
