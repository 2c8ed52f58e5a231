"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { setChecklistItem } from "@/lib/actions/set-checklist-item";

type Props = { teamId: string; itemKey: string; label: string; checked: boolean; note?: string };

/** One tickable checklist item; saves at once, and goes back with the error if the save fails. */
export function ChecklistBox({ teamId, itemKey, label, checked: initial, note }: Props) {
  const [checked, setChecked] = useState(initial);
  const mutation = useMutation({
    mutationFn: async (next: boolean) => {
      const result = await setChecklistItem({ teamId, itemKey, checked: next });
      if (!result.ok) throw new Error(result.message ?? "Not saved.");
      return next;
    },
    onError: (_e, next) => setChecked(!next),
  });
  return (
    <label className="flex cursor-pointer items-start gap-2">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => {
          setChecked(e.target.checked);
          mutation.mutate(e.target.checked);
        }}
        className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
      />
      <span>
        {label}
        {note ? <span className="block text-xs text-slate-600">{note}</span> : null}
        {mutation.isError ? <span role="alert" className="block text-xs text-rose-700">{mutation.error.message}</span> : null}
      </span>
    </label>
  );
}
