"use client";

import { useTransition } from "react";
import { dismissSignoffNotice } from "@/lib/actions/dismiss-signoff-notice";

export function DismissNotice({ id }: { id: string }) {
  const [pending, start] = useTransition();
  return (
    <button type="button" disabled={pending} onClick={() => start(async () => void (await dismissSignoffNotice({ id })))} className="rounded-md border border-amber-400 bg-white px-2 py-1 text-xs font-medium text-amber-950 hover:bg-amber-100">
      {pending ? "…" : "Dismiss"}
    </button>
  );
}
