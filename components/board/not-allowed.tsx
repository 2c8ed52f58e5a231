import { forbidden } from "next/navigation";
import { cache } from "react";

type Refusal = { audience: string; reason: string };

const DEFAULT_REASON = "Your account can't open it. If you think that's wrong, ask your instructor to check which cohort you belong to.";

// What the refused page said, kept for this request so the 403 page (which gets no props) can say it too.
const currentRefusal = cache((): { value: Refusal | null } => ({ value: null }));
export const refusalOfThisRequest = () => currentRefusal().value;

/** Answers the request with HTTP 403 and the app's "not allowed" page (app/(app)/forbidden.tsx). */
export function NotAllowed({ audience, reason = DEFAULT_REASON }: { role?: string; audience: string; reason?: string }): never {
  currentRefusal().value = { audience, reason };
  forbidden();
}
