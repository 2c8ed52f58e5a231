import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { classifyAddress } from "./address-classes";
import {
  addressPolicyFromEnv,
  AllowListError,
  checkApiServerAddress,
  localControlPlaneAllowEntry,
  parseAllowList,
  pinnedLookup,
  type AddressPolicy,
  type Resolver,
} from "./address-policy";

const noAllow: AddressPolicy = { allow: [] };
const resolverFor =
  (answers: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
const noDns: Resolver = async (host) => {
  throw new Error(`the test resolved ${host}, but IP literals must not be resolved`);
};

const check = (server: string, policy = noAllow, resolver = noDns) => checkApiServerAddress(new URL(server), policy, { resolver });

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["2606:4700:4700::1111", "public"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["169.254.10.1", "link-local"],
    ["fe80::1", "link-local"],
    ["127.0.0.1", "loopback"],
    ["127.45.3.2", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fec0::1", "private"],
    ["100.64.0.1", "carrier-grade-nat"],
    ["fd12:3456::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["2002:a00:1::1", "reserved"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)?.class).toBe(expected);
  });

  it.each([
    ["::ffff:127.0.0.1", "loopback", "127.0.0.1"],
    ["::ffff:7f00:1", "loopback", "127.0.0.1"],
    ["::ffff:169.254.169.254", "metadata", "169.254.169.254"],
    ["::ffff:a9fe:a01", "link-local", "169.254.10.1"],
    ["::ffff:10.0.0.1", "private", "10.0.0.1"],
    ["::ffff:100.64.1.1", "carrier-grade-nat", "100.64.1.1"],
    ["::ffff:0.0.0.0", "unspecified", "0.0.0.0"],
    ["::ffff:8.8.8.8", "public", "8.8.8.8"],
  ])("the IPv4-mapped %s is judged as %s %s", (address, expected, inner) => {
    expect(classifyAddress(address)).toMatchObject({ class: expected, address: inner, family: 4 });
  });

  it.each([
    ["64:ff9b::a9fe:a9fe", "metadata", "169.254.169.254"],
    ["64:ff9b::7f00:1", "loopback", "127.0.0.1"],
    ["::ffff:0:a00:1", "private", "10.0.0.1"],
    ["::7f00:1", "loopback", "127.0.0.1"],
  ])("the translated form %s is judged by the IPv4 it carries (%s)", (address, expected, inner) => {
    expect(classifyAddress(address)).toMatchObject({ class: expected, family: 6, carriedIPv4: inner });
  });

  it("does not take names or shorthand IPv4 for addresses", () => {
    expect(classifyAddress("kube.example.com")).toBeUndefined();
    expect(classifyAddress("127.1")).toBeUndefined();
  });
});

describe("parseAllowList", () => {
  it("reads host:port, ip:port, [ipv6]:port, ip, cidr and cidr:port", () => {
    const entries = parseAllowList(" localhost:16443, 127.0.0.1:6443,[::1]:6443 ,10.0.0.5, 10.0.0.0/8, 192.168.0.0/16:443, fd00::/8, ::1,");
    expect(entries.map((entry) => [entry.kind, entry.text, entry.kind === "host" ? entry.port : entry.port ?? null])).toEqual([
      ["host", "localhost:16443", 16443],
      ["range", "127.0.0.1:6443", 6443],
      ["range", "[::1]:6443", 6443],
      ["range", "10.0.0.5", null],
      ["range", "10.0.0.0/8", null],
      ["range", "192.168.0.0/16:443", 443],
      ["range", "fd00::/8", null],
      ["range", "::1", null],
    ]);
    expect(parseAllowList(undefined)).toEqual([]);
    expect(parseAllowList("")).toEqual([]);
  });

  it.each([
    ["a host without a port", "cluster.internal", /a host name needs a port/],
    ["a port out of range", "127.0.0.1:70000", /the port must be 1–65535/],
    ["a port that is not a number", "localhost:http", /the port must be 1–65535/],
    ["a prefix too long", "10.0.0.0/33", /prefix length must be 0–32/],
    ["an IPv6 prefix too long", "fd00::/129", /prefix length must be 0–128/],
    ["an IPv4 address with five parts", "10.0.0.0.1:6443", /not an IPv4 address/],
    ["shorthand IPv4", "127.1:6443", /not an IPv4 address/],
    ["garbage", "https://10.0.0.1:6443", /not a host name, IP address or CIDR range/],
    ["a link-local range", "169.254.0.0/16", /link-local addresses are always refused/],
    ["the metadata address", "169.254.169.254:80", /metadata addresses are always refused/],
    ["an IPv6 link-local address", "[fe80::1]:6443", /link-local addresses are always refused/],
  ])("refuses %s", (_label, value, message) => {
    expect(() => parseAllowList(value)).toThrow(AllowListError);
    expect(() => parseAllowList(value)).toThrow(message);
  });

  it("names every bad entry at once", () => {
    expect(() => parseAllowList("good.host:443,bad host:1,10.0.0.0/40")).toThrow(
      /DAYBOOK_CLUSTER_ALLOW has bad entries: "bad host:1": .*; "10.0.0.0\/40": /,
    );
  });
});

