/**
 * What kind of address an IP is, for the SSRF rule. The range tables are ipaddr.js's (IANA special
 * registries, kept up to date by its maintainers), not our own bit arithmetic. IPv6 forms that carry
 * an IPv4 address (::ffff:a.b.c.d and the translation prefixes) are judged by the IPv4 inside.
 */
import ipaddr from "ipaddr.js";

export type AddressClass =
  | "public"
  | "metadata"
  | "link-local"
  | "loopback"
  | "private"
  | "carrier-grade-nat"
  | "unique-local"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved";

export interface ClassifiedAddress {
  /** The address Daybook would connect to (for ::ffff:a.b.c.d, the IPv4 a.b.c.d). */
  address: string;
  family: 4 | 6;
  class: AddressClass;
  /** The IPv4 address an IPv6 translation form (NAT64, ::a.b.c.d) carries; `class` judges it. */
  carriedIPv4?: string;
}

/** Instance metadata services: AWS/GCP/Azure/OpenStack (169.254.169.254), ECS tasks, Alibaba Cloud, AWS over IPv6. */
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);
export const METADATA_HOST_NAMES = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);

/** Classes no allow-list entry can open: they reach the machine's own cloud credentials. */
export const ALWAYS_REFUSED: ReadonlySet<AddressClass> = new Set(["metadata", "link-local"]);

export const CLASS_LABELS: Record<AddressClass, string> = {
  public: "a public address",
  metadata: "a cloud metadata address",
  "link-local": "a link-local address",
  loopback: "a loopback address",
  private: "a private address",
  "carrier-grade-nat": "a carrier-grade NAT address (100.64.0.0/10)",
  "unique-local": "a unique local IPv6 address (fc00::/7)",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  reserved: "a reserved or special-purpose address",
};

const IPV4_CLASSES: Partial<Record<string, AddressClass>> = {
  unicast: "public",
  linkLocal: "link-local",
  loopback: "loopback",
  private: "private",
  carrierGradeNat: "carrier-grade-nat",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "broadcast",
};

const IPV6_CLASSES: Partial<Record<string, AddressClass>> = {
  unicast: "public",
  linkLocal: "link-local",
  loopback: "loopback",
  uniqueLocal: "unique-local",
  // site-local (fec0::/10) was the private range before RFC 3879 deprecated it
  deprecatedSiteLocal: "private",
  unspecified: "unspecified",
  multicast: "multicast",
};

/** Prefixes whose last 32 bits are an IPv4 address the packet ends up at. */
const IPV4_CARRYING_RANGES = new Set(["ipv4Mapped", "rfc6145", "rfc6052"]);
// ::a.b.c.d, deprecated by RFC 4291 and not a range ipaddr.js names
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR("::/96");

function classifyIPv4(ip: ipaddr.IPv4): AddressClass {
  if (METADATA_ADDRESSES.has(ip.toString())) return "metadata";
  return IPV4_CLASSES[ip.range()] ?? "reserved";
}

function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = ip.toByteArray().slice(12);
  return new ipaddr.IPv4(bytes);
}

/** Classifies an IP literal; undefined when the text is not one. */
export function classifyAddress(text: string): ClassifiedAddress | undefined {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (!ipaddr.isValid(bare)) return undefined;
  const ip = ipaddr.parse(bare);
  if (ip.kind() === "ipv4") {
    if (!ipaddr.IPv4.isValidFourPartDecimal(bare)) return undefined;
    return { address: ip.toString(), family: 4, class: classifyIPv4(ip as ipaddr.IPv4) };
  }
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  const unspecifiedOrLoopback = range === "unspecified" || range === "loopback";
  if (IPV4_CARRYING_RANGES.has(range) || (!unspecifiedOrLoopback && v6.match(IPV4_COMPATIBLE))) {
    const inner = embeddedIPv4(v6);
    // A mapped address is the IPv4 host itself; a NAT64 one must still be sent over IPv6.
    if (range === "ipv4Mapped") return { address: inner.toString(), family: 4, class: classifyIPv4(inner) };
    return { address: v6.toString(), family: 6, class: classifyIPv4(inner), carriedIPv4: inner.toString() };
  }
  const normalized = v6.toString();
  if (METADATA_ADDRESSES.has(normalized)) return { address: normalized, family: 6, class: "metadata" };
  return { address: normalized, family: 6, class: IPV6_CLASSES[range] ?? "reserved" };
}

/** URL host → the form DNS and the allow-list compare: no brackets, lower case, no trailing dot. */
export const normalizeHost = (host: string) => host.replace(/^\[(.*)\]$/, "$1").toLowerCase().replace(/\.$/, "");
