/** Runs once when the server starts: migrate (inside getDb) and seed the demo cohort on an empty database. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrap } = await import("./lib/db/bootstrap");
  await bootstrap();
}
