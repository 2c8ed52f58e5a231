import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support";

// One story across roles, in order: what a student does must show up for the instructor and stay hidden from others.
test.describe.serial("a team's day 1", () => {
  test("[STUDENT] opens Day 1, marks Step 1.1 done, writes a note and sees progress move", async ({ page }) => {
    await signIn(page, "alice@daybook.local");
    await expect(page).toHaveURL(/\/plan$/);
    await expect(page.getByText("0 of 40 steps done")).toBeVisible();

    await page.getByRole("link", { name: /Day 1 .*Project Foundation Setup/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Project Foundation Setup" })).toBeVisible();
    await page.getByRole("link", { name: /Step 1\.1.*Cluster Verification/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Cluster Verification" })).toBeVisible();
    await expect(page.getByText("kubectl get nodes -o wide")).toBeVisible();

    const done = page.getByRole("radio", { name: "Done" });
    await done.dblclick();
    await expect(done).toBeChecked();
    await expect(page.getByText(/Last changed by Alice Atlas/)).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Alice Atlas set it to Done (by hand)" })).toHaveCount(1);

    await page.getByLabel("Team note (Markdown)").fill("Ran **cluster-info**: 3 nodes Ready.\n\n<script>window.pwned=1</script>");
    await page.getByRole("button", { name: "Save note" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Team note (Markdown)")).toHaveValue(/3 nodes Ready/);
    await page.getByRole("tab", { name: "preview" }).click();
    await expect(page.locator(".prose-note strong")).toHaveText("cluster-info");
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    await page.getByRole("link", { name: "Plan", exact: true }).first().click();
    await expect(page.getByText("1 of 40 steps done")).toBeVisible();
    await expect(page.getByText(/Next up · Day 1/)).toBeVisible();
    await signOut(page);
  });

  test("[STUDENT] of another team cannot see it, even by naming the team in the link", async ({ page }) => {
    // The instructor's board links to Team Atlas's plan with ?team=<id>; a Borealis student tries that link.
    await signIn(page, "instructor@daybook.local");
    const atlasLink = await page.getByRole("link", { name: /Team Atlas · Step 1\.1 / }).getAttribute("href");
    const atlasId = new URL(atlasLink!, "http://x").searchParams.get("team");
    expect(atlasId).toBeTruthy();
    await signOut(page);

    await signIn(page, "bea@daybook.local");
    await expect(page.getByText("0 of 40 steps done")).toBeVisible();
    for (const path of [`/plan/step/d01-s1?team=${atlasId}`, "/plan/step/d01-s1"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: "Cluster Verification" })).toBeVisible();
      await expect(page.getByRole("radio", { name: "Not started" })).toBeChecked();
      await expect(page.getByLabel("Team note (Markdown)")).toHaveValue("");
      await expect(page.getByText(/3 nodes Ready/)).toHaveCount(0);
      await expect(page.getByText(/Alice Atlas/)).toHaveCount(0);
    }
    await page.goto(`/plan?team=${atlasId}`);
    await expect(page.getByText("0 of 40 steps done")).toBeVisible();
    await page.goto(`/plan?team=${atlasId}&team=${atlasId}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.goto("/instructor");
    await expect(page.getByText(/Team Atlas/)).toHaveCount(0);
  });

  test("[INSTRUCTOR] sees the team's progress and note on the board", async ({ page }) => {
    await signIn(page, "instructor@daybook.local");
    await expect(page).toHaveURL(/\/instructor/);
    const cell = page.getByRole("link", { name: /Team Atlas · Step 1\.1 .*Done/ });
    await expect(cell).toBeVisible();
    await cell.click();
    await expect(page.getByText(/Viewing Team Atlas/)).toBeVisible();
    await expect(page.getByText("3 nodes Ready", { exact: false })).toBeVisible();
    await expect(page.getByRole("radio")).toHaveCount(0);
  });

  test("[STAKEHOLDER] sees cohort progress and cannot change anything", async ({ page }) => {
    await signIn(page, "stakeholder@daybook.local");
    await expect(page).toHaveURL(/\/stakeholder/);
    await expect(page.getByText("Team Atlas").first()).toBeVisible();
    await expect(page.getByRole("button").filter({ hasNotText: "Sign out" })).toHaveCount(0);
    const cell = page.getByRole("link", { name: /Team Atlas · Step 1\.1 .*Done/ });
    await cell.click();
    await expect(page.getByRole("heading", { level: 1, name: "Cluster Verification" })).toBeVisible();
    await expect(page.getByRole("radio")).toHaveCount(0);
    await expect(page.getByLabel("Team note (Markdown)")).toHaveCount(0);
    await expect(page.getByText("3 nodes Ready")).toHaveCount(0);
  });
});
