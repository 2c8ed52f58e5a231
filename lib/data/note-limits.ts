export const NOTE_MAX_CHARS = 20_000;
export const BLOCKED_REASON_MAX_CHARS = 500;
