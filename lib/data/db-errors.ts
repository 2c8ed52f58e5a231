const prismaCode = (error: unknown) => (typeof error === "object" && error !== null && "code" in error ? error.code : undefined);

/** P2002: a unique constraint refused the row, typically because two writers raced to create it. */
export const isUniqueViolation = (error: unknown) => prismaCode(error) === "P2002";

/** P2025: an update or delete matched no row, e.g. its version condition no longer holds. */
export const isRecordNotFound = (error: unknown) => prismaCode(error) === "P2025";
