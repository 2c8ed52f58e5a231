import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestNamespace,
  deleteNamespace,
  helmBinary,
  loadTestKubeConfig,
  testKubeconfigPath,
} from "../support/cluster";

const run = promisify(execFile);
const chart = path.resolve(import.meta.dirname, "../fixtures/charts/daybook-hello");

describe("helm install against the test cluster", () => {
  const kc = loadTestKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const helmHome = mkdtempSync(path.join(tmpdir(), "daybook-helm-"));
  let namespace = "";

  beforeAll(async () => {
    namespace = await createTestNamespace("cp-helm");
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
    rmSync(helmHome, { recursive: true, force: true });
  });

  async function helm(args: string[]): Promise<string> {
    const { stdout } = await run(helmBinary(), [...args, "--kubeconfig", testKubeconfigPath()], {
      env: {
        ...process.env,
        HELM_CACHE_HOME: path.join(helmHome, "cache"),
        HELM_CONFIG_HOME: path.join(helmHome, "config"),
        HELM_DATA_HOME: path.join(helmHome, "data"),
      },
      timeout: 120_000,
    });
    return stdout;
  }

  it("stores the release as a Secret labelled owner=helm and deploys the chart", async () => {
    const output = await helm(["install", "hello", chart, "--namespace", namespace, "--wait", "--timeout", "90s"]);
    expect(output).toContain("STATUS: deployed");

    const secrets = await core.listNamespacedSecret({ namespace, labelSelector: "owner=helm,name=hello" });
    expect(secrets.items).toHaveLength(1);
    const release = secrets.items[0];
    expect(release?.type).toBe("helm.sh/release.v1");
    expect(release?.metadata?.labels).toMatchObject({ owner: "helm", name: "hello", status: "deployed", version: "1" });

    const configMap = await core.readNamespacedConfigMap({ name: "hello-config", namespace });
    expect(configMap.data?.message).toBe("hello from daybook");
    const deployment = await apps.readNamespacedDeployment({ name: "hello-web", namespace });
    expect(deployment.status?.availableReplicas).toBe(1);

    const list = JSON.parse(await helm(["list", "--namespace", namespace, "--output", "json"])) as Array<{
      name: string;
      status: string;
    }>;
    expect(list).toEqual([expect.objectContaining({ name: "hello", status: "deployed" })]);
  });
});
