import { notFound } from "next/navigation";

/** Decodes one percent-encoded route segment; returns null for malformed encoding (`%E0%A4%A`) or NUL. */
export function tryDecodeSegment(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes("\u0000") || !decoded.isWellFormed() ? null : decoded;
  } catch {
    return null;
  }
}

/** The one way pages read a dynamic segment: a segment that does not decode is a missing page, not a 500. */
export function decodeRouteParam(raw: string): string {
  const decoded = tryDecodeSegment(raw);
  if (decoded === null) notFound();
  return decoded;
}

/** For catch-all segments (`[...path]`). */
export const decodeRouteParams = (raw: string[]): string[] => raw.map(decodeRouteParam);

/** A record id from a route segment (`[teamId]`, `[cohortId]`): anything but one well-formed id is a missing page. */
export function decodeRouteId(raw: string): string {
  const id = decodeRouteParam(raw);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  return id;
}
