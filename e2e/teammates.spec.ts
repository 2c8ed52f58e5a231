import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./support";

// Two teammates on the same step at the same time, each in their own browser.
async function teammate(browser: Browser, baseURL: string | undefined, email: string, path: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto(path);
  return { page, close: () => context.close() };
}

test("[STUDENT] a teammate's newer note is shown next to my draft, and I choose which one is kept", async ({ browser, baseURL }) => {
  const alice = await teammate(browser, baseURL, "alice@daybook.local", "/plan/step/d09-s1");
  const amir = await teammate(browser, baseURL, "amir@daybook.local", "/plan/step/d09-s1");

  await alice.page.getByLabel("Team note (Markdown)").fill("Alice: HPA min 2, max 10");
  await amir.page.getByLabel("Team note (Markdown)").fill("Amir: CPU target 70%");
  await amir.page.getByRole("button", { name: "Save note" }).click();
  await expect(amir.page.getByText("Saved.")).toBeVisible();

  await alice.page.getByRole("button", { name: "Save note" }).click();
  await expect(alice.page.getByRole("alert").filter({ hasText: "Amir Atlas saved this note while you were editing" })).toBeVisible();
  const theirs = alice.page.getByRole("region", { name: "Newer version from a teammate" });
  await expect(theirs).toContainText("Amir: CPU target 70%");
  await expect(alice.page.getByLabel("Team note (Markdown)")).toHaveValue("Alice: HPA min 2, max 10");

  // A reload keeps both sides: the draft from this browser and the teammate's version from the server.
  await alice.page.reload();
  await expect(alice.page.getByLabel("Team note (Markdown)")).toHaveValue("Alice: HPA min 2, max 10");
  await expect(theirs).toContainText("Amir: CPU target 70%");

  await alice.page.getByLabel("Team note (Markdown)").fill("Amir: CPU target 70%\nAlice: HPA min 2, max 10");
  await theirs.getByRole("button", { name: "Save my version over theirs" }).click();
  await expect(alice.page.getByText("Saved.")).toBeVisible();
  await expect(theirs).toHaveCount(0);

  await amir.page.reload();
  await expect(amir.page.getByLabel("Team note (Markdown)")).toHaveValue("Amir: CPU target 70%\nAlice: HPA min 2, max 10");
  await alice.close();
  await amir.close();
});

test("[STUDENT] changing only the blocked reason can be saved", async ({ page }) => {
  await signIn(page, "bea@daybook.local");
  await page.goto("/plan/step/d09-s2");
  await page.getByRole("button", { name: "We are blocked on this step" }).click();
  await page.getByLabel("Why are you blocked?").fill("metrics-server missing");
  await page.getByRole("button", { name: "Flag as blocked" }).click();
  await expect(page.getByText("Blocked: metrics-server missing")).toBeVisible();

  await page.getByRole("button", { name: "Edit reason" }).click();
  await page.getByLabel("Why are you blocked?").fill("metrics-server missing; asked the instructor");
  await page.getByRole("button", { name: "Save reason" }).click();
  await expect(page.getByText("Blocked: metrics-server missing; asked the instructor")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Blocked: metrics-server missing; asked the instructor")).toBeVisible();
});

test("[STUDENT] a status a teammate already changed is not overwritten from a stale page", async ({ browser, baseURL }) => {
  const bea = await teammate(browser, baseURL, "bea@daybook.local", "/plan/step/d10-s1");
  // A page that has not caught up yet: Bea's background refresh (every 5 s) never answers, so however long Bo's
  // sign-in takes, her page still shows the old status when she clicks.
  await bea.page.route("**/api/teams/*/steps/*/state", () => undefined);
  const bo = await teammate(browser, baseURL, "bo@daybook.local", "/plan/step/d10-s1");

  await bo.page.getByRole("radio", { name: "Done" }).click();
  await expect(bo.page.getByRole("radio", { name: "Done" })).toBeChecked();

  // Bea's page still shows "Not started".
  await bea.page.getByRole("radio", { name: "In progress" }).click();
  await expect(bea.page.getByRole("alert").filter({ hasText: "Bo Borealis changed this step to Done (by hand) a moment ago" })).toBeVisible();
  await expect(bea.page.getByRole("radio", { name: "Done" })).toBeChecked();
  await bea.page.reload();
  await expect(bea.page.getByRole("radio", { name: "Done" })).toBeChecked();
  await bea.close();
  await bo.close();
});
