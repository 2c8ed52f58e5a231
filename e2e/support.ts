import { expect, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "daybook-demo";

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

export const JOINED_PASSWORD = "a long enough password";

/**
 * A new team of its own (the instructor creates it, each student joins with its code), for a spec
 * whose cluster work must not show up in the demo teams' progress that other specs count.
 */
export async function createTeam(browser: Browser, baseURL: string, name: string, people: string[]): Promise<string[]> {
  const stamp = Date.now().toString(36);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, "instructor@daybook.local");
  await page.goto("/instructor");
  await page.getByRole("link", { name: "Teams & join codes" }).click();
  await page.getByLabel("Team name").fill(`${name} ${stamp}`);
  await page.getByRole("button", { name: "Create team" }).click();
  const code = (await page.getByTestId("new-join-code").textContent())!.trim();
  await signOut(page);
  const emails: string[] = [];
  for (const person of people) {
    const email = `${person.toLowerCase()}-${stamp}@daybook.local`;
    await page.goto(`/join/${code}`);
    await page.getByLabel("Your name").fill(`${person} ${name}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(JOINED_PASSWORD);
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page).toHaveURL(/\/login\?notice=joined$/);
    emails.push(email);
  }
  await context.close();
  return emails;
}
