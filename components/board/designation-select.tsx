"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { setMemberDesignation } from "@/lib/actions/set-member-designation";
import { DESIGNATION_LABEL, isDesignation, type Designation } from "./labels";

/** A member's designation: says "Saved" once the server has it, puts the old value back on failure, and an error clears on the next change. */
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
  // The page refreshed with what the server holds now (another instructor may have changed it): show that.
  const { isSuccess, reset } = mutation;
  const pending = useRef(false);
  pending.current = mutation.isPending;
  useEffect(() => {
    if (!pending.current) setValue(designation);
  }, [designation]);
  useEffect(() => {
    if (!isSuccess) return;
    const t = setTimeout(reset, 4000);
    return () => clearTimeout(t);
  }, [isSuccess, reset]);
  return (
    <div className="flex flex-col items-start gap-1">
      <label htmlFor={id} className="sr-only">
        Designation for {name}
      </label>
      <div className="flex items-center gap-2">
        <select
          id={id}
          value={value}
          disabled={mutation.isPending}
          aria-describedby={mutation.isError ? `${id}-error` : undefined}
          onChange={(e) => {
            if (!isDesignation(e.target.value)) return;
            mutation.reset();
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
        <span role="status" className="text-xs">
          {mutation.isPending ? <span className="text-slate-600">Saving…</span> : mutation.isSuccess ? <span className="font-medium text-emerald-800">✓ Saved</span> : null}
        </span>
      </div>
      {mutation.isError ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-rose-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
