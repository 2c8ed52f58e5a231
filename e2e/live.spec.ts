import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { CoreV1Api, type V1ConfigMap } from "@kubernetes/client-node";
import yaml from "js-yaml";
import { deleteNamespace, localKubeconfig } from "./cluster";
import { connectLocalCluster } from "./connect-cluster";
import { overflowProblems } from "./overflow";
import { createTeam, JOINED_PASSWORD, signIn } from "./support";

const namespace = `e2e-live-${process.env.DAYBOOK_E2E_PORT ?? "x"}-${Date.now().toString(36)}`.slice(0, 40);

test.skip(() => localKubeconfig() === null, "needs the local control plane (npm run cluster:up)");
test.describe.configure({ mode: "serial" });
test.afterAll(() => deleteNamespace(namespace));

let student = "";
test.beforeAll(async ({ browser }, info) => {
  student = (await createTeam(browser, info.project.use.baseURL!, "Team Lyra", ["Lia"]))[0]!;
  await localKubeconfig()!.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
});

/** Step 2.1's ConfigMaps from the course pack, created through the API as a terminal's `kubectl apply -f` would. */
async function kubectlApplyConfigMaps() {
  const file = path.resolve(import.meta.dirname, "../course/k8s-manifests/02-configmaps.yaml");
  const core = localKubeconfig()!.makeApiClient(CoreV1Api);
  for (const doc of yaml.loadAll(fs.readFileSync(file, "utf8")) as V1ConfigMap[]) {
    if (doc?.kind !== "ConfigMap") continue;
    await core.createNamespacedConfigMap({ namespace, body: { ...doc, metadata: { ...doc.metadata, namespace } } });
  }
}

const live = (page: Page) => page.getByRole("region", { name: "Live from your cluster" });

async function shoot(page: Page, info: TestInfo, name: string) {
  for (const [label, viewport] of [["laptop", { width: 1366, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(viewport);
    await live(page).scrollIntoViewIfNeeded();
    expect(await overflowProblems(page), `${label}: nothing sticks out of the page`).toEqual([]);
    // The sticky header would cover the top of the card in an element screenshot.
    await live(page).screenshot({ path: info.outputPath(`${name}-${label}.png`), style: "header { position: static !important; }" });
  }
  await page.setViewportSize({ width: 1366, height: 800 });
}

test("[STUDENT] the step page follows the cluster: a kubectl apply behind its back makes it pass without a click", async ({ page }, info) => {
  test.setTimeout(180_000);
  await signIn(page, student, JOINED_PASSWORD);
  await connectLocalCluster(page, namespace);

  await page.goto("/plan/step/d02-s1");
  const status = live(page).getByRole("status");
  await expect(status).toHaveText("Live: 0 of 3 watched checks pass", { timeout: 30_000 });
  await expect(live(page).getByText("Following the cluster as it changes")).toBeVisible();
  await expect(live(page).getByText("is not stored")).toBeVisible();
  await shoot(page, info, "live-failing");

  await kubectlApplyConfigMaps();
  // The "within about 2 s", with room for a loaded machine; no reload, no click.
  await expect(status).toHaveText("Step 2.1 now passes", { timeout: 5_000 });
  await expect(live(page).getByText("✓").first()).toBeVisible();
  // Live is not evidence: the stored status stays what the runs say.
  await expect(page.getByRole("region", { name: "On your cluster" }).getByText("Not verified yet.").first()).toBeVisible();
  await expect(page.getByText("No runs yet.")).toBeVisible();
  await shoot(page, info, "live-passing");
  const axe = await new AxeBuilder({ page }).include("section[aria-labelledby=live-state-heading]").withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  await localKubeconfig()!.makeApiClient(CoreV1Api).deleteNamespacedConfigMap({ name: "ecommerce-frontend-config", namespace });
  await expect(status).toHaveText("Live: 2 of 3 watched checks pass", { timeout: 5_000 });

  // A hidden tab closes its stream.
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(live(page).getByText("Paused while this tab is hidden")).toBeVisible();
});

test("[STUDENT] a step with checks Daybook cannot watch says what is left to verify", async ({ page }) => {
  await signIn(page, student, JOINED_PASSWORD);
  await page.goto("/plan/step/d03-s1");
  await expect(live(page).getByRole("status")).toHaveText("Live: 0 of 3 watched checks pass", { timeout: 30_000 });
  await expect(live(page).getByText("Checked when you verify", { exact: true })).toHaveCount(1);
  await expect(live(page).getByText("checked when you verify (reads pod logs)")).toBeVisible();
});
