"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { saveClusterSettings } from "@/lib/actions/save-cluster-settings";
import type { ClusterSummary } from "@/lib/data/clusters";
import { Button } from "@/components/ui/button";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";

/** Where the team's course lives on the cluster: namespace, image registry, and the public URLs of Day 16. */
export function SettingsForm({ teamId, summary, canEdit }: { teamId: string; summary: ClusterSummary; canEdit: boolean }) {
  const router = useRouter();
  const save = useMutation({
    mutationFn: async (data: FormData) => {
      const r = await saveClusterSettings({ teamId, namespace: String(data.get("namespace")), registry: String(data.get("registry") ?? ""), mirrorPublic: data.get("mirrorPublic") === "on", productionUrl: String(data.get("productionUrl") ?? ""), monitoringUrl: String(data.get("monitoringUrl") ?? ""), productionHost: String(data.get("productionHost") ?? ""), monitoringHost: String(data.get("monitoringHost") ?? "") });
      if (!r.ok) throw new Error(r.message);
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <form className="grid gap-3 sm:grid-cols-2" onSubmit={(e) => (e.preventDefault(), save.mutate(new FormData(e.currentTarget)))}>
      <fieldset disabled={!canEdit || save.isPending} className="contents">
        <label className="text-sm"><span className="font-medium">Namespace</span><input name="namespace" defaultValue={summary.namespace} required className={field} /></label>
        <label className="text-sm"><span className="font-medium">Image registry prefix</span><input name="registry" defaultValue={summary.registry} placeholder="ghcr.io/acme/team-a" className={field} /></label>
        <label className="flex items-center gap-2 text-sm sm:col-span-2"><input type="checkbox" name="mirrorPublic" defaultChecked={summary.mirrorPublic} className="h-4 w-4" /> The registry also mirrors the public images (postgres, nginx, prometheus…)</label>
        <label className="text-sm"><span className="font-medium">Production URL (Day 16)</span><input name="productionUrl" defaultValue={summary.productionUrl ?? ""} placeholder="https://shop.example.com" className={field} /></label>
        <label className="text-sm"><span className="font-medium">Monitoring URL (Day 16)</span><input name="monitoringUrl" defaultValue={summary.monitoringUrl ?? ""} placeholder="https://monitoring.example.com" className={field} /></label>
        <label className="text-sm"><span className="font-medium">Host header for the production URL</span><span className="block text-xs text-slate-600">Optional: to check an ingress before its DNS name exists</span><input name="productionHost" defaultValue={summary.productionHost ?? ""} placeholder="ecommerce.company.com" className={field} /></label>
        <label className="text-sm"><span className="font-medium">Host header for the monitoring URL</span><span className="block text-xs text-slate-600">Optional</span><input name="monitoringHost" defaultValue={summary.monitoringHost ?? ""} placeholder="monitoring.company.com" className={field} /></label>
        {canEdit ? <div className="sm:col-span-2"><Button type="submit" variant="secondary">Save settings</Button>{save.isSuccess ? <span role="status" className="ml-3 text-sm text-emerald-800">Saved.</span> : null}</div> : null}
      </fieldset>
      {save.error ? <p role="alert" className="text-sm text-rose-800 sm:col-span-2">{save.error.message}</p> : null}
    </form>
  );
}
