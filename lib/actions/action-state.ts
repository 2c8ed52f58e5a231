import { AppError, type AppErrorCode } from "@/lib/errors";
import type { z } from "zod";

export type ActionState<T = undefined> = {
  ok: boolean;
  message?: string;
  /** Why it failed, when it was a known refusal (FORBIDDEN, NOT_FOUND, CONFLICT, …). */
  code?: AppErrorCode | "INVALID_INPUT";
  fieldErrors?: Record<string, string[] | undefined>;
  /** What the user typed (never passwords), so a failed submit does not empty the form. */
  values?: Record<string, string>;
  data?: T;
};

export const invalid = (error: z.ZodError): ActionState<never> => ({
  ok: false,
  code: "INVALID_INPUT",
  message: error.issues[0]?.message ?? "Check the form and try again.",
  fieldErrors: Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), [i.message]])),
});

/** Turns known errors into a message for the form; anything else is logged and reported generically. */
export function failed(error: unknown): ActionState<never> {
  if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
  if (isNextControlFlow(error)) throw error;
  console.error("[daybook] action failed", error);
  return { ok: false, message: "Something went wrong on our side; nothing was saved. Try again in a moment." };
}

// redirect() and notFound() work by throwing; they must pass through.
export function isNextControlFlow(error: unknown) {
  const digest = typeof error === "object" && error && "digest" in error ? String(error.digest) : "";
  return digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK");
}
