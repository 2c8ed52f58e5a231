import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

async function expectNoSeriousViolations(page: Page) {
  // After a client-side navigation the URL changes before the new title and content are committed.
  await expect(page).toHaveTitle(/Daybook/);
  await expect(page.locator("main h1").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

test("[A11Y] sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expectNoSeriousViolations(page);
});

test("[A11Y] student pages", async ({ page }) => {
  await signIn(page, "amir@daybook.local");
  for (const path of ["/plan", "/plan/day/1", "/plan/step/d04-s2", "/plan/troubleshooting", "/plan/support", "/plan/files/k8s-manifests/01-namespace.yaml"]) {
    await page.goto(path);
    await expectNoSeriousViolations(page);
  }
});

test("[A11Y] instructor and stakeholder pages", async ({ page }) => {
  await signIn(page, "instructor@daybook.local");
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "stakeholder@daybook.local");
  await expectNoSeriousViolations(page);
});
