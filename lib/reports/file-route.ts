import "server-only";
import { NextResponse } from "next/server";
import { getActor, type Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

const STATUS: Record<string, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409, TOO_LARGE: 413 };

export type Download = { body: string | Buffer; contentType: string; filename: string };

/** "Team Åsa / 2" → "team-asa-2": a file name every system accepts; the exact name goes in filename*. */
const asciiName = (name: string) =>
  name.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "download";

function disposition(filename: string): string {
  const dot = filename.lastIndexOf(".");
  const ascii = asciiName(filename.slice(0, dot)) + filename.slice(dot);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * A route handler that answers with a file to download. As with jsonRoute, the actor is required
 * and the data function authorizes; refusals are JSON with the matching status, never a stack.
 */
export function fileRoute<P>(handler: (actor: Actor, params: P) => Promise<Download>) {
  return async (_request: Request, context: { params: Promise<P> }) => {
    const actor = await getActor();
    if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    try {
      const file = await handler(actor, await context.params);
      return new NextResponse(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
        headers: { "content-type": file.contentType, "content-disposition": disposition(file.filename), "cache-control": "no-store", "x-content-type-options": "nosniff" },
      });
    } catch (error) {
      if (error instanceof AppError) return NextResponse.json({ error: error.message }, { status: STATUS[error.code] ?? 400 });
      console.error("[daybook] download failed", error);
      return NextResponse.json({ error: "Something went wrong on our side." }, { status: 500 });
    }
  };
}
