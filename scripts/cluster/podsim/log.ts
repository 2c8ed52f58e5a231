// One line per event on stdout (up.sh sends it to $RUN/logs/podsim.log). Never logs Secret values.
export function log(message: string, fields: Record<string, unknown> = {}): void {
  const extra = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === "string" ? JSON.stringify(value) : String(value)}`)
    .join(" ");
  process.stdout.write(`${new Date().toISOString()} ${message}${extra ? ` ${extra}` : ""}\n`);
}

/** An error in one line; for a Kubernetes API error, its status code and the Status message. */
export function errorText(error: unknown): string {
  const api = error as { code?: unknown; body?: unknown };
  if (typeof api?.code === "number" && api.body !== undefined) {
    let message = "";
    try {
      const body = typeof api.body === "string" ? JSON.parse(api.body) : api.body;
      message = (body as { message?: string }).message ?? "";
    } catch {
      message = String(api.body).slice(0, 200);
    }
    return `HTTP ${api.code}: ${message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** true for an API error that says the object is gone (404) */
export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 404;
}
