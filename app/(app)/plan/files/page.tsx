import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { requestOrigin } from "@/components/board/load-board";
import { PackCurlCommand } from "@/components/pack/pack-curl-command";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { assertCan } from "@/lib/authz/permissions";
import { listPackFiles } from "@/lib/pack/files";
import { PACK_ARCHIVE_NAME } from "@/lib/pack/archive";

export const metadata: Metadata = { title: "Course files" };

/** Top-level folders of the pack with the files under each; files at the top are grouped as "Pack root". */
function groupByFolder(files: string[]) {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const [top, ...rest] = file.split("/");
    const key = rest.length ? top! : "";
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
}

export default async function PackIndexPage() {
  assertCan((await requireActor()).role, "courseFile.read");
  const groups = groupByFolder(listPackFiles());
  const downloadHref = `/api/pack/${PACK_ARCHIVE_NAME}`;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Course files</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          The manifests, chart, scripts and documents the guide&apos;s commands use, such as{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-sm">kubectl apply -f monitoring/alertmanager-deployment.yaml</code>. Download the pack once, unpack it, and run the commands from its folder.
        </p>
      </header>
      <Card className="space-y-4 p-5">
        <div className="flex flex-wrap items-center gap-3">
          <a href={downloadHref} download className="inline-flex rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Download the whole pack (.zip)
          </a>
          <span className="text-sm text-slate-600">{groups.reduce((n, [, files]) => n + files.length, 0)} files, in the folder <code className="font-mono">course-pack/</code></span>
        </div>
        <PackCurlCommand url={`${await requestOrigin()}${downloadHref}`} filename={PACK_ARCHIVE_NAME} />
      </Card>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        {groups.map(([folder, files]) => (
          <Card key={folder || "root"} className="p-5">
            <h2 className="font-mono text-sm font-semibold">
              {folder ? <PageLink href={`/plan/files/${folder}`} className="text-slate-900 hover:underline">{folder}/</PageLink> : "Pack root"}
            </h2>
            <ul className="mt-2 space-y-1 text-sm">
              {files.map((file) => (
                <li key={file} className="break-all">
                  <PageLink href={`/plan/files/${file}`} className="font-mono text-brand-700 hover:underline">{folder ? file.slice(folder.length + 1) : file}</PageLink>
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
    </div>
  );
}
