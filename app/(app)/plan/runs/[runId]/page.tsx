import type { Metadata } from "next";
import { PageLink } from "@/components/layout/page-link";
import { notFound } from "next/navigation";
import { LoadRunView } from "@/components/perf/load-run-view";
import { CheckResultItem } from "@/components/runs/check-result";
import { ObjectResults } from "@/components/runs/object-results";
import { RunBadge } from "@/components/runs/run-badge";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { findStep, loadCourse } from "@/lib/course/load";
import { getRunDetail, type RunDetail } from "@/lib/data/runs";
import { AppError } from "@/lib/errors";
import { decodeRouteParam } from "@/lib/validations/route-params";
import { formatWhen, stepHref } from "@/lib/utils";

export const metadata: Metadata = { title: "Run" };

const KIND: Record<string, string> = { PREVIEW: "Preview", APPLY: "Apply", OPERATION: "Command", VERIFY: "Verification", ATTEST: "Attestation", LOAD: "Performance test" };

async function load(runId: string): Promise<RunDetail> {
  const actor = await requireActor();
  try {
    return await getRunDetail(actor, runId);
  } catch (error) {
    // Another team's run looks exactly like one that does not exist.
    if (error instanceof AppError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) notFound();
    throw error;
  }
}

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const run = await load(decodeRouteParam((await params).runId));
  const step = findStep(loadCourse(), run.stepId);
  const r = run.results;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <PageLink href={stepHref(run.stepId)} className="hover:underline">Step {step?.number}: {step?.title}</PageLink> / run
      </nav>
      <header className="space-y-2">
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight">
          {KIND[run.kind] ?? run.kind}{run.operationId ? `: ${step?.operations?.find((o) => o.id === run.operationId)?.label ?? run.operationId}` : ""} <RunBadge status={run.status} />
        </h1>
        <p className="text-slate-700">{run.summary}</p>
        <p className="text-sm text-slate-600">
          Started by {run.startedBy ?? "Daybook"} {formatWhen(new Date(run.startedAt))}
          {run.durationMs !== null ? `, took ${(run.durationMs / 1000).toFixed(1)} s` : ""}
          {run.clusterServer ? ` · ${run.clusterServer}` : ""}
          {run.serverVersion ? ` (${run.serverVersion})` : ""}
        </p>
      </header>
      <Card className="p-5 sm:p-6">
        {r.type === "load" ? (
          <div className="space-y-4">
            <LoadRunView load={r.load} running={run.status === "RUNNING"} />
            {r.checks.length ? <ul className="space-y-2">{r.checks.map((c) => <CheckResultItem key={c.checkId} result={c} />)}</ul> : null}
          </div>
        ) : r.type === "verify" ? (
          <ul className="space-y-2">{r.checks.map((c) => <CheckResultItem key={c.checkId} result={c} />)}</ul>
        ) : r.type === "apply" ? (
          <ObjectResults results={r} />
        ) : r.type === "operation" ? (
          <div className="space-y-4">
            <pre tabIndex={0} aria-label="What the command did" className="scroll-visible max-h-96 overflow-y-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{r.log.join("\n") || "(no output)"}</pre>
            {r.checks?.length ? <ul className="space-y-2">{r.checks.map((c) => <CheckResultItem key={c.checkId} result={c} />)}</ul> : null}
          </div>
        ) : (
          <ul className="space-y-2 text-sm">
            {r.attestations.map((a) => (
              <li key={a.checkId}>
                <p className="font-medium">{a.prompt}</p>
                {Object.entries(a.fields).map(([k, v]) => <p key={k} className="text-slate-700">{k}: {v}</p>)}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
