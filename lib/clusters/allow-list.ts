/**
 * DAYBOOK_CLUSTER_ALLOW: the non-public API server addresses an administrator lets teams connect to.
 * Comma-separated entries: `host:port`, `ip:port` (`[v6]:port`), `ip`, `cidr` or `cidr:port`.
 * A bad entry stops the start-up: silently ignoring it would refuse or allow the wrong clusters.
 */
import fs from "node:fs";
import path from "node:path";
import ipaddr from "ipaddr.js";
import type { Env } from "@/lib/db/config";
import { readKubeconfig, stringField } from "./kubeconfig-document";
import { ALWAYS_REFUSED, classifyAddress, normalizeHost, type ClassifiedAddress } from "./address-classes";

export const ALLOW_SETTING = "DAYBOOK_CLUSTER_ALLOW";

export type AllowEntry =
  | { kind: "host"; host: string; port: number; text: string }
  | { kind: "range"; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number; text: string };

export class AllowListError extends Error {}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

function parsePort(text: string | undefined): number | undefined | "bad" {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) return "bad";
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : "bad";
}

function rangeEntry(ip: string, bits: number, port: number | undefined, text: string): AllowEntry | string {
  const classified = classifyAddress(ip);
  if (!classified) return `"${text}": ${ip} is not an IP address`;
  if (ALWAYS_REFUSED.has(classified.class)) return `"${text}": ${classified.class} addresses are always refused and cannot be allowed`;
  const parsed = ipaddr.parse(ip.replace(/^\[(.*)\]$/, "$1"));
  const max = parsed.kind() === "ipv4" ? 32 : 128;
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return `"${text}": the prefix length must be 0–${max}`;
  return { kind: "range", range: [parsed, bits], ...(port !== undefined ? { port } : {}), text };
}

function parseEntry(text: string): AllowEntry | string {
  const cidr = /^(.+)\/(\d{1,3})(?::(\d+))?$/.exec(text);
  if (cidr) {
    const port = parsePort(cidr[3]);
    if (port === "bad") return `"${text}": the port must be 1–65535`;
    return rangeEntry(cidr[1]!, Number(cidr[2]), port, text);
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    const port = parsePort(bracketed[2]);
    if (port === "bad") return `"${text}": the port must be 1–65535`;
    return rangeEntry(bracketed[1]!, 128, port, text);
  }
  // a bare IPv6 address cannot carry a port without brackets
  if (text.includes(":") && ipaddr.IPv6.isValid(text)) return rangeEntry(text, 128, undefined, text);
  const colon = text.lastIndexOf(":");
  const host = colon === -1 ? text : text.slice(0, colon);
  const port = parsePort(colon === -1 ? undefined : text.slice(colon + 1));
  if (port === "bad") return `"${text}": the port must be 1–65535`;
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return rangeEntry(host, 32, port, text);
  if (/^[\d.]+$/.test(host)) return `"${text}": ${host} is not an IPv4 address`;
  const name = normalizeHost(host);
  if (!HOST_NAME.test(name)) return `"${text}": not a host name, IP address or CIDR range`;
  if (port === undefined) return `"${text}": a host name needs a port (host:port)`;
  return { kind: "host", host: name, port, text };
}

