import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pageRoutes, sampleAddresses } from "./pages";
import { signIn } from "./support";

// Fails on any serious or critical violation; minor and moderate ones are left to review.
async function seriousViolations(page: Page): Promise<string[]> {
  // After a client-side navigation the URL changes before the new title and content are committed.
  await expect(page).toHaveTitle(/Daybook/);
  await expect(page.locator("h1").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

async function ids(page: Page) {
  await signIn(page, "instructor@daybook.local");
  const manage = await page.getByRole("link", { name: /Teams & join codes/ }).getAttribute("href");
  const teamLink = await page.getByRole("link", { name: /Team Atlas · Step 1\.1 / }).getAttribute("href");
  await page.context().clearCookies();
  return { cohort: manage!.split("/")[3]!, team: new URL(teamLink!, "http://x").searchParams.get("team")! };
}

test("[A11Y] every page route is scanned", () => {
  expect(Object.keys(sampleAddresses({ cohort: "c", team: "t" })).sort()).toEqual(pageRoutes());
});

test("[A11Y] every page, each role that can open it, with the status choices selected and a rendered note", async ({ page }) => {
  test.setTimeout(180_000);
  const found = await ids(page);
  // A note with the Markdown a team writes: a task list, a table, code and links, shown rendered to the instructor.
  await signIn(page, "alice@daybook.local");
  await page.goto("/plan/step/d14-s1");
  await page.getByLabel("Team note (Markdown)").fill("## Checks\n\n- [x] pods ready\n- [ ] alerts firing\n\n| pod | ready |\n|---|---|\n| api | yes |\n\n`kubectl get pods` and [docs](https://kubernetes.io) and [bad](javascript:alert(1))");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const problems: string[] = [];
  for (const status of ["In progress", "Done"]) {
    await page.getByRole("radio", { name: status }).check();
    await expect(page.getByText("Saving…")).toHaveCount(0);
    problems.push(...(await seriousViolations(page)));
  }
  await page.getByRole("tab", { name: "preview" }).click();
  problems.push(...(await seriousViolations(page)));
  // Leave the team's progress as it was for the specs that count done steps.
  await page.getByRole("radio", { name: "Not started" }).check();
  await expect(page.getByText("Saving…")).toHaveCount(0);

  const samples = Object.values(sampleAddresses(found));
  const roles = { anonymous: "", student: "amir@daybook.local", instructor: "instructor@daybook.local", stakeholder: "stakeholder@daybook.local" } as const;
  for (const [role, email] of Object.entries(roles)) {
    await page.context().clearCookies();
    if (email) await signIn(page, email);
    for (const sample of samples) {
      const address = sample[role as keyof typeof roles]?.[0];
      if (!address) continue;
      await page.goto(address);
      problems.push(...(await seriousViolations(page)));
    }
  }
  await page.context().clearCookies();
  await signIn(page, "instructor@daybook.local");
  await page.goto(`/plan/step/d14-s1?team=${found.team}`);
  await expect(page.locator(".prose-note li").first()).toBeVisible();
  problems.push(...(await seriousViolations(page)));
  expect(problems).toEqual([]);
});
