"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { connectTeamCluster } from "@/lib/actions/connect-team-cluster";
import { listKubeconfigContexts } from "@/lib/actions/list-kubeconfig-contexts";
import type { ContextSummary } from "@/lib/clusters/kubeconfig-policy";
import { Button } from "@/components/ui/button";

const unwrap = <T,>(r: { ok: boolean; message?: string; data?: T }): T => {
  if (!r.ok) throw new Error(r.message ?? "That did not work.");
  return r.data as T;
};

/** Paste or upload a kubeconfig, pick a context, connect; or use the local control plane when this server has one. */
export function ConnectForm({ teamId, localAvailable }: { teamId: string; localAvailable: boolean }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [contexts, setContexts] = useState<ContextSummary[] | null>(null);
  const [context, setContext] = useState("");
  const list = useMutation({ mutationFn: async () => unwrap(await listKubeconfigContexts({ teamId, kubeconfig: text })), onSuccess: (cs) => (setContexts(cs), setContext(cs.find((c) => c.current)?.name ?? cs[0]?.name ?? "")) });
  const connect = useMutation({
    mutationFn: async (input: { source: "kubeconfig"; kubeconfig: string; context: string } | { source: "local" }) => unwrap(await connectTeamCluster({ teamId, ...input })),
    onSuccess: () => router.refresh(),
  });
  const error = list.error ?? connect.error;
  return (
    <div className="space-y-4">
      {localAvailable ? (
        <div className="rounded-lg border border-brand-200 bg-brand-50 p-3 text-sm">
          <p className="text-slate-800">This server runs a local test cluster (<span className="font-mono">npm run cluster:up</span>). Connect to it to try every step without a cloud account.</p>
          <Button className="mt-2" disabled={connect.isPending} onClick={() => connect.mutate({ source: "local" })}>Use the local cluster</Button>
        </div>
      ) : null}
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (contexts && context) connect.mutate({ source: "kubeconfig", kubeconfig: text, context });
          else list.mutate();
        }}
      >
        <label className="block text-sm">
          <span className="font-medium text-slate-900">Kubeconfig</span>
          <span className="block text-slate-600">Paste it, or choose the file. Exec plugins and file paths are refused: use a ServiceAccount token or inline certificates.</span>
          <textarea value={text} onChange={(e) => (setText(e.target.value), setContexts(null))} rows={8} spellCheck={false} className="mt-1 w-full rounded-md border border-slate-300 p-2 font-mono text-xs" placeholder="apiVersion: v1&#10;kind: Config&#10;…" />
        </label>
        <input type="file" aria-label="Kubeconfig file" accept=".yaml,.yml,.json,.conf,text/*" className="block text-sm" onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setText(await f.text()); setContexts(null); } }} />
        {contexts ? (
          <label className="block text-sm">
            <span className="font-medium text-slate-900">Context</span>
            <select value={context} onChange={(e) => setContext(e.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5">
              {contexts.map((c) => (
                <option key={c.name} value={c.name}>{c.name} — {c.server ?? "?"}{c.namespace ? ` (namespace ${c.namespace})` : ""}</option>
              ))}
            </select>
          </label>
        ) : null}
        <Button type="submit" disabled={!text.trim() || list.isPending || connect.isPending}>{contexts ? "Connect" : "Read contexts"}</Button>
      </form>
      {error ? <p role="alert" className="whitespace-pre-wrap break-words text-sm text-rose-800">{error.message}</p> : null}
    </div>
  );
}