describe("checkApiServerAddress", () => {
  it("passes a public host and pins the address it checked", async () => {
    const result = await check("https://kube.example.com:6443", noAllow, resolverFor({ "kube.example.com": ["8.8.4.4"] }));
    expect(result).toEqual({
      ok: true,
      pinned: { host: "kube.example.com", address: "8.8.4.4", family: 4 },
      addresses: [{ address: "8.8.4.4", family: 4, class: "public" }],
    });
  });

  it("passes a public IP literal without resolving it", async () => {
    const result = await check("https://[2606:4700:4700::1111]:443");
    expect(result.ok && result.pinned).toEqual({ host: "2606:4700:4700::1111", address: "2606:4700:4700::1111", family: 6 });
  });

  it.each([
    ["https://127.0.0.1:16443", /The address 127.0.0.1 is a loopback address\. .*DAYBOOK_CLUSTER_ALLOW=127\.0\.0\.1:16443/],
    ["https://[::1]:6443", /The address ::1 is a loopback address\. .*DAYBOOK_CLUSTER_ALLOW=\[::1\]:6443/],
    ["https://10.0.0.5:6443", /10\.0\.0\.5 is a private address/],
    ["https://[fd12::1]", /unique local IPv6 address .*=\[fd12::1\]:443/],
    ["https://100.64.0.10", /carrier-grade NAT/],
    ["https://0.0.0.0:6443", /the unspecified address/],
    ["https://224.0.0.1", /a multicast address/],
    ["https://255.255.255.255", /the broadcast address/],
    ["https://192.0.2.1", /reserved or special-purpose/],
    ["https://[::ffff:127.0.0.1]:6443", /The address ::ffff:7f00:1 \(127\.0\.0\.1\) is a loopback address/],
    ["https://[::ffff:10.0.0.1]", /\(10\.0\.0\.1\) is a private address/],
  ])("refuses %s unless allowed", async (server, message) => {
    const result = await check(server);
    expect(result).toMatchObject({ ok: false, reason: "refused", message: expect.stringMatching(message) });
  });

  it.each([
    ["https://169.254.169.254", /cloud metadata address: Daybook never connects there/],
    ["https://100.100.100.200", /cloud metadata address/],
    ["https://[fd00:ec2::254]", /cloud metadata address/],
    ["https://169.254.1.1:6443", /link-local address: Daybook never connects there/],
    ["https://[fe80::1]:6443", /link-local/],
    ["https://[::ffff:169.254.169.254]", /cloud metadata address/],
    ["https://[64:ff9b::a9fe:a9fe]", /which carries 169\.254\.169\.254\) is a cloud metadata address/],
    ["https://metadata.google.internal", /"metadata.google.internal" is a cloud metadata service/],
    ["https://METADATA.google.internal.", /is a cloud metadata service/],
  ])("always refuses %s, even with everything allow-listed", async (server, message) => {
    const everything = { allow: parseAllowList("0.0.0.0/0,::/0,metadata.google.internal:443") };
    const result = await check(server, everything);
    expect(result).toMatchObject({ ok: false, reason: "refused", message: expect.stringMatching(message) });
  });

  it("reads the hex and integer IPv4 forms the URL parser normalizes", async () => {
    expect(await check("https://0x7f.1:6443")).toMatchObject({ ok: false, message: expect.stringMatching(/127\.0\.0\.1 is a loopback/) });
    expect(await check("https://2852039166/")).toMatchObject({ ok: false, message: expect.stringMatching(/169\.254\.169\.254 is a cloud metadata/) });
  });

  it("refuses a name if any one of its addresses is refused", async () => {
    const resolver = resolverFor({ "mixed.example.com": ["8.8.8.8", "10.0.0.7"], "sneaky.example.com": ["8.8.8.8", "::ffff:169.254.169.254"] });
    expect(await check("https://mixed.example.com", noAllow, resolver)).toMatchObject({
      ok: false,
      message: '"mixed.example.com" resolves to 10.0.0.7, which is a private address. Daybook only connects to such addresses when an administrator allows them (DAYBOOK_CLUSTER_ALLOW=10.0.0.7:443).',
    });
    const everythingPrivate = { allow: parseAllowList("10.0.0.0/8,::/0") };
    expect(await check("https://sneaky.example.com", everythingPrivate, resolver)).toMatchObject({ ok: false, message: expect.stringMatching(/cloud metadata/) });
  });

  it("allows what the allow-list names, by address, range, port or host name", async () => {
    const policy = { allow: parseAllowList("127.0.0.1:16443,10.0.0.0/8:6443,fd00::/8,cluster.lab:7443") };
    expect((await check("https://127.0.0.1:16443", policy)).ok).toBe(true);
    expect((await check("https://127.0.0.1:16444", policy)).ok).toBe(false);
    expect((await check("https://[::ffff:127.0.0.1]:16443", policy)).ok).toBe(true);
    expect((await check("https://10.20.30.40:6443", policy)).ok).toBe(true);
    expect((await check("https://10.20.30.40:443", policy)).ok).toBe(false);
    expect((await check("https://[fd00::9]:1234", policy)).ok).toBe(true);
    const lab = resolverFor({ "cluster.lab": ["192.168.5.5"], "other.lab": ["192.168.5.5"] });
    expect(await check("https://cluster.lab:7443", policy, lab)).toMatchObject({
      ok: true,
      pinned: { host: "cluster.lab", address: "192.168.5.5", family: 4 },
      allowedBy: "cluster.lab:7443",
    });
    expect((await check("https://other.lab:7443", policy, lab)).ok).toBe(false);
    expect((await check("https://cluster.lab:443", policy, lab)).ok).toBe(false);
  });

  it("says so when a host cannot be resolved, resolves to nothing, or DNS hangs", async () => {
    expect(await check("https://nowhere.example", noAllow, resolverFor({}))).toEqual({
      ok: false,
      reason: "unresolvable",
      message: 'The API server host "nowhere.example" cannot be resolved (no such host).',
    });
    expect(await check("https://empty.example", noAllow, resolverFor({ "empty.example": [] }))).toMatchObject({ reason: "unresolvable" });
    const hanging: Resolver = () => new Promise(() => {});
    const result = await checkApiServerAddress(new URL("https://slow.example"), noAllow, { resolver: hanging, timeoutMs: 20 });
    expect(result).toMatchObject({ ok: false, reason: "unresolvable", message: expect.stringMatching(/no answer within 0.02 s/) });
  });
});

