"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { lockedForMs } from "@/lib/auth/attempts";
import { ZSignIn } from "@/lib/validations/account";
import { failed, invalid, type ActionState } from "./action-state";

const safeRedirect = (url: string | undefined) => (url && url.startsWith("/") && !url.startsWith("//") ? url : "/");

// Signs in with email and password; the only action that runs without a session.
export async function signInWithPassword(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = ZSignIn.safeParse(Object.fromEntries(formData));
  const values = { email: String(formData.get("email") ?? "") };
  if (!parsed.success) return { ...invalid(parsed.error), values };
  const { email, password, callbackUrl } = parsed.data;
  const wait = lockedForMs(email);
  if (wait > 0) return { ok: false, values, message: `Too many failed attempts for this account. Try again in ${Math.ceil(wait / 60_000)} minute(s).` };
  try {
    await signIn("credentials", { email, password, redirectTo: safeRedirect(callbackUrl) });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, values, message: "That email and password do not match an account. Check both and try again." };
    return { ...failed(error), values };
  }
}
