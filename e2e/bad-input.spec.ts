import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("[AUTH] a wrong password gets a clear error and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("alice@daybook.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "email and password do not match" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("alice@daybook.local");
  await expect(page).toHaveURL(/\/login/);
});

test("[AUTH] pages need a session", async ({ page }) => {
  await page.goto("/plan/day/3");
  await expect(page).toHaveURL(/\/login/);
});

test("[STUDENT] an oversized note is refused with a clear error and the text is kept", async ({ page }) => {
  await signIn(page, "bo@daybook.local");
  await page.goto("/plan/step/d02-s2");
  const editor = page.getByLabel("Team note (Markdown)");
  const text = "kubectl describe secret\n" + "x".repeat(20_001);
  await editor.fill(text);
  await expect(page.getByRole("alert").filter({ hasText: "over the 20,000-character limit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save note" })).toBeDisabled();
  await page.reload();
  await expect(page.getByText("Restored your unsaved draft from this browser.")).toBeVisible();
  await expect(page.getByLabel("Team note (Markdown)")).toHaveValue(text);
});

test("[STUDENT] an unknown day or step is a clear not-found page", async ({ page }) => {
  await signIn(page, "bo@daybook.local");
  await page.goto("/plan/day/21");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto("/plan/step/d99-s9");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
