import { KubeConfig } from "@kubernetes/client-node";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64, makeTestPki, removeTestPki, type TestPki } from "@/tests/integration/clusters/pki";
import { extractContext, KUBECONFIG_MAX_BYTES, listContexts, type ExtractResult, type PolicyFailure } from "./kubeconfig-policy";

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => removeTestPki(pki));

const SECRET_TOKEN = "s3cr3t-token-value.abc";

interface Entries {
  cluster?: Record<string, unknown>;
  user?: Record<string, unknown>;
  context?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

function kubeconfig({ cluster = {}, user = {}, context = {}, extra = {} }: Entries = {}): string {
  return yaml.dump({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: "team", cluster: { server: "https://kube.daybook.test:6443", "certificate-authority-data": base64(pki.caCert), ...cluster } },
    ],
    users: [{ name: "alice", user: { token: SECRET_TOKEN, ...user } }],
    contexts: [{ name: "team-ctx", context: { cluster: "team", user: "alice", namespace: "atlas", ...context } }],
    "current-context": "team-ctx",
    ...extra,
  });
}

function refused(result: ExtractResult | ReturnType<typeof listContexts>): PolicyFailure {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result).slice(0, 200)}`);
  return result;
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256" })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe("listContexts", () => {
  it("lists every context with its cluster, server, user and namespace, marking the current one", () => {
    const text = yaml.dump({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        { name: "prod", cluster: { server: "https://prod.example.com" } },
        { name: "lab", cluster: { server: "https://10.0.0.5:6443" } },
      ],
      users: [{ name: "u1", user: { token: "x" } }],
      contexts: [
        { name: "prod-admin", context: { cluster: "prod", user: "u1" } },
        { name: "lab", context: { cluster: "lab", user: "u1", namespace: "atlas" } },
        { name: "dangling", context: { cluster: "gone", user: "u1" } },
      ],
      "current-context": "lab",
    });
    expect(listContexts(text)).toEqual({
      ok: true,
      contexts: [
        { name: "prod-admin", cluster: "prod", user: "u1", server: "https://prod.example.com", current: false },
        { name: "lab", cluster: "lab", user: "u1", server: "https://10.0.0.5:6443", namespace: "atlas", current: true },
        { name: "dangling", cluster: "gone", user: "u1", current: false },
      ],
    });
  });

  it("reads JSON as well as YAML", () => {
    const json = JSON.stringify(yaml.load(kubeconfig()), null, "\t");
    const result = listContexts(json);
    expect(result.ok && result.contexts.map((c) => c.name)).toEqual(["team-ctx"]);
  });

  it("names the line of a YAML error without quoting the file", () => {
    const text = `apiVersion: v1\nusers:\n- name: alice\n  user:\n    token: ${SECRET_TOKEN}\n   bad: indentation\n`;
    const failure = refused(listContexts(text));
    expect(failure.field).toBe("kubeconfig");
    expect(failure.message).toMatch(/^line 6, column \d+: .*not valid YAML or JSON/);
    expect(failure.message).not.toContain(SECRET_TOKEN);
  });

  it("names the line of a JSON error", () => {
    const failure = refused(listContexts('{\n  "apiVersion": "v1",\n  "clusters": [,]\n}'));
    expect(failure.message).toMatch(/^line 3, /);
  });

  it.each([
    ["an empty file", ""],
    ["only white space", "  \n\t\n"],
    ["only comments", "# nothing here\n"],
  ])("refuses %s", (_label, text) => {
    expect(refused(listContexts(text)).message).toMatch(/^The kubeconfig is empty/);
  });

  it.each([
    ["a Deployment manifest", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n", /This is a Deployment, not a kubeconfig/],
    ["a list", "- a\n- b\n", /not a kubeconfig/],
    ["a scalar", "just some text\n", /not a kubeconfig/],
    ["a mapping without kubeconfig lists", "foo: bar\n", /no clusters, users or contexts/],
    ["clusters that are not a list", "clusters: {a: 1}\ncontexts: []\n", /"clusters" must be a list/],
    ["an entry without a name", "contexts:\n- context: {cluster: a}\n", /contexts\[0\] needs a name/],
    ["two contexts with one name", "contexts:\n- {name: a, context: {}}\n- {name: a, context: {}}\n", /two contexts are named "a"/],
    ["a file without contexts", "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n", /has no contexts/],
  ])("refuses %s", (_label, text, message) => {
    expect(refused(listContexts(text)).message).toMatch(message);
  });

  it("reads a YAML alias bomb without expanding it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? "*a" : `*l${i - 1}`).join(", ")}]`);
    const bomb = `${levels.join("\n")}\ncontexts:\n- name: boom\n  context: {cluster: *l11, user: u}\n`;
    const result = listContexts(bomb);
    expect(result.ok && result.contexts).toEqual([{ name: "boom", cluster: "", user: "u", current: false }]);
    expect(refused(extractContext(bomb, "boom")).message).toMatch(/names a cluster "" that the kubeconfig does not contain/);
  });

  it("refuses a file over the size limit before parsing it", () => {
    const huge = `${kubeconfig()}# ${"x".repeat(KUBECONFIG_MAX_BYTES)}\n`;
    const failure = refused(listContexts(huge));
    expect(failure.message).toMatch(/KiB; Daybook accepts at most 256 KiB/);
  });
});

