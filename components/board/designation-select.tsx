"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { setMemberDesignation } from "@/lib/actions/set-member-designation";
import { DESIGNATION_LABEL, isDesignation, type Designation } from "./labels";

export function DesignationSelect({ userId, name, designation }: { userId: string; name: string; designation: Designation }) {
  const id = useId();
  const [value, setValue] = useState(designation);
  const mutation = useMutation({
    mutationFn: async ({ next }: { next: Designation; previous: Designation }) => {
      const result = await setMemberDesignation({ userId, designation: next });
      if (!result.ok) throw new Error(result.message ?? "Could not change the designation.");
    },
    onError: (_error, { previous }) => setValue(previous),
  });
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <label htmlFor={id} className="sr-only">
        Designation for {name}
      </label>
      <div className="flex items-center gap-2">
        {mutation.isPending ? <span className="text-xs text-slate-600">Saving…</span> : null}
        <select
          id={id}
          value={value}
          disabled={mutation.isPending}
          aria-describedby={mutation.isError ? `${id}-error` : undefined}
          onChange={(e) => {
            if (!isDesignation(e.target.value)) return;
            mutation.mutate({ next: e.target.value, previous: value });
            setValue(e.target.value);
          }}
          className="rounded-lg border border-slate-300 bg-white py-1.5 pl-2.5 pr-8 text-sm text-slate-800 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:opacity-60"
        >
          {Object.entries(DESIGNATION_LABEL).map(([key, label]) => (
            <option key={key} value={key}>
              {key === "NONE" ? "No designation" : label}
            </option>
          ))}
        </select>
      </div>
      {mutation.isError ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-rose-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
