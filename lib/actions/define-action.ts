import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActor, type Actor } from "@/lib/auth/session";
import { failed, invalid, type ActionState } from "./action-state";

type Revalidate = { path: string; type?: "layout" | "page" };

type ActionDefinition<S extends z.ZodType, R> = {
  schema: S;
  /** Delegates to a data or engine function; that function authorizes the actor itself. */
  run: (actor: Actor, input: z.infer<S>) => Promise<R>;
  revalidate?: Revalidate | Revalidate[];
  /** Turns a known error into a result the form can show (e.g. a conflict carrying the current state). */
  recover?: (error: unknown) => ActionState<R> | undefined;
};

/** Accepts what a form or a client call sends: FormData, or a plain object. */
export function actionInput(raw: unknown): unknown {
  if (raw instanceof FormData) return Object.fromEntries(raw);
  return raw;
}

/**
 * The one shape of every server action: parse the input, require a signed-in actor, delegate,
 * revalidate, and map errors to a message the user can act on.
 */
export function defineAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>) {
  return async (raw: unknown): Promise<ActionState<R>> => {
    const parsed = definition.schema.safeParse(actionInput(raw));
    if (!parsed.success) return invalid(parsed.error);
    try {
      const actor = await requireActor();
      const data = await definition.run(actor, parsed.data);
      for (const r of [definition.revalidate ?? []].flat()) revalidatePath(r.path, r.type);
      return { ok: true, data };
    } catch (error) {
      const recovered = definition.recover?.(error);
      if (recovered) return recovered;
      return failed(error);
    }
  };
}
