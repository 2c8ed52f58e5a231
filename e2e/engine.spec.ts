import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { deleteNamespace, localKubeconfig, removeConfigMapKey, scaleDeployment } from "./cluster";
import { overflowProblems } from "./overflow";
import { createTeam, JOINED_PASSWORD, signIn } from "./support";
import { connectLocalCluster } from "./connect-cluster";

// Each database's server drives its own namespace on the one local control plane.
const namespace = `e2e-${process.env.DAYBOOK_E2E_PORT ?? "x"}-${Date.now().toString(36)}`.slice(0, 40);

test.skip(() => localKubeconfig() === null, "needs the local control plane (npm run cluster:up)");
test.describe.configure({ mode: "serial" });
test.afterAll(() => deleteNamespace(namespace));

// A team of its own: its verified steps must not change the demo teams' progress other specs count.
let lead = "";
let teammate = "";
test.beforeAll(async ({ browser }, info) => {
  const emails = await createTeam(browser, info.project.use.baseURL!, "Team Kepler", ["Kai", "Kim"]);
  [lead, teammate] = [emails[0]!, emails[1]!];
});

/** Kept with the test's output; with DAYBOOK_DOC_SHOTS=<dir> (one project) also written there for the README. */
async function shoot(page: Page, info: TestInfo, name: string, target: "page" | "panel" = "page") {
  const paths = [info.outputPath(`${name}.png`), ...(process.env.DAYBOOK_DOC_SHOTS ? [path.join(process.env.DAYBOOK_DOC_SHOTS, `${name}.png`)] : [])];
  // The sticky header would cover the top of the panel in an element screenshot.
  const style = "header { position: static !important; }";
  for (const file of paths) await (target === "panel" ? panel(page).screenshot({ path: file, style }) : page.screenshot({ path: file }));
}

async function openStep(page: Page, id: string) {
  await page.goto(`/plan/step/${id}`);
  await expect(page.getByRole("heading", { level: 2, name: "On your cluster" })).toBeVisible();
}

/** The step's engine panel; the run history beside it repeats each run's summary. */
const panel = (page: Page) => page.getByRole("region", { name: "On your cluster" });

async function verifyAndSee(page: Page, summary: RegExp) {
  await panel(page).getByRole("button", { name: "Verify", exact: true }).click();
  await expect(panel(page).getByText(summary).first()).toBeVisible({ timeout: 120_000 });
}

async function applyAndSee(page: Page, summary: RegExp) {
  await panel(page).getByRole("button", { name: "Apply", exact: true }).click();
  await expect(panel(page).getByText(summary).first()).toBeVisible({ timeout: 60_000 });
}

test("[STUDENT] connects the local cluster, previews and applies Days 1–3, sees a failure explained, then verified", async ({ page }, info) => {
  test.setTimeout(600_000);
  await signIn(page, lead, JOINED_PASSWORD);
  await connectLocalCluster(page, namespace);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/nodes Ready/).last()).toBeVisible({ timeout: 60_000 });

  await openStep(page, "d01-s1");
  await verifyAndSee(page, /4 of 4 checks met/);
  await expect(page.getByText("Cluster says")).toBeVisible();

  await openStep(page, "d01-s2");
  // Verify first: nothing is applied yet, and the failure says what was expected and what was found.
  await verifyAndSee(page, /1 failed|2 failed|3 failed/);
  await expect(panel(page).getByText(`namespace ${namespace} not found`)).toBeVisible();
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(panel(page).getByText("3 would be created, 0 would be changed, 0 unchanged")).toBeVisible({ timeout: 60_000 });
  await expect(panel(page).getByText(`Namespace/${namespace}`)).toBeVisible();
  await applyAndSee(page, /3 created, 0 changed, 0 unchanged/);
  await verifyAndSee(page, /3 of 3 checks met/);
  await shoot(page, info, "engine_verified");

  for (const step of ["d02-s1", "d02-s2", "d03-s1"]) {
    await openStep(page, step);
    await applyAndSee(page, /created/);
    await verifyAndSee(page, /of \d+ checks met$/);
    await expect(panel(page).getByText(/(\d+) of \1 checks met/).first()).toBeVisible({ timeout: 180_000 });
  }
  await openStep(page, "d03-s2");
  await verifyAndSee(page, /3 of 3 checks met/);
  await page.goto("/plan/day/3");
  await shoot(page, info, "engine_day");

  // Evidence is wide kubectl output: on a phone it scrolls inside its block, with a scrollbar.
  await page.setViewportSize({ width: 390, height: 844 });
  await openStep(page, "d03-s1");
  await expect(panel(page).getByText(/checks met/).first()).toBeVisible();
  expect(await overflowProblems(page)).toEqual([]);
});