describe("pinnedLookup", () => {
  const pinned = { host: "kube.example.com", address: "203.0.113.9", family: 4 as const };
  const lookup = (hostname: string, options: { all?: boolean }) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      pinnedLookup(pinned)(hostname, options, (error, address, family) => resolve({ error, address, family })),
    );

  it("answers the pinned address in both of Node's calling styles", async () => {
    expect(await lookup("kube.example.com", {})).toEqual({ error: null, address: "203.0.113.9", family: 4 });
    expect(await lookup("KUBE.example.com.", { all: true })).toEqual({
      error: null,
      address: [{ address: "203.0.113.9", family: 4 }],
      family: undefined,
    });
  });

  it("refuses to resolve any other name", async () => {
    const { error } = await lookup("evil.example.com", {});
    expect(error?.code).toBe("ENOTFOUND");
    expect(error?.message).toMatch(/only connects to the checked API server kube.example.com/);
  });
});

describe("the local control plane", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function runDir(server: string | undefined, mode = 0o600): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-cluster-run-"));
    dirs.push(dir);
    if (server) {
      const file = path.join(dir, "kubeconfig");
      fs.writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: daybook-test\n  cluster:\n    server: ${server}\ncontexts:\n- name: daybook-test\n  context: {cluster: daybook-test, user: admin}\ncurrent-context: daybook-test\n`);
      fs.chmodSync(file, mode);
    }
    return dir;
  }

  it("allow-lists the loopback address of the cluster:up kubeconfig", () => {
    expect(localControlPlaneAllowEntry(path.join(runDir("https://127.0.0.1:16443"), "kubeconfig"))).toBe("127.0.0.1:16443");
  });

  it("ignores a missing file, a non-loopback server, and a file others can write", () => {
    expect(localControlPlaneAllowEntry(path.join(runDir(undefined), "kubeconfig"))).toBeUndefined();
    expect(localControlPlaneAllowEntry(path.join(runDir("https://10.0.0.1:6443"), "kubeconfig"))).toBeUndefined();
    expect(localControlPlaneAllowEntry(path.join(runDir("https://127.0.0.1:16443", 0o666), "kubeconfig"))).toBeUndefined();
  });

  it("is part of the policy on the embedded set-up only, beside DAYBOOK_CLUSTER_ALLOW", async () => {
    const DAYBOOK_CLUSTER_RUN = runDir("https://127.0.0.1:16443");
    const embedded = addressPolicyFromEnv({ DAYBOOK_CLUSTER_RUN, DAYBOOK_CLUSTER_ALLOW: "10.0.0.0/8" });
    expect(embedded.allow.map((entry) => entry.text)).toEqual(["10.0.0.0/8", "127.0.0.1:16443"]);
    expect((await check("https://127.0.0.1:16443", embedded)).ok).toBe(true);
    const server = addressPolicyFromEnv({ DAYBOOK_CLUSTER_RUN, DATABASE_URL: "postgresql://db/daybook" });
    expect(server.allow).toEqual([]);
  });

  it("makes a bad DAYBOOK_CLUSTER_ALLOW a start-up error", () => {
    expect(() => addressPolicyFromEnv({ DAYBOOK_CLUSTER_ALLOW: "10.0.0.1:0", DATABASE_URL: "postgresql://db/x" })).toThrow(AllowListError);
  });
});