describe("extractContext", () => {
  it("keeps only what a connection needs, as a kubeconfig client-node loads", () => {
    const text = kubeconfig({
      cluster: { "tls-server-name": "kube.daybook.test", extensions: [{ name: "x", extension: {} }], "disable-compression": true },
      context: { extensions: [] },
      extra: { preferences: { colors: true } },
    });
    const result = extractContext(text, "team-ctx");
    if (!result.ok) throw new Error(result.message);
    expect(result.kubeconfig).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "team",
          cluster: {
            server: "https://kube.daybook.test:6443",
            "certificate-authority-data": base64(pki.caCert),
            "tls-server-name": "kube.daybook.test",
          },
        },
      ],
      users: [{ name: "alice", user: { token: SECRET_TOKEN } }],
      contexts: [{ name: "team-ctx", context: { cluster: "team", user: "alice", namespace: "atlas" } }],
      "current-context": "team-ctx",
    });
    expect(result.server.href).toBe("https://kube.daybook.test:6443/");
    expect(result.namespace).toBe("atlas");
    expect(result.ignored).toEqual([
      "clusters[team].cluster.extensions",
      "clusters[team].cluster.disable-compression",
      "contexts[team-ctx].context.extensions",
    ]);

    const kc = new KubeConfig();
    kc.loadFromString(JSON.stringify(result.kubeconfig));
    expect(kc.getCurrentCluster()).toMatchObject({ server: "https://kube.daybook.test:6443", tlsServerName: "kube.daybook.test" });
    expect(kc.getCurrentUser()?.token).toBe(SECRET_TOKEN);
  });

  it("keeps a client certificate with its key and reports when it expires", () => {
    const text = kubeconfig({ user: { token: undefined, "client-certificate-data": base64(pki.clientCert), "client-key-data": base64(pki.clientKey) } });
    const result = extractContext(text, "team-ctx");
    if (!result.ok) throw new Error(result.message);
    expect(result.kubeconfig.users[0].user).toEqual({
      "client-certificate-data": base64(pki.clientCert),
      "client-key-data": base64(pki.clientKey),
    });
    expect(result.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("joins base64 that was wrapped over several lines", () => {
    const wrapped = base64(pki.caCert).replace(/(.{64})/g, "$1\n");
    const result = extractContext(kubeconfig({ cluster: { "certificate-authority-data": wrapped } }), "team-ctx");
    expect(result.ok && result.kubeconfig.clusters[0].cluster["certificate-authority-data"]).toBe(base64(pki.caCert));
  });

  describe("refuses credentials Daybook cannot or must not use", () => {
    it("an exec plugin, naming it and giving the ServiceAccount commands", () => {
      const exec = {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "/usr/local/bin/aws",
        args: ["eks", "get-token", "--cluster-name", "prod", "--role-arn", "arn:aws:iam::123:role/secret-role"],
      };
      const failure = refused(extractContext(kubeconfig({ user: { token: undefined, exec } }), "team-ctx", { teamNamespace: "atlas" }));
      expect(failure.field).toBe("users[alice].user.exec");
      expect(failure.message).toMatch(/^The user "alice" uses an exec plugin \(aws eks get-token\): Daybook cannot run programs\. Create a ServiceAccount token for Daybook instead:/);
      expect(failure.message).toContain("kubectl --context='team-ctx' apply -f - <<'EOF'");
      expect(failure.message).toContain("kubectl --context='team-ctx' -n atlas create token daybook --duration=720h");
      expect(failure.message).not.toContain("secret-role");
    });

    it("an auth-provider, without repeating its tokens", () => {
      const authProvider = { name: "oidc", config: { "id-token": "eyJ-id-token-secret", "refresh-token": "refresh-secret" } };
      const failure = refused(extractContext(kubeconfig({ user: { token: undefined, "auth-provider": authProvider } }), "team-ctx"));
      expect(failure.field).toBe("users[alice].user.auth-provider");
      expect(failure.message).toMatch(/auth-provider "oidc"/);
      expect(failure.message).toContain("create token daybook");
      expect(failure.message).not.toMatch(/id-token-secret|refresh-secret/);
    });

    it.each([
      ["cluster", "certificate-authority", "/etc/kubernetes/ca.crt", /CA certificate is a file path.*kubectl config view --raw --minify --flatten/],
      ["user", "client-certificate", "/home/alice/.kube/alice.crt", /reads client-certificate from a file.*--flatten/],
      ["user", "client-key", "/home/alice/.kube/alice.key", /reads client-key from a file.*--flatten/],
      ["user", "tokenFile", "/var/run/secrets/token", /reads tokenFile from a file.*`token:`/],
    ] as const)("a file path in %s.%s", (where, key, value, message) => {
      const failure = refused(extractContext(kubeconfig({ [where]: { [key]: value } }), "team-ctx"));
      expect(failure.field).toBe(where === "cluster" ? `clusters[team].cluster.${key}` : `users[alice].user.${key}`);
      expect(failure.message).toMatch(message);
    });

    it("basic auth", () => {
      const failure = refused(extractContext(kubeconfig({ user: { token: undefined, username: "admin", password: "hunter2" } }), "team-ctx"));
      expect(failure.message).toMatch(/user name and password \(basic auth\)/);
      expect(failure.message).not.toContain("hunter2");
    });

    it("impersonation", () => {
      const failure = refused(extractContext(kubeconfig({ user: { as: "system:admin" } }), "team-ctx"));
      expect(failure.field).toBe("users[alice].user.as");
      expect(failure.message).toMatch(/impersonates another identity/);
    });

    it("a user without credentials", () => {
      const failure = refused(extractContext(kubeconfig({ user: { token: undefined } }), "team-ctx"));
      expect(failure.message).toMatch(/has no credentials .*Create a ServiceAccount token/s);
    });

    it("a token with a line break, and an expired ServiceAccount token", () => {
      expect(refused(extractContext(kubeconfig({ user: { token: "abc\ndef" } }), "team-ctx")).message).toMatch(/line breaks/);
      const expired = jwt({ sub: "system:serviceaccount:atlas:daybook", exp: 1_700_000_000 });
      const failure = refused(extractContext(kubeconfig({ user: { token: expired } }), "team-ctx"));
      expect(failure.message).toMatch(/token expired on 2023-11-14T22:13:20.000Z/);
      expect(failure.message).not.toContain(expired);
    });

    it("reports when a JWT token expires", () => {
      const exp = Math.floor(Date.now() / 1000) + 3600;
      const result = extractContext(kubeconfig({ user: { token: jwt({ exp }) } }), "team-ctx");
      expect(result.ok && result.expiresAt?.getTime()).toBe(exp * 1000);
    });

    it("a client certificate that expired, a key of another certificate, and half a pair", () => {
      const pair = { token: undefined, "client-certificate-data": base64(pki.clientCert), "client-key-data": base64(pki.clientKey) };
      const later = new Date(Date.now() + 30 * 24 * 3600 * 1000);
      expect(refused(extractContext(kubeconfig({ user: pair }), "team-ctx", { now: later })).message).toMatch(/client certificate expired on \d{4}-\d\d-\d\d/);
      const wrongKey = refused(extractContext(kubeconfig({ user: { ...pair, "client-key-data": base64(pki.otherKey) } }), "team-ctx"));
      expect(wrongKey.message).toMatch(/client-key-data does not belong to client-certificate-data/);
      const half = refused(extractContext(kubeconfig({ user: { ...pair, "client-key-data": undefined } }), "team-ctx"));
      expect(half).toMatchObject({ field: "users[alice].user.client-key-data", message: expect.stringMatching(/half a client certificate/) });
    });

    it.each([
      ["not base64", "%%%not-base64%%%", /certificate-authority-data is not base64/],
      ["base64 of something else", Buffer.from("hello").toString("base64"), /not of a PEM file/],
      ["a PEM that holds no certificate", () => base64(pki.clientKey), /holds no certificate/],
      ["a broken certificate", () => base64("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), /cannot be read/],
    ])("a CA that is %s", (_label, value, message) => {
      const data = typeof value === "function" ? value() : value;
      const failure = refused(extractContext(kubeconfig({ cluster: { "certificate-authority-data": data } }), "team-ctx"));
      expect(failure).toMatchObject({ field: "clusters[team].cluster.certificate-authority-data", message: expect.stringMatching(message) });
    });
  });

  describe("refuses connections that are not private and verified", () => {
    it.each([true, "true", "yes", "on"])("insecure-skip-tls-verify: %s", (value) => {
      const failure = refused(extractContext(kubeconfig({ cluster: { "insecure-skip-tls-verify": value } }), "team-ctx"));
      expect(failure.field).toBe("clusters[team].cluster.insecure-skip-tls-verify");
      expect(failure.message).toMatch(/turns off TLS verification/);
    });

    it("allows insecure-skip-tls-verify when an administrator does, and then drops the CA like client-go", () => {
      const result = extractContext(kubeconfig({ cluster: { "insecure-skip-tls-verify": true } }), "team-ctx", { allowInsecure: true });
      if (!result.ok) throw new Error(result.message);
      expect(result.kubeconfig.clusters[0].cluster).toEqual({ server: "https://kube.daybook.test:6443", "insecure-skip-tls-verify": true });
      expect(result.ignored).toContain("clusters[team].cluster.certificate-authority-data");
    });

    it("accepts insecure-skip-tls-verify: false", () => {
      expect(extractContext(kubeconfig({ cluster: { "insecure-skip-tls-verify": false } }), "team-ctx").ok).toBe(true);
    });

    it("a proxy", () => {
      const failure = refused(extractContext(kubeconfig({ cluster: { "proxy-url": "socks5://10.0.0.1:1080" } }), "team-ctx"));
      expect(failure).toMatchObject({ field: "clusters[team].cluster.proxy-url", message: expect.stringMatching(/through a proxy/) });
    });

    it.each([
      ["plain http", "http://kube.daybook.test:8080", /uses http:\/\/; Daybook only connects over https:\/\//],
      ["another scheme", "ftp://kube.daybook.test", /uses ftp:\/\//],
      ["credentials in the URL", "https://admin:pw@kube.daybook.test", /contains a user name or password/],
      ["a path", "https://rancher.example.com/k8s/clusters/c-123", /without a path or query \(got "\/k8s\/clusters\/c-123"\)/],
      ["a query", "https://kube.daybook.test/?x=1", /without a path or query/],
      ["no URL at all", "kube.daybook.test:6443", /is not a URL/],
      ["an empty server", "", /has no server address/],
    ])("a server with %s", (_label, server, message) => {
      const failure = refused(extractContext(kubeconfig({ cluster: { server } }), "team-ctx"));
      expect(failure).toMatchObject({ field: "clusters[team].cluster.server", message: expect.stringMatching(message) });
    });
  });

  it("refuses an unknown context, a context naming missing entries, and a bad namespace", () => {
    expect(refused(extractContext(kubeconfig(), "prod"))).toEqual({
      ok: false,
      field: "context",
      message: 'There is no context named "prod"; the kubeconfig has "team-ctx".',
    });
    expect(refused(extractContext(kubeconfig({ context: { cluster: "gone" } }), "team-ctx")).field).toBe("contexts[team-ctx].context.cluster");
    expect(refused(extractContext(kubeconfig({ context: { user: "bob" } }), "team-ctx")).field).toBe("contexts[team-ctx].context.user");
    expect(refused(extractContext(kubeconfig({ context: { namespace: "Not_Valid" } }), "team-ctx")).message).toMatch(/not a valid namespace name/);
  });

  it("never puts the token into a refusal", () => {
    const cases = [
      kubeconfig({ cluster: { server: "http://x" } }),
      kubeconfig({ cluster: { "insecure-skip-tls-verify": true } }),
      kubeconfig({ user: { exec: { command: "kubelogin", args: ["get-token"] } } }),
    ];
    for (const text of cases) expect(refused(extractContext(text, "team-ctx")).message).not.toContain(SECRET_TOKEN);
  });
});
