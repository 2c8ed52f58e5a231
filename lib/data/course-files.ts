import "server-only";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/authz/permissions";
import { readPackEntry, type PackEntry } from "@/lib/pack/files";
import { tryDecodeSegment } from "@/lib/validations/route-params";

/** A course-pack file or folder by its URL segments (still percent-encoded); null when it does not exist or does not decode. */
export function readCourseFile(actor: Actor, rawSegments: string[]): PackEntry | null {
  assertCan(actor.role, "courseFile.read");
  if (rawSegments.some((s) => tryDecodeSegment(s) === null)) return null;
  return readPackEntry(rawSegments);
}
