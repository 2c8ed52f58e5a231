/** Prisma's code for a unique-constraint violation: two writers raced to create the same row. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
