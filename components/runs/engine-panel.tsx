"use client";

import { PageLink } from "@/components/layout/page-link";
import type { StepEngine } from "@/lib/data/runs";
import type { StepView } from "@/lib/runs/step-view";
import { Card } from "@/components/ui/card";
import { PerformanceSection } from "@/components/perf/performance-section";
import { ApplySection } from "./apply-section";
import { AttestSection } from "./attest-section";
import { GateBanner } from "./gate-banner";
import { OperationsSection } from "./operations-section";
import { VerifySection } from "./verify-section";
import { useEngine } from "./use-engine";

/** The step on the team's cluster: apply with a preview, run its commands, verify it, confirm what only people can. */
export function EnginePanel({ teamId, step, initial }: { teamId: string; step: StepView; initial: StepEngine }) {
  const { data: engine } = useEngine(teamId, step.id, initial);
  const locked = !engine.gate.open;
  const hasAutomated = step.checks.some((c) => c.kind !== "manual");
  return (
    <section aria-labelledby="engine-panel-heading">
      <Card className="space-y-6 p-5 sm:p-6">
        <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h2 id="engine-panel-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">On your cluster</h2>
          {engine.connected ? (
            <span className="min-w-0 break-all text-xs text-slate-600">{engine.server} · namespace {engine.namespace}</span>
          ) : null}
        </header>
        {!engine.connected && hasAutomated ? (
          <p className="text-sm text-slate-700">
            Connect your team&apos;s cluster to apply and verify this step from here.{" "}
            <PageLink href="/plan/cluster" className="font-medium text-brand-700 hover:underline">Connect a cluster</PageLink>
          </p>
        ) : null}
        {engine.connected && hasAutomated ? <GateBanner teamId={teamId} stepId={step.id} engine={engine} /> : null}
        {engine.connected && engine.may.apply && step.manifests.length > 0 ? <ApplySection teamId={teamId} step={step} engine={engine} locked={locked} /> : null}
        {engine.connected && engine.may.apply && step.operations.length > 0 ? <OperationsSection teamId={teamId} step={step} engine={engine} locked={locked} /> : null}
        {engine.connected && step.load ? <PerformanceSection teamId={teamId} stepId={step.id} engine={engine} locked={locked} /> : null}
        {engine.connected && hasAutomated ? <VerifySection teamId={teamId} step={step} engine={engine} locked={locked} /> : null}
        {step.checks.some((c) => c.kind === "manual") ? <AttestSection teamId={teamId} step={step} engine={engine} /> : null}
      </Card>
    </section>
  );
}
