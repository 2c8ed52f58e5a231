"use server";

import { signOut } from "@/lib/auth";

// Ends the session and returns to the sign-in page.
export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
