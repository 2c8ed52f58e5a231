import { PageLink } from "@/components/layout/page-link";
import type { Actor } from "@/lib/auth/session";
import { CELL_META } from "@/lib/board/cell-state";
import type { ReviewStepRow } from "@/lib/data/team-review";
import { getReviewStepExtras } from "@/lib/data/team-review";
import { getStepNote } from "@/lib/data/notes";
import { getStepEngine } from "@/lib/data/runs";
import { STATUS_LABEL } from "@/lib/progress/compute";
import { CheckResultItem } from "@/components/runs/check-result";
import { RunBadge } from "@/components/runs/run-badge";
import { RunHistory } from "@/components/runs/run-history";
import { StepComments } from "@/components/comments/step-comments";
import { Markdown } from "@/components/step/markdown";
import { StepHistory } from "@/components/step/step-history";
import { Card } from "@/components/ui/card";
import { cn, formatWhen, stepHref } from "@/lib/utils";
import { CELL_CLASS } from "../cell-style";
import { OverrideGateForm } from "./override-gate-form";
import { ResetStepForm } from "./reset-step-form";

const heading = "text-xs font-semibold uppercase tracking-wide text-slate-600";

/** One step of the team under review: gate, evidence, every run, the note, comments, reset and history. */
export async function ReviewStepPanel({ actor, team, step }: { actor: Actor; team: { id: string; name: string }; step: ReviewStepRow }) {
  const [engine, extras, note] = await Promise.all([getStepEngine(actor, team.id, step.id), getReviewStepExtras(actor, team.id, step.id), getStepNote(actor, team.id, step.id)]);
  const verify = engine.latestVerify;
  return (
    <div className="space-y-4" data-testid="review-step">
      <Card className="space-y-4 p-5">
        <header className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm font-medium text-brand-700">Step {step.number} · Day {step.day}</p>
            <h2 className="text-xl font-semibold tracking-tight">{step.title}</h2>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <span aria-hidden className={cn("inline-flex h-5 w-5 items-center justify-center rounded-[3px] text-[10px]", CELL_CLASS[step.cell])}>{CELL_META[step.cell].glyph}</span>
              {CELL_META[step.cell].label}
              {step.cell !== step.status ? <span className="text-slate-600">(status: {STATUS_LABEL[step.status]})</span> : null}
            </p>
          </div>
          <PageLink href={stepHref(step.id, team.id)} className="text-sm font-medium text-brand-700 hover:underline">
            Open the step page →
          </PageLink>
        </header>
        {step.blockedReason !== null ? (
          <p className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900">
            <strong>Blocked:</strong> {step.blockedReason || "no reason given"}
          </p>
        ) : null}
        <section aria-labelledby="gate-heading">
          <h3 id="gate-heading" className={heading}>Gate</h3>
          {engine.gate.open ? (
            <p className="mt-1 text-sm text-slate-700">
              {engine.gate.via === "override" && step.override
                ? `Opened by ${step.override.by} on ${formatWhen(step.override.at)}: “${step.override.reason}”`
                : engine.gate.via === "first"
                  ? "Open: this is the first step."
                  : engine.gate.via === "deferred"
                    ? "Open: the step before has only its load test left, which runs later."
                    : "Open: the step before is verified."}
            </p>
          ) : (
            <div className="mt-1 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              <p>Closed. {engine.gate.reason}</p>
              {engine.may.override ? <OverrideGateForm teamId={team.id} stepId={step.id} stepNumber={step.number} /> : null}
            </div>
          )}
        </section>
        <section aria-labelledby="verify-heading">
          <h3 id="verify-heading" className={heading}>Latest verification</h3>
          {verify ? (
            <div className="mt-1 space-y-2">
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <RunBadge status={verify.status} />
                <PageLink href={`/plan/runs/${verify.id}`} className="text-brand-700 hover:underline">{verify.summary || "Verification"}</PageLink>
                <span className="text-slate-600">{verify.startedBy ?? "Daybook"}, {formatWhen(new Date(verify.startedAt))}</span>
              </p>
              {verify.checks.length ? <ul className="space-y-2">{verify.checks.map((c) => <CheckResultItem key={c.checkId} result={c} />)}</ul> : null}
            </div>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{engine.connected ? "Not verified yet." : "Not verified yet; the team has not connected a cluster."}</p>
          )}
          {engine.attestations.length ? (
            <ul className="mt-2 space-y-1 text-sm">
              {engine.attestations.map((a, i) => (
                <li key={i}>
                  <span className="font-medium">{a.by ?? "A team member"}</span> confirmed {a.checkId} on {formatWhen(new Date(a.at))}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <section aria-labelledby="runs-heading">
          <h3 id="runs-heading" className={heading}>Every run ({extras.runs.length})</h3>
          <div className="mt-1">
            <RunHistory runs={extras.runs} />
          </div>
        </section>
      </Card>
      <Card className="p-5">
        <h3 className={heading}>Team note</h3>
        {note?.body.trim() ? (
          <>
            <div className="mt-2">
              <Markdown text={note.body} />
            </div>
            <p className="mt-2 text-xs text-slate-600">Last edited by {note.updatedBy} · {formatWhen(note.updatedAt)}</p>
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-600">The team has not written a note on this step.</p>
        )}
      </Card>
      <StepComments actor={actor} teamId={team.id} stepId={step.id} />
      <Card className="space-y-3 p-5">
        <h3 className={heading}>Reset</h3>
        {step.status === "NOT_STARTED" ? (
          <p className="text-sm text-slate-600">Not started: nothing to reset.</p>
        ) : (
          <ResetStepForm teamId={team.id} stepId={step.id} stepNumber={step.number} teamName={team.name} />
        )}
        {extras.resets.length ? (
          <ul className="space-y-1 text-sm" data-testid="resets">
            {extras.resets.map((r, i) => (
              <li key={i}>
                <span className="font-medium">{r.by}</span> reset it from {STATUS_LABEL[r.fromStatus]} on {formatWhen(r.at)}: “{r.reason}”
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <StepHistory actor={actor} teamId={team.id} stepId={step.id} />
    </div>
  );
}
