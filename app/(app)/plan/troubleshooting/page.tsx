import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { CommandBlock } from "@/components/step/command-block";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { loadCourse } from "@/lib/course/load";

export const metadata: Metadata = { title: "Troubleshooting" };

export default async function TroubleshootingPage() {
  await requireActor();
  const { troubleshooting } = loadCourse();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Troubleshooting quick reference</h1>
        <p className="mt-1 text-slate-600">
          The five problems teams hit most, with the commands to diagnose them. Full guide:{" "}
          <PageLink className="font-mono text-brand-700 underline" href={`/plan/files/${troubleshooting.reference.path}`}>{troubleshooting.reference.path}</PageLink>
        </p>
      </header>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {troubleshooting.issues.map((issue, i) => (
          <Card key={issue.id} className="min-w-0 space-y-3 p-4 sm:p-5" id={issue.id}>
            <h2 className="font-semibold">
              <span className="text-slate-600">Issue {i + 1}:</span> {issue.title}
            </h2>
            <CommandBlock commands={issue.commands} language="bash" />
            <dl className="grid gap-2 text-sm sm:grid-cols-2">
              <div><dt className="font-medium text-slate-600">Cause</dt><dd>{issue.cause}</dd></div>
              <div><dt className="font-medium text-slate-600">Solution</dt><dd>{issue.solution}</dd></div>
            </dl>
          </Card>
        ))}
      </div>
    </div>
  );
}
