"use client";

import { useActionState, useRef } from "react";
import { signInWithPassword } from "@/lib/actions/sign-in-with-password";
import type { ActionState } from "@/lib/actions/action-state";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";

type Demo = { accounts: { email: string; role: string }[]; password: string };

export function LoginForm({ callbackUrl, demo }: { callbackUrl?: string; demo?: Demo }) {
  const [state, action, pending] = useActionState<ActionState<string>, FormData>(signInWithPassword, { ok: false });
  const form = useRef<HTMLFormElement>(null);
  // Fills the fields the way typing would, so the form's own state and the browser agree.
  const fill = (email: string) => {
    const fields = form.current?.elements;
    if (!fields || !demo) return;
    (fields.namedItem("email") as HTMLInputElement).value = email;
    (fields.namedItem("password") as HTMLInputElement).value = demo.password;
    form.current!.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
  };
  return (
    <>
      <form ref={form} action={action} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
        <FormField label="Email" name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
        <FormField label="Password" name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
        <FormAlert message={state.fieldErrors ? null : state.message} />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {demo ? (
        <section aria-labelledby="demo-accounts" className="mt-6 border-t border-slate-200 pt-4 text-sm">
          <h2 id="demo-accounts" className="font-medium text-slate-800">Demo accounts</h2>
          <p className="mt-1 text-slate-600">
            Pick one to fill in the form. Password for all: <code className="rounded bg-slate-100 px-1 font-mono">{demo.password}</code>
          </p>
          <ul className="mt-2 grid gap-1">
            {demo.accounts.map((a) => (
              <li key={a.email}>
                <button type="button" onClick={() => fill(a.email)} className="flex w-full items-center justify-between gap-2 rounded-md px-2 py-1.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600">
                  <span className="min-w-0 break-all font-mono text-xs text-slate-800 sm:text-sm">{a.email}</span>
                  <span className="shrink-0 text-slate-600">{a.role.toLowerCase()}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
