"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { disconnectTeamCluster } from "@/lib/actions/disconnect-team-cluster";
import { Button } from "@/components/ui/button";

/** Forgets the cluster and its sealed credentials; runs and their evidence stay. */
export function DisconnectButton({ teamId }: { teamId: string }) {
  const router = useRouter();
  const go = useMutation({ mutationFn: async () => { const r = await disconnectTeamCluster({ teamId }); if (!r.ok) throw new Error(r.message); }, onSuccess: () => router.refresh() });
  return (
    <div>
      <Button variant="danger" disabled={go.isPending} onClick={() => { if (window.confirm("Disconnect this cluster? Daybook forgets its credentials; runs and evidence stay.")) go.mutate(); }}>Disconnect the cluster</Button>
      {go.error ? <p role="alert" className="mt-1 text-sm text-rose-800">{go.error.message}</p> : null}
    </div>
  );
}
