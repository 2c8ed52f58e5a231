import { z } from "zod";

/** The largest value of a PostgreSQL `integer` column. */
export const INT32_MAX = 2_147_483_647;

// PostgreSQL text cannot hold NUL, and a lone surrogate would be stored as U+FFFD: refuse both with a clear message.
const NUL = /\u0000/;
// C0/C1 controls other than tab, newline and carriage return.
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Anything that is not a visible character in a one-line name: every control and format character
// (bidi embeddings, overrides and isolates, zero-width spaces and joiners, BOM, soft hyphen, tags),
// line and paragraph separators.
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

type TextOptions = { max: number; min?: number; label: string; tooLong?: string; tooShort?: string };

function checkUnicode(value: string, ctx: z.RefinementCtx, label: string) {
  if (NUL.test(value)) ctx.addIssue({ code: "custom", message: `${label} contains a NUL character (\\0). Remove it and try again.` });
  else if (!value.isWellFormed()) ctx.addIssue({ code: "custom", message: `${label} contains broken Unicode (a lone surrogate). Retype the odd character.` });
}

/**
 * Free text (notes, reasons): NUL, lone surrogates and control characters other than tab and line
 * breaks are refused; it is stored as typed, except for a leading byte-order mark, which the
 * embedded database's text decoder would drop on the way back.
 */
export function freeText({ max, min = 0, label, tooLong, tooShort }: TextOptions) {
  return z
    .string()
    .superRefine((value, ctx) => {
      checkUnicode(value, ctx, label);
      if (!NUL.test(value) && CONTROL.test(value)) ctx.addIssue({ code: "custom", message: `${label} contains an invisible control character. Remove it and try again.` });
    })
    .transform((value) => value.replace(/^\uFEFF+/, ""))
    .pipe(
      z
        .string()
        .min(min, tooShort ?? `${label} is too short.`)
        .max(max, tooLong ?? `${label} is limited to ${max.toLocaleString("en")} characters.`),
    );
}

/**
 * A one-line name (person, team, cohort): trimmed, inner whitespace collapsed, NFC-normalized, and
 * free of control, bidi and zero-width characters, so one name cannot pose as another.
 */
export function nameText({ max, min = 1, label, tooLong, tooShort }: TextOptions) {
  return z
    .string()
    .superRefine((value, ctx) => {
      checkUnicode(value, ctx, label);
      if (!NUL.test(value) && NAME_FORBIDDEN.test(value.replace(/[\t\r\n]/g, " "))) {
        ctx.addIssue({ code: "custom", message: `${label} contains an invisible or direction-changing character. Use letters, digits, spaces and punctuation only.` });
      }
    })
    .transform((value) => value.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(min, tooShort ?? `${label} is too short.`)
        .max(max, tooLong ?? `${label} is limited to ${max} characters.`),
    );
}

/** A record id as Prisma generates them (cuid), or any short slug-like id. */
export const ZId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown record.");

/** An integer that fits the `integer` column it is stored in. */
export const int32 = ({ min = 0 }: { min?: number } = {}) => z.number().int().min(min).max(INT32_MAX, "That number is too large.");
