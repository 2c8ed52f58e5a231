"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { readActor } from "@/lib/auth/actor";
import { sameOriginPath } from "@/lib/auth/redirect";
import { ROLE_HOME } from "@/lib/authz/home";
import { getDb } from "@/lib/db/prisma";
import { accountKey, addressKey, checkThrottle, waitWords } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";
import { ZSignIn } from "@/lib/validations/account";
import { defineFormAction } from "./define-action";

// Signs in with email and password, then goes back to where the user was going (a same-origin path only).
export const signInWithPassword = defineFormAction({
  public: true,
  schema: ZSignIn,
  run: async ({ email, password }) => {
    try {
      // No redirect from Auth.js: its absolute URL would carry whatever host it guessed.
      await signIn("credentials", { email, password, redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError) || error.type !== "CredentialsSignin") throw error;
      if ((error as CredentialsSignin).code === "throttled") throw new AppError("FORBIDDEN", await throttledMessage(email));
      throw new AppError("UNAUTHORIZED", "That email and password do not match an account. Check both and try again.");
    }
    // Straight to the role's home: "/" would render an empty page first, then redirect there.
    const actor = await readActor(await getDb(), { email });
    return actor ? ROLE_HOME[actor.role].href : "/";
  },
  redirectTo: (home, input) => {
    const target = sameOriginPath(input.callbackUrl, undefined, home);
    return target === "/" ? home : target;
  },
  keep: ["email"],
});

async function throttledMessage(email: string) {
  const state = await checkThrottle({ address: addressKey(clientAddress(await headers())), account: accountKey(email) });
  const wait = state.locked ? waitWords(state.waitMs) : "a minute";
  return state.locked && state.scope === "address"
    ? `Too many failed sign-ins from your network. Try again in ${wait}.`
    : `Too many failed attempts for this account. Try again in ${wait}.`;
}
