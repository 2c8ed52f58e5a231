import "server-only";
import { NextResponse } from "next/server";
import { getActor, type Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

const STATUS: Record<string, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409, TOO_LARGE: 413 };

/** A JSON route handler: the actor is required and every data function authorizes; errors are JSON, never a stack. */
export function jsonRoute<P>(handler: (actor: Actor, params: P, request: Request) => Promise<unknown>) {
  return async (request: Request, context: { params: Promise<P> }) => {
    const actor = await getActor();
    if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    try {
      return NextResponse.json(await handler(actor, await context.params, request), { headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof AppError) return NextResponse.json({ error: error.message }, { status: STATUS[error.code] ?? 400 });
      console.error("[daybook] route failed", error);
      return NextResponse.json({ error: "Something went wrong on our side." }, { status: 500 });
    }
  };
}
