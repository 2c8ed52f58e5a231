import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { liveEventStream } from "@/lib/live/event-stream";
import { subscribeLiveState } from "@/lib/live/subscribe";
import type { LiveSnapshot } from "@/lib/live/types";
import { tryDecodeSegment } from "@/lib/validations/route-params";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400 };

// Server-sent events: the step's live state, pushed on every change the team's watches see.
export async function GET(request: Request, context: { params: Promise<{ teamId: string; stepId: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const params = await context.params;
  const teamId = tryDecodeSegment(params.teamId);
  const stepId = tryDecodeSegment(params.stepId);
  if (!teamId || !stepId) return NextResponse.json({ error: "No such step." }, { status: 404 });
  // Authorized before the stream opens, so a refusal is an HTTP error the browser's EventSource stops on.
  const first: LiveSnapshot[] = [];
  let forward: (s: LiveSnapshot) => void = (s) => first.push(s);
  let unsubscribe: () => void;
  try {
    unsubscribe = await subscribeLiveState(actor, teamId, stepId, (s) => forward(s));
  } catch (error) {
    if (error instanceof AppError) return NextResponse.json({ error: error.message }, { status: STATUS[error.code] ?? 400 });
    console.error("[daybook] live route failed", error);
    return NextResponse.json({ error: "Something went wrong on our side." }, { status: 500 });
  }
  const stream = liveEventStream((listener) => {
    forward = listener;
    for (const s of first.splice(0)) listener(s);
    return unsubscribe;
  }, request.signal);
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" } });
}
