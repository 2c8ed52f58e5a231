import { expect, test, type Page } from "@playwright/test";
import { overflowProblems } from "./overflow";
import { pageRoutes, sampleAddresses } from "./pages";
import { signIn } from "./support";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 800 };

async function cohortAndTeam(page: Page) {
  await signIn(page, "instructor@daybook.local");
  const manage = await page.getByRole("link", { name: /Teams & join codes/ }).getAttribute("href");
  const teamLink = await page.getByRole("link", { name: /Team Atlas · Step 1\.1 / }).getAttribute("href");
  await page.context().clearCookies();
  return { cohort: manage!.split("/")[3]!, team: new URL(teamLink!, "http://x").searchParams.get("team")! };
}

test("[LAYOUT] the overflow check knows every page route", async () => {
  const known = Object.keys(sampleAddresses({ cohort: "c", team: "t" })).sort();
  expect(known).toEqual(pageRoutes());
});

for (const viewport of [PHONE, LAPTOP]) {
  test(`[LAYOUT] no page is wider than a ${viewport.width}px viewport, and what scrolls sideways shows it`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(viewport);
    const samples = sampleAddresses(await cohortAndTeam(page));
    const byRole = { anonymous: "", student: "amir@daybook.local", instructor: "instructor@daybook.local", stakeholder: "stakeholder@daybook.local" } as const;
    const problems: string[] = [];
    for (const [role, email] of Object.entries(byRole)) {
      await page.context().clearCookies();
      if (email) await signIn(page, email);
      for (const addresses of Object.values(samples)) {
        for (const address of addresses[role as keyof typeof byRole] ?? []) {
          await page.goto(address);
          await expect(page.locator("h1").first()).toBeVisible();
          problems.push(...(await overflowProblems(page)).map((p) => `${role} ${address}: ${p}`));
        }
      }
    }
    expect(problems).toEqual([]);
  });
}
