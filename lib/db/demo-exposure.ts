/** Whether `host` (what the server binds to) is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The warning printed at start when the demo accounts (with their published password) can be reached
 * from other machines; null when they cannot. An unknown host is what `next start` binds by default: every interface.
 */
export function demoExposureWarning(host: string | undefined, demoAccountsExist: boolean): string | null {
  if (!demoAccountsExist || (host && isLoopbackHost(host))) return null;
  return [
    `[daybook] WARNING: the demo accounts (password "daybook-demo") are enabled and Daybook listens on ${host ?? "every interface"}.`,
    "[daybook]   Anyone who can reach this address can sign in as the demo instructor. For a real cohort start",
    "[daybook]   on an empty database with DAYBOOK_SEED_DEMO=false, or listen on 127.0.0.1 only (HOST=127.0.0.1).",
  ].join("\n");
}
