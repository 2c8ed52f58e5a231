"use client";

import { useActionState } from "react";
import { createTeam } from "@/lib/actions/create-team";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { CopyButton } from "./copy-button";
import { joinLink } from "./labels";

export function CreateTeamForm({ cohortId, origin }: { cohortId: string; origin: string }) {
  const [state, action, pending] = useActionState(createTeam, { ok: false });
  const code = state.ok ? state.data?.joinCode : undefined;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <input type="hidden" name="cohortId" value={cohortId} />
        <div className="flex-1">
          <FormField label="Team name" name="name" placeholder="Team Cassiopeia" required maxLength={60} defaultValue={state.ok ? undefined : state.values?.name} errors={state.fieldErrors?.name} />
        </div>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? "Creating…" : "Create team"}
        </Button>
      </form>
      <FormAlert message={!state.ok && !state.fieldErrors?.name ? state.message : null} />
      {code ? (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-900">
          <span className="flex-1">
            {state.data?.name} created. Join code <strong className="font-mono text-base tracking-wider" data-testid="new-join-code">{code}</strong>
          </span>
          <CopyButton text={joinLink(origin, code)} context={`to join with code ${code}`} />
        </div>
      ) : null}
    </div>
  );
}
