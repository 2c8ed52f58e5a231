/**
 * The SSRF rule for team API servers: resolve the host, judge every address it resolves to, and
 * return the one to pin. Link-local and cloud metadata addresses are always refused; loopback,
 * private and special-purpose ones only pass when DAYBOOK_CLUSTER_ALLOW lists them.
 */
import dns from "node:dns";
import { resolveDatabaseConfig, type Env } from "@/lib/db/config";
import {
  ALWAYS_REFUSED,
  CLASS_LABELS,
  classifyAddress,
  METADATA_HOST_NAMES,
  normalizeHost,
  type ClassifiedAddress,
} from "./address-classes";
import { allowingEntry, ALLOW_SETTING, localControlPlaneAllowEntry, localIngressAllowEntry, localClusterKubeconfigPath, parseAllowList, type AllowEntry } from "./allow-list";
import type { PinnedAddress } from "./pinned-lookup";

export { AllowListError, localControlPlaneAllowEntry, parseAllowList, type AllowEntry } from "./allow-list";
export { pinnedLookup, PinnedHttpsAgent, type PinnedAddress } from "./pinned-lookup";
export type { AddressClass, ClassifiedAddress } from "./address-classes";

export interface AddressPolicy {
  allow: readonly AllowEntry[];
}

export type Resolver = (host: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

export interface CheckOptions {
  resolver?: Resolver;
  /** getaddrinfo can hang for long on a broken resolver. */
  timeoutMs?: number;
}

export type AddressCheck =
  | { ok: true; pinned: PinnedAddress; addresses: ClassifiedAddress[]; allowedBy?: string }
  | { ok: false; reason: "unresolvable" | "refused"; message: string; address?: ClassifiedAddress };

/**
 * The policy from the environment: DAYBOOK_CLUSTER_ALLOW, plus the local control plane of
 * `npm run cluster:up` on the embedded (single-machine) set-up. Throws AllowListError on bad entries.
 */
export function addressPolicyFromEnv(env: Env = process.env): AddressPolicy {
  const allow = parseAllowList(env[ALLOW_SETTING]);
  if (resolveDatabaseConfig(env).kind === "embedded") {
    const local = localControlPlaneAllowEntry(localClusterKubeconfigPath(env));
    if (local) allow.push(...parseAllowList(local, "the local control plane"));
    const ingress = localIngressAllowEntry(localClusterKubeconfigPath(env));
    if (ingress) allow.push(...parseAllowList(ingress, "the local control plane's ingress"));
  }
  return { allow };
}

const DEFAULT_TIMEOUT_MS = 5_000;

async function resolveWithTimeout(host: string, resolver: Resolver, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([resolver(host), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const shown = (address: ClassifiedAddress) =>
  address.carriedIPv4 ? `${address.address} (which carries ${address.carriedIPv4})` : address.address;

function refusal(host: string, literal: boolean, address: ClassifiedAddress, port: number): AddressCheck {
  const label = CLASS_LABELS[address.class];
  const written = host === address.address ? shown(address) : `${host} (${shown(address)})`;
  const what = literal ? `The address ${written} is ${label}` : `"${host}" resolves to ${shown(address)}, which is ${label}`;
  if (ALWAYS_REFUSED.has(address.class)) {
    return { ok: false, reason: "refused", address, message: `${what}: Daybook never connects there.` };
  }
  const entry = address.family === 6 ? `[${address.address}]:${port}` : `${address.address}:${port}`;
  return {
    ok: false,
    reason: "refused",
    address,
    message: `${what}. Daybook only connects to such addresses when an administrator allows them (${ALLOW_SETTING}=${entry}).`,
  };
}

export async function checkApiServerAddress(server: URL, policy: AddressPolicy, options: CheckOptions = {}): Promise<AddressCheck> {
  const host = normalizeHost(server.hostname);
  const port = server.port ? Number(server.port) : 443;
  if (METADATA_HOST_NAMES.has(host)) {
    return { ok: false, reason: "refused", message: `"${host}" is a cloud metadata service: Daybook never connects there.` };
  }
  const literal = classifyAddress(host);
  let addresses: ClassifiedAddress[];
  if (literal) addresses = [literal];
  else {
    let answers: ReadonlyArray<{ address: string; family: number }>;
    try {
      answers = await resolveWithTimeout(host, options.resolver ?? systemResolver, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOTFOUND" ? "no such host" : code ?? (error as Error).message;
      return { ok: false, reason: "unresolvable", message: `The API server host "${host}" cannot be resolved (${why}).` };
    }
    const classified = answers.map((answer) => classifyAddress(answer.address));
    if (classified.length === 0 || classified.some((address) => address === undefined)) {
      return { ok: false, reason: "unresolvable", message: `The API server host "${host}" did not resolve to an IP address.` };
    }
    addresses = classified as ClassifiedAddress[];
  }

  let allowedBy: string | undefined;
  for (const address of addresses) {
    if (address.class === "public") continue;
    const entry = ALWAYS_REFUSED.has(address.class) ? undefined : allowingEntry(policy.allow, { host, port, address });
    if (!entry) return refusal(host, Boolean(literal), address, port);
    allowedBy ??= entry.text;
  }
  const first = addresses[0]!;
  return {
    ok: true,
    pinned: { host, address: first.address, family: first.family },
    addresses,
    ...(allowedBy ? { allowedBy } : {}),
  };
}
