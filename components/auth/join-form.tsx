"use client";

import { useActionState } from "react";
import { joinTeam } from "@/lib/actions/join-team";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";

export function JoinForm({ code }: { code: string }) {
  const [state, action, pending] = useActionState(joinTeam, { ok: false });
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="code" value={code} />
      <FormField label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <FormField label="Password" name="password" type="password" autoComplete="new-password" required hint="At least 10 characters." errors={state.fieldErrors?.password} />
      <FormAlert message={state.fieldErrors ? null : state.message} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}
