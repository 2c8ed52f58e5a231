import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireActor, type Actor } from "@/lib/auth/session";
import { failed, invalid, type ActionState } from "./action-state";

type Revalidate = { path: string; type?: "layout" | "page" };

type Common<S extends z.ZodType, R, X> = {
  schema: S;
  revalidate?: Revalidate | Revalidate[];
  /** Turns a known error into a result the form can show (e.g. a conflict carrying the current state); the paths are revalidated then too. */
  recover?: (error: unknown) => X | undefined;
  /** Where to send the browser after success (a same-origin path). */
  redirectTo?: (data: R, input: z.infer<S>) => string;
  /** Form fields echoed back on failure so the form keeps what the user typed (never passwords). */
  keep?: readonly string[];
};

type SignedIn<S extends z.ZodType, R, X> = Common<S, R, X> & {
  /** Delegates to a data or engine function; that function authorizes the actor itself. */
  run: (actor: Actor, input: z.infer<S>) => Promise<R>;
  public?: false;
};

type Public<S extends z.ZodType, R, X> = Common<S, R, X> & {
  /** Runs without a session: only sign-in and joining a team. */
  public: true;
  run: (input: z.infer<S>) => Promise<R>;
};

type Definition<S extends z.ZodType, R, X> = SignedIn<S, R, X> | Public<S, R, X>;

/** Accepts what a form or a client call sends: FormData, or a plain object. Anything else is no input. */
export function actionInput(raw: unknown): Record<string, unknown> | undefined {
  if (raw instanceof FormData) return Object.fromEntries([...raw.entries()].filter(([, v]) => typeof v === "string"));
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && Object.getPrototypeOf(raw) === Object.prototype) return raw as Record<string, unknown>;
  return undefined;
}

const kept = (input: Record<string, unknown> | undefined, keep: readonly string[] = []) =>
  keep.length ? { values: Object.fromEntries(keep.map((k) => [k, typeof input?.[k] === "string" ? (input[k] as string).slice(0, 500) : ""])) } : {};

async function execute<S extends z.ZodType, R, X>(definition: Definition<S, R, X>, raw: unknown): Promise<ActionState<R> | X> {
  const input = actionInput(raw);
  if (raw !== undefined && input === undefined) {
    return { ok: false, code: "INVALID_INPUT", message: "This request did not come from a Daybook form. Reload the page and try again." };
  }
  const parsed = definition.schema.safeParse(input ?? {});
  if (!parsed.success) return { ...invalid(parsed.error), ...kept(input, definition.keep) };
  const revalidate = () => {
    for (const r of [definition.revalidate ?? []].flat()) revalidatePath(r.path, r.type);
  };
  let data: R;
  try {
    data = definition.public ? await definition.run(parsed.data) : await definition.run(await requireActor(), parsed.data);
    revalidate();
  } catch (error) {
    const recovered = definition.recover?.(error);
    if (recovered) {
      revalidate();
      return recovered;
    }
    return { ...failed(error), ...kept(input, definition.keep) };
  }
  if (definition.redirectTo) redirect(definition.redirectTo(data, parsed.data));
  return { ok: true, data };
}

/**
 * The one shape of every server action: parse the input, require a signed-in actor, delegate,
 * revalidate, and map errors to a message the user can act on. Called with one argument (an object
 * from a client call, or the FormData of a plain `<form action>`).
 */
export function defineAction<S extends z.ZodType, R, X extends ActionState<R> = ActionState<R>>(definition: Definition<S, R, X>) {
  return (raw: z.input<S> | FormData): Promise<X> => execute(definition, raw) as Promise<X>;
}

/** The same, for forms driven by useActionState: `(previousState, formData)`. A non-form argument is refused as bad input, not a crash. */
export function defineFormAction<S extends z.ZodType, R, X extends ActionState<R> = ActionState<R>>(definition: Definition<S, R, X>) {
  return (_previous: X, formData: FormData): Promise<X> => execute(definition, formData) as Promise<X>;
}
