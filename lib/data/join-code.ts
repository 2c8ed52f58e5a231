import crypto from "node:crypto";

// No 0/O/1/I: codes are read aloud in class and typed from slides.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newJoinCode(length = 8): string {
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export const normalizeJoinCode = (code: string) => code.trim().toUpperCase().replace(/[^A-Z0-9]/g, "");
