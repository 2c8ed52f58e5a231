import crypto from "node:crypto";
import type { Env } from "@/lib/db/config";

// No 0/O/1/I: codes are read aloud in class and typed from slides.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newJoinCode(length = 8): string {
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export const normalizeJoinCode = (code: string) => code.trim().toUpperCase().replace(/[^A-Z0-9]/g, "");

/** How long a new or rotated join code works: DAYBOOK_JOIN_CODE_DAYS, 14 days unless set. */
export function joinCodeExpiry(now = new Date(), env: Env = process.env): Date {
  const days = Number(env.DAYBOOK_JOIN_CODE_DAYS ?? 14);
  const valid = Number.isFinite(days) && days > 0 && days <= 365 ? days : 14;
  return new Date(now.getTime() + valid * 24 * 60 * 60_000);
}