/** Parses the setting; throws one AllowListError naming every bad entry. */
export function parseAllowList(value: string | undefined, setting = ALLOW_SETTING): AllowEntry[] {
  const texts = (value ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const entries: AllowEntry[] = [];
  const problems: string[] = [];
  for (const text of texts) {
    const entry = parseEntry(text);
    if (typeof entry === "string") problems.push(entry);
    else entries.push(entry);
  }
  if (problems.length > 0) {
    throw new AllowListError(
      `${setting} has ${problems.length === 1 ? "a bad entry" : "bad entries"}: ${problems.join("; ")}. ` +
        "Entries are host:port, ip:port ([ipv6]:port), ip, cidr or cidr:port, separated by commas.",
    );
  }
  return entries;
}

function rangeContains(range: [ipaddr.IPv4 | ipaddr.IPv6, number], address: string): boolean {
  const ip = ipaddr.parse(address);
  const [network, bits] = range;
  if (ip.kind() === network.kind()) return ip.match(network, bits);
  // 127.0.0.1 written as ::ffff:127.0.0.1 in the entry, or the other way round
  if (ip.kind() === "ipv4" && network.kind() === "ipv6") return (ip as ipaddr.IPv4).toIPv4MappedAddress().match(network, bits);
  return false;
}

/** The entry that lets Daybook connect to this address for this URL host and port, if any. */
export function allowingEntry(
  entries: readonly AllowEntry[],
  target: { host: string; port: number; address: ClassifiedAddress },
): AllowEntry | undefined {
  const host = normalizeHost(target.host);
  const candidates = [target.address.address, ...(target.address.carriedIPv4 ? [target.address.carriedIPv4] : [])];
  return entries.find((entry) => {
    if (entry.kind === "host") return entry.host === host && entry.port === target.port;
    if (entry.port !== undefined && entry.port !== target.port) return false;
    return candidates.some((address) => rangeContains(entry.range, address));
  });
}

export const localClusterKubeconfigPath = (env: Env = process.env) =>
  path.join(env.DAYBOOK_CLUSTER_RUN?.trim() || "/tmp/daybook-cluster", "kubeconfig");

/**
 * The allow entry for the local control plane of `npm run cluster:up` (127.0.0.1:<port>), read from
 * its kubeconfig. /tmp is shared, so the file only counts when this user wrote it and nobody else
 * can: otherwise another local user could open any loopback port of this machine to the teams.
 */
export function localControlPlaneAllowEntry(kubeconfigPath: string = localClusterKubeconfigPath()): string | undefined {
  let text: string;
  try {
    const stat = fs.statSync(kubeconfigPath);
    const ownUid = process.getuid?.();
    if (!stat.isFile() || (ownUid !== undefined && stat.uid !== ownUid) || (stat.mode & 0o022) !== 0) return undefined;
    text = fs.readFileSync(kubeconfigPath, "utf8");
  } catch {
    return undefined;
  }
  const read = readKubeconfig(text);
  if (!read.ok) return undefined;
  const { doc } = read;
  const context = doc.contexts.get(doc.currentContext ?? "") ?? [...doc.contexts.values()][0];
  const server = stringField(doc.clusters.get(stringField(context ?? {}, "cluster") ?? "") ?? {}, "server");
  if (!server) return undefined;
  try {
    const url = new URL(server);
    const address = classifyAddress(url.hostname);
    if (address?.class !== "loopback" || !url.port) return undefined;
    return address.family === 6 ? `[${address.address}]:${url.port}` : `${address.address}:${url.port}`;
  } catch {
    return undefined;
  }
}

/**
 * The local control plane's ingress (podsim, `DAYBOOK_INGRESS_URL` in its run directory's env file), so Day
 * 16's production URL can be checked on the embedded set-up. Same ownership rule as the kubeconfig.
 */
export function localIngressAllowEntry(kubeconfigPath: string = localClusterKubeconfigPath()): string | undefined {
  const envFile = path.join(path.dirname(kubeconfigPath), "env");
  try {
    const stat = fs.statSync(envFile);
    const ownUid = process.getuid?.();
    if (!stat.isFile() || (ownUid !== undefined && stat.uid !== ownUid) || (stat.mode & 0o022) !== 0) return undefined;
    const line = fs.readFileSync(envFile, "utf8").split("\n").find((l) => l.startsWith("DAYBOOK_INGRESS_URL="));
    if (!line) return undefined;
    const url = new URL(line.slice("DAYBOOK_INGRESS_URL=".length).trim());
    return classifyAddress(url.hostname)?.class === "loopback" && url.port ? `${url.hostname}:${url.port}` : undefined;
  } catch {
    return undefined;
  }
}
