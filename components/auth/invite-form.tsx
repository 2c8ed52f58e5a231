"use client";

import { useActionState } from "react";
import { acceptCohortInvite } from "@/lib/actions/accept-cohort-invite";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";

export function AcceptInviteForm({ code, email }: { code: string; email: string }) {
  const [state, action, pending] = useActionState(acceptCohortInvite, { ok: false });
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="code" value={code} />
      <FormField label="Email" name="email-shown" value={email} readOnly hint="The invitation is for this address." />
      <FormField label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <FormField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={state.fieldErrors?.password} />
      <FormAlert message={state.fieldErrors ? null : state.message} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account and accept"}
      </Button>
    </form>
  );
}
