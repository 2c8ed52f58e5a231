import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support";

test("[INSTRUCTOR] creates a team; a student joins with the link and lands on Day 1", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await page.goto("/login");
  await signIn(page, "instructor@daybook.local");
  await page.getByRole("link", { name: "Teams & join codes" }).click();
  await page.getByLabel("Team name").fill(`Team Vega ${stamp}`);
  await page.getByRole("button", { name: "Create team" }).click();
  const code = (await page.getByTestId("new-join-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await signOut(page);

  await page.goto(`/join/${code}`);
  await expect(page.getByRole("heading", { name: `Join Team Vega ${stamp}` })).toBeVisible();
  await page.getByLabel("Your name").fill("Vera Vega");
  await page.getByLabel("Email").fill(`vera-${stamp}@daybook.local`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(`vera-${stamp}@daybook.local`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account and join" }).click();
  // A join never says whether the email already had an account: everyone signs in next.
  await expect(page).toHaveURL(/\/login\?notice=joined$/);
  await page.getByLabel("Email").fill(`vera-${stamp}@daybook.local`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/plan$/);
  await expect(page.getByText(`Team Vega ${stamp}`).first()).toBeVisible();
  await expect(page.getByText("Next up · Day 1")).toBeVisible();
});

test("[PUBLIC] a mistyped join code explains itself", async ({ page }) => {
  await page.goto("/join/NOPE0000");
  await expect(page.getByRole("heading", { name: "This join link does not work" })).toBeVisible();
});
