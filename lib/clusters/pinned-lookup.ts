/**
 * Connecting to exactly the address the SSRF check approved. Host names stay in the URL, so TLS
 * still sends SNI for and verifies the certificate of the original name (or tls-server-name); only
 * the DNS step is replaced, so a rebinding DNS answer cannot move the connection elsewhere.
 */
import type { LookupAddress, LookupOptions } from "node:dns";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Duplex } from "node:stream";
import { normalizeHost } from "./address-classes";

export interface PinnedAddress {
  /** The URL's host as checked (no brackets, lower case). */
  host: string;
  address: string;
  family: 4 | 6;
}

function notPinned(hostname: string, pinned: PinnedAddress): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    `Daybook only connects to the checked API server ${pinned.host} (${pinned.address}), not to ${hostname}`,
  );
  error.code = "ENOTFOUND";
  return error;
}

/**
 * A `lookup` for http/https Agents, tls.connect and the ws client that always answers the checked
 * address, and refuses any other host name (a redirect, say) instead of resolving it.
 */
export function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    process.nextTick(() => {
      if (normalizeHost(hostname) !== pinned.host) return callback(notPinned(hostname, pinned), "", 0);
      if (options?.all) return callback(null, [{ address: pinned.address, family: pinned.family } satisfies LookupAddress]);
      callback(null, pinned.address, pinned.family);
    });
  };
}

/**
 * An https.Agent that connects only to the pinned host. The lookup alone cannot stop a request
 * to an IP literal (Node does not look those up), e.g. a redirect to https://10.0.0.1/.
 */
export class PinnedHttpsAgent extends https.Agent {
  readonly pinned: PinnedAddress;

  constructor(pinned: PinnedAddress, options: https.AgentOptions = {}) {
    super({ ...options, lookup: pinnedLookup(pinned) });
    this.pinned = pinned;
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = normalizeHost(String(options.host ?? options.hostname ?? ""));
    if (host !== this.pinned.host && host !== this.pinned.address) {
      const error = notPinned(host, this.pinned);
      if (callback) {
        process.nextTick(() => callback(error, undefined as unknown as Duplex));
        return undefined;
      }
      throw error;
    }
    return super.createConnection({ ...options, lookup: pinnedLookup(this.pinned) }, callback);
  }
}
