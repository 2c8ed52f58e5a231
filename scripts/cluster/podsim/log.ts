// One line per event on stdout (up.sh sends it to $RUN/logs/podsim.log). Never logs Secret values.
export function log(message: string, fields: Record<string, unknown> = {}): void {
  const extra = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === "string" ? JSON.stringify(value) : String(value)}`)
    .join(" ");
  process.stdout.write(`${new Date().toISOString()} ${message}${extra ? ` ${extra}` : ""}\n`);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
