"use client";

import { useMutation } from "@tanstack/react-query";
import { createPackToken } from "@/lib/actions/create-pack-token";
import { CommandBlock } from "@/components/step/command-block";
import { Button } from "@/components/ui/button";

/** A `curl` command with a 10-minute token, made only when asked for, so none sits in the page. */
export function PackCurlCommand({ url, filename }: { url: string; filename: string }) {
  const mutation = useMutation({
    mutationFn: async () => {
      const result = await createPackToken({});
      if (!result.ok || !result.data) throw new Error(result.message ?? "No download command could be made.");
      return result.data;
    },
  });
  const command = mutation.data ? `curl -fSL -H 'Authorization: Bearer ${mutation.data.token}' -o ${filename} '${url}' && unzip -q ${filename}` : null;
  return (
    <div className="space-y-2">
      {command ? (
        <>
          <CommandBlock commands={[command]} language="bash" />
          <p className="text-sm text-slate-600">
            This command works until {new Date(mutation.data!.expiresAt).toUTCString().slice(17, 22)} UTC (10 minutes) and only for your account. Treat it like a password.
          </p>
        </>
      ) : (
        <Button type="button" variant="secondary" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? "Making a command…" : "Download with curl instead"}
        </Button>
      )}
      {mutation.isError ? <p role="alert" className="text-sm text-rose-700">{mutation.error.message}</p> : null}
    </div>
  );
}
