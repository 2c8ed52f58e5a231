"use client";

import { useActionState } from "react";
import { createCohort } from "@/lib/actions/create-cohort";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";

export function CreateCohortForm() {
  const [state, action, pending] = useActionState(createCohort, { ok: false });
  return (
    <form action={action} className="flex flex-col gap-3 text-left sm:flex-row sm:items-start" noValidate>
      <div className="flex-1">
        <FormField label="Cohort name" name="name" placeholder="Spring 2027" required maxLength={80} defaultValue={state.values?.name} errors={state.fieldErrors?.name ?? (state.message && !state.ok ? [state.message] : undefined)} />
      </div>
      <Button type="submit" disabled={pending} className="sm:mt-6">
        {pending ? "Creating…" : "Create cohort"}
      </Button>
    </form>
  );
}
