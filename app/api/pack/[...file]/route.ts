import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getPackArchive, getPackArchiveWithToken, getPackFile, type PackDownload } from "@/lib/data/pack";
import { PACK_ARCHIVE_NAME } from "@/lib/pack/archive";

const STATUS = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409, TOO_LARGE: 413 } as const;

/**
 * GET /api/pack/daybook-course-pack.zip — the whole pack, with the session cookie or
 *   `Authorization: Bearer <token>` (the `curl` command on the Course files page);
 * GET /api/pack/file/<path> — one file, with the session cookie.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string[] }> }) {
  const segments = (await params).file;
  try {
    return asAttachment(await download(request, segments));
  } catch (error) {
    if (error instanceof AppError) return new Response(`${error.message}\n`, { status: STATUS[error.code], headers: { "content-type": "text/plain; charset=utf-8" } });
    throw error;
  }
}

async function download(request: Request, segments: string[]): Promise<PackDownload> {
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (segments.length === 1 && segments[0] === PACK_ARCHIVE_NAME && bearer) return getPackArchiveWithToken(bearer);
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to Daybook first, or use the curl command from the Course files page.");
  if (segments.length === 1 && segments[0] === PACK_ARCHIVE_NAME) return getPackArchive(actor);
  if (segments[0] === "file" && segments.length > 1) return getPackFile(actor, segments.slice(1).join("/"));
  throw new AppError("NOT_FOUND", "There is no such download.");
}

function asAttachment({ filename, contentType, body }: PackDownload): Response {
  return new Response(body as BodyInit, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
}
