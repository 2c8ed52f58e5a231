import { z } from "zod";
import { AppError } from "@/lib/errors";

/** What Next passes as searchParams: a repeated key arrives as an array. */
export type SearchParams = Record<string, string | string[] | undefined>;

const ZIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** An optional record id from the query string; anything but one well-formed id is a bad link. */
export function parseIdParam(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const parsed = ZIdParam.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND", "This link is malformed.");
  return parsed.data;
}

/** A plain optional string from the query string; a repeated key keeps none of its values. */
export const stringParam = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
