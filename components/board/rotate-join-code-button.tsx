"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { rotateJoinCode } from "@/lib/actions/rotate-join-code";

/** Draws a new join code for the team; the old link stops working. */
export function RotateJoinCodeButton({ teamId, teamName }: { teamId: string; teamName: string }) {
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: async () => {
      const result = await rotateJoinCode({ teamId });
      if (!result.ok) throw new Error(result.message ?? "Could not draw a new join code.");
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={mutation.isPending}
        onClick={() => {
          if (window.confirm(`Draw a new join code for ${teamName}? Links with the current code stop working.`)) mutation.mutate();
        }}
        className="rounded-lg border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {mutation.isPending ? "Drawing…" : "New join code"}
        <span className="sr-only"> for {teamName}</span>
      </button>
      {mutation.isError ? (
        <p role="alert" className="text-xs text-rose-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
