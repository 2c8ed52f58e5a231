"use server";

import { z } from "zod";
import { signOut } from "@/lib/auth";
import { defineAction } from "./define-action";

const signOutAction = defineAction({
  schema: z.object({}),
  run: async () => {
    await signOut({ redirect: false });
    return undefined;
  },
  redirectTo: () => "/login",
});

// Ends the session, and every other session of the user (Auth.js's signOut event bumps their session version).
export async function signOutUser(formData?: FormData): Promise<void> {
  await signOutAction(formData ?? {});
}
