import type { Metadata } from "next";
import { ConnectForm } from "@/components/cluster/connect-form";
import { ConnectionTest } from "@/components/cluster/connection-test";
import { ReverifyAll } from "@/components/cluster/reverify-all";
import { SettingsForm } from "@/components/cluster/settings-form";
import { DisconnectButton } from "@/components/cluster/disconnect-button";
import { TeamBanner } from "@/components/plan/team-banner";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { NotAllowed } from "@/components/board/not-allowed";
import { getClusterSummary, localClusterAvailable } from "@/lib/data/clusters";
import { getPlanView } from "@/lib/data/plan-view";
import type { SearchParams } from "@/lib/validations/search-params";
import { formatWhen } from "@/lib/utils";

export const metadata: Metadata = { title: "Cluster" };

export default async function ClusterPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const { team } = await getPlanView(actor, (await searchParams).team);
  if (!team || !team.canSeeCluster) return <NotAllowed role={actor.role} audience="a team and its instructors" reason="A team's cluster connection is visible to its members and their instructor." />;
  const summary = await getClusterSummary(actor, team.id);
  const mayConnect = team.canConnectCluster;
  return (
    <div className="space-y-6">
      <TeamBanner team={team} role={actor.role} />
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Your cluster</h1>
        <p className="mt-1 text-slate-600">Where Daybook applies the course and reads the evidence. Credentials are encrypted on the Daybook server and never sent to the browser.</p>
      </header>
      <Card className="space-y-4 p-5 sm:p-6">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Connection</h2>
        {summary.connected ? (
          <>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
              <dt className="text-slate-600">API server</dt><dd className="break-all font-mono">{summary.server}</dd>
              <dt className="text-slate-600">Context</dt><dd className="break-all">{summary.contextName} {summary.source === "local" ? "(the local control plane)" : ""}</dd>
              <dt className="text-slate-600">Version</dt><dd>{summary.serverVersion ?? "unknown"} · {summary.nodesReady ?? "?"} nodes Ready{summary.testedAt ? ` · tested ${formatWhen(summary.testedAt)}` : ""}</dd>
              <dt className="text-slate-600">Connected by</dt><dd>{summary.connectedBy}{summary.connectedAt ? `, ${formatWhen(summary.connectedAt)}` : ""}</dd>
            </dl>
            <ConnectionTest teamId={team.id} />
          </>
        ) : (
          <p className="text-sm text-slate-700">No cluster connected yet{mayConnect ? "." : "; a team member connects it."}</p>
        )}
        {mayConnect ? (
          <details open={!summary.connected} className="rounded-lg border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">{summary.connected ? "Connect another cluster instead" : "Connect a cluster"}</summary>
            <div className="mt-3"><ConnectForm teamId={team.id} localAvailable={localClusterAvailable()} /></div>
          </details>
        ) : null}
      </Card>
      {summary.connected ? (
        <>
          <Card className="space-y-4 p-5 sm:p-6">
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Settings</h2>
            <SettingsForm teamId={team.id} summary={summary} canEdit={mayConnect} />
          </Card>
          <Card className="space-y-3 p-5 sm:p-6">
            <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Regressions</h2>
            <p className="text-sm text-slate-600">Checks every step that was verified again, at once. A step that fails now is marked regressed on the plan and the board.</p>
            {team.canVerify ? <ReverifyAll teamId={team.id} /> : null}
          </Card>
          {mayConnect ? <DisconnectButton teamId={team.id} /> : null}
        </>
      ) : null}
    </div>
  );
}
