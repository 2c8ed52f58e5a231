import "server-only";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import yaml from "js-yaml";
import type { ClusterCredentials } from "@/lib/k8s/client";
import { failure, ok, type K8sResult } from "@/lib/k8s/result";
import type { PinnedAddress } from "@/lib/clusters/pinned-lookup";

const run = promisify(execFile);

/** The helm binary: DAYBOOK_HELM_BIN, or `helm` on the PATH. */
export const helmBinary = () => process.env.DAYBOOK_HELM_BIN || "helm";

/**
 * A kubeconfig for the helm process, in a private temporary directory removed right after. The server is
 * written as the pinned address (TLS still checks the original name), so helm cannot be sent elsewhere.
 */
async function withKubeconfig<T>(c: ClusterCredentials, pinned: PinnedAddress | undefined, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "daybook-helm-"));
  try {
    const server = new URL(c.server);
    const tlsServerName = c.tlsServerName ?? (pinned ? server.hostname : undefined);
    if (pinned) server.hostname = pinned.family === 6 ? `[${pinned.address}]` : pinned.address;
    const config = {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "team", cluster: { server: server.toString().replace(/\/$/, ""), "certificate-authority-data": c.certificateAuthorityData, "tls-server-name": tlsServerName, "insecure-skip-tls-verify": c.insecureSkipTlsVerify || undefined } }],
      users: [{ name: "team", user: { token: c.token, "client-certificate-data": c.clientCertificateData, "client-key-data": c.clientKeyData } }],
      contexts: [{ name: "team", context: { cluster: "team", user: "team" } }],
      "current-context": "team",
    };
    const file = path.join(dir, "kubeconfig");
    await writeFile(file, yaml.dump(JSON.parse(JSON.stringify(config))), { mode: 0o600 });
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type HelmInstall = { release: string; chartDir: string; valuesFiles: string[]; namespace: string; set: Record<string, string>; timeoutSeconds?: number };

/** `helm upgrade --install RELEASE CHART -n NS -f VALUES --set … --wait`: real release semantics (history, rollback). */
export async function helmUpgradeInstall(c: ClusterCredentials, pinned: PinnedAddress | undefined, h: HelmInstall): Promise<K8sResult<string>> {
  return withKubeconfig(c, pinned, async (kubeconfig, dir) => {
    const args = ["upgrade", "--install", h.release, h.chartDir, "--namespace", h.namespace, ...h.valuesFiles.flatMap((f) => ["-f", f]), ...Object.entries(h.set).flatMap(([k, v]) => ["--set", `${k}=${v}`]), "--wait", "--timeout", `${h.timeoutSeconds ?? 300}s`, "--kubeconfig", kubeconfig];
    const env = { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? "", HOME: dir, HELM_CACHE_HOME: path.join(dir, "cache"), HELM_CONFIG_HOME: path.join(dir, "config"), HELM_DATA_HOME: path.join(dir, "data") };
    try {
      const { stdout } = await run(helmBinary(), args, { env, timeout: ((h.timeoutSeconds ?? 300) + 30) * 1000, maxBuffer: 1024 * 1024 });
      return ok(stdout);
    } catch (error) {
      const e = error as { code?: string; stderr?: string; message: string };
      if (e.code === "ENOENT") return failure("unsupported", `Helm is not installed on the Daybook server (set DAYBOOK_HELM_BIN). Run the helm command yourself; Daybook verifies the release.`);
      return failure("invalid", (e.stderr || e.message).trim().split("\n").slice(-5).join("\n"));
    }
  });
}
