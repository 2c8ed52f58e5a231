"use client";

import { useMutation } from "@tanstack/react-query";
import { testTeamCluster } from "@/lib/actions/test-team-cluster";
import type { ConnectionReport } from "@/lib/runs/test-connection";
import { Button } from "@/components/ui/button";

/** "Test connection": server version, nodes Ready, and a short table of what the identity may not do. */
export function ConnectionTest({ teamId }: { teamId: string }) {
  const test = useMutation({
    mutationFn: async () => {
      const r = await testTeamCluster({ teamId });
      if (!r.ok) throw new Error(r.message);
      return r.data as ConnectionReport;
    },
  });
  const report = test.data;
  return (
    <div className="space-y-3">
      <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate()}>{test.isPending ? "Testing…" : "Test connection"}</Button>
      {test.error ? <p role="alert" className="text-sm text-rose-800">{test.error.message}</p> : null}
      {report && !report.reachable ? <p role="alert" className="text-sm text-rose-800">{report.problem}</p> : null}
      {report?.reachable ? (
        <div className="space-y-2 text-sm" role="status">
          <p>Server {report.serverVersion}, {report.nodesReady} nodes Ready{report.nodes?.length ? ` (${report.nodes.map((n) => `${n.name}: ${n.status}`).join(", ")})` : ""}.</p>
          {report.missing.length === 0 && report.unverified.length === 0 ? <p className="text-emerald-900">✓ The identity may do everything the course needs.</p> : null}
          {[["Missing permissions", report.missing], ["Could not be verified", report.unverified]].map(([title, rows]) =>
            (rows as ConnectionReport["missing"]).length ? (
              <div key={title as string} className="scroll-visible">
                <table className="w-full text-left text-xs">
                  <caption className="mb-1 text-left text-sm font-medium">{title as string}</caption>
                  <thead><tr className="text-slate-600"><th className="pr-3">Scope</th><th className="pr-3">Resource</th><th className="pr-3">Verbs</th><th>Needed for</th></tr></thead>
                  <tbody>
                    {(rows as ConnectionReport["missing"]).map((r) => (
                      <tr key={`${r.scope}${r.resource}`} className="border-t border-slate-100 align-top"><td className="pr-3">{r.scope}</td><td className="pr-3 font-mono">{r.resource}</td><td className="pr-3 font-mono">{r.verbs}</td><td>{r.purpose}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null,
          )}
          {report.notes?.map((n) => <p key={n} className="text-xs text-slate-600">{n}</p>)}
        </div>
      ) : null}
    </div>
  );
}