test("[STUDENT] a double click on Apply applies once, and teammates verifying at once share one run", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const open = async (email: string) => {
    const context = await browser.newContext({ baseURL });
    const p = await context.newPage();
    await signIn(p, email, JOINED_PASSWORD);
    await openStep(p, "d03-s1");
    return { p, close: () => context.close() };
  };
  const [first, second] = await Promise.all([open(lead), open(teammate)]);
  const applies = await first.p.getByRole("link", { name: "Apply" }).count();
  await panel(first.p).getByRole("button", { name: "Apply", exact: true }).dblclick();
  await expect(panel(first.p).getByText(/0 created, 0 changed, \d+ unchanged/).first()).toBeVisible({ timeout: 60_000 });
  await first.p.reload();
  await expect(first.p.getByRole("link", { name: "Apply" })).toHaveCount(applies + 1);

  // Scaled to zero, the checks wait (settle) for the backend: long enough for both clicks to meet one run.
  await scaleDeployment(namespace, "ecommerce-backend-deployment", 0);
  const verifies = await first.p.getByRole("link", { name: "Verify" }).count();
  await Promise.all([first, second].map(({ p }) => panel(p).getByRole("button", { name: "Verify", exact: true }).click()));
  for (const { p } of [first, second]) await expect(panel(p).getByRole("button", { name: "Verifying…" })).toBeVisible({ timeout: 30_000 });
  await scaleDeployment(namespace, "ecommerce-backend-deployment", 3);
  for (const { p } of [first, second]) await expect(panel(p).getByText(/(\d+) of \1 checks met/).first()).toBeVisible({ timeout: 180_000 });
  await expect(panel(first.p).getByText(/Waited [\d.]+ m?s for the cluster to settle/).first()).toBeVisible();
  await first.p.reload();
  await expect(first.p.getByRole("link", { name: "Verify" })).toHaveCount(verifies + 1);
  await Promise.all([first.close(), second.close()]);
});

test("[STUDENT] re-verify all marks a step broken behind Daybook's back as regressed; the preview shows the field that repairs it", async ({ page }, info) => {
  test.setTimeout(300_000);
  await signIn(page, lead, JOINED_PASSWORD);
  await removeConfigMapKey(namespace, "ecommerce-backend-config", "DATABASE_HOST");
  await page.goto("/plan/cluster");
  await page.getByRole("button", { name: "Re-verify all verified steps" }).click();
  // The first answer of the progress route replaces "Re-checking N steps" with "Starting…" or "3 of 9 steps".
  await expect(page.getByRole("status").filter({ hasText: /Re-checking \d+ steps|Starting: \d+ steps|\d+ of \d+ steps/ })).toBeVisible();
  await openStep(page, "d02-s1");
  await expect(page.getByText("Regressed").first()).toBeVisible({ timeout: 120_000 });
  await expect(panel(page).getByText("missing DATABASE_HOST").first()).toBeVisible();
  const failed = panel(page).getByRole("listitem").filter({ hasText: "missing DATABASE_HOST" }).first();
  await failed.getByText(/^Evidence/).first().click();
  await expect(failed.getByText("DATABASE_HOST").first()).toBeVisible();
  await shoot(page, info, "engine_failed", "panel");

  await panel(page).getByRole("button", { name: "Preview changes" }).click();
  await expect(panel(page).getByText(/0 would be created, 1 would be changed, \d+ unchanged/)).toBeVisible({ timeout: 60_000 });
  const diff = panel(page).getByRole("table", { name: "Field changes of ConfigMap/ecommerce-backend-config" });
  await expect(diff.getByRole("cell", { name: "data.DATABASE_HOST" })).toBeVisible();
  await shoot(page, info, "engine_preview", "panel");
});
