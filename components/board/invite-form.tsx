"use client";

import { useActionState, useId } from "react";
import { inviteToCohort } from "@/lib/actions/invite-to-cohort";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { CopyButton } from "./copy-button";
import { inviteLink } from "./labels";

/** Invite by email: an existing account is added at once; a new email gets a link to send. */
export function InviteForm({ cohortId, origin }: { cohortId: string; origin: string }) {
  const id = useId();
  const [state, action, pending] = useActionState(inviteToCohort, { ok: false });
  const outcome = state.ok ? state.data : undefined;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <input type="hidden" name="cohortId" value={cohortId} />
        <div className="flex-1">
          <FormField label="Email" name="email" type="email" autoComplete="off" required defaultValue={state.ok ? undefined : state.values?.email} errors={state.fieldErrors?.email} />
        </div>
        <div>
          <label htmlFor={`${id}-role`} className="block text-sm font-medium text-slate-800">
            As
          </label>
          <select id={`${id}-role`} name="role" defaultValue={state.values?.role || "STAKEHOLDER"} className="mt-1 block rounded-lg border border-slate-300 bg-white py-2 pl-3 pr-8 text-sm shadow-sm">
            <option value="STAKEHOLDER">Stakeholder (follows progress)</option>
            <option value="INSTRUCTOR">Instructor (teaches with you)</option>
          </select>
        </div>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      <FormAlert message={!state.ok && !state.fieldErrors?.email ? state.message : null} />
      {outcome ? (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-900" data-testid="invite-outcome">
          {outcome.kind === "added" ? (
            <span>{outcome.name} already had an account and is now part of this cohort.</span>
          ) : outcome.kind === "already" ? (
            <span>{outcome.name} is already part of this cohort.</span>
          ) : (
            <>
              <span className="min-w-0 flex-1">
                No account for {outcome.email} yet. Send this invitation link (it works once, until {new Date(outcome.expiresAt).toLocaleDateString("en", { dateStyle: "medium" })}):{" "}
                <span className="break-all font-mono text-xs" data-testid="invite-link">{inviteLink(origin, outcome.code)}</span>
              </span>
              <CopyButton text={inviteLink(origin, outcome.code)} context={`to invite ${outcome.email}`} />
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
