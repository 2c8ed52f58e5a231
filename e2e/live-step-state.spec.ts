import { expect, test, type Browser, type Page } from "@playwright/test";
import { createTeam, JOINED_PASSWORD, signIn } from "./support";

// A teammate's change reaches an open step page through the background refresh (item 10), with no reload.
const STEP = "/plan/step/d15-s1";

async function open(browser: Browser, baseURL: string | undefined, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email, JOINED_PASSWORD);
  await page.goto(STEP);
  // Survives only as long as this document does: a reload or a navigation would drop it.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  return { page, close: () => context.close() };
}
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

test("[STUDENT] a teammate's status and blocked flag appear on my open step page, and my unsaved note stays", async ({ browser, baseURL }) => {
  const [anaEmail, benEmail] = await createTeam(browser, baseURL!, "Live", ["Ana", "Ben"]);
  const ana = await open(browser, baseURL, anaEmail!);
  const ben = await open(browser, baseURL, benEmail!);
  await expect(ben.page.getByRole("radio", { name: "Not started" })).toBeChecked();
  await ben.page.getByLabel("Team note (Markdown)").fill("Ben's draft, not saved yet");

  await ana.page.getByRole("radio", { name: "In progress" }).check();
  await expect(ana.page.getByText(/Last changed by Ana Live/)).toBeVisible();

  await expect(ben.page.getByRole("radio", { name: "In progress" })).toBeChecked();
  await expect(ben.page.getByText(/Last changed by Ana Live/)).toBeVisible();
  await expect(ben.page.getByLabel("Team note (Markdown)")).toHaveValue("Ben's draft, not saved yet");

  await ana.page.getByRole("button", { name: "We are blocked on this step" }).click();
  await ana.page.getByLabel("Why are you blocked?").fill("registry credentials missing");
  await ana.page.getByRole("button", { name: "Flag as blocked" }).click();
  await expect(ana.page.getByText("Blocked: registry credentials missing")).toBeVisible();

  await expect(ben.page.getByText("Blocked: registry credentials missing")).toBeVisible();
  // Only the flag changed: Ben's text carries over onto the new version, with no conflict to resolve.
  await expect(ben.page.getByLabel("Team note (Markdown)")).toHaveValue("Ben's draft, not saved yet");
  await expect(ben.page.getByRole("region", { name: "Newer version from a teammate" })).toHaveCount(0);
  await ben.page.getByRole("button", { name: "Save note" }).click();
  await expect(ben.page.getByText("Saved.")).toBeVisible();
  await expect(ben.page.getByText("Blocked: registry credentials missing")).toBeVisible();

  // Ben's own change goes the other way too.
  await ben.page.getByRole("radio", { name: "Done" }).check();
  await expect(ana.page.getByRole("radio", { name: "Done" })).toBeChecked();
  await expect(ana.page.getByText(/Last changed by Ben Live/)).toBeVisible();
  expect(await sameDocument(ana.page)).toBe(true);
  expect(await sameDocument(ben.page)).toBe(true);
  await ana.close();
  await ben.close();
});

test("[STUDENT] the step state route answers only for the student's own team", async ({ browser, baseURL }) => {
  const [oneEmail] = await createTeam(browser, baseURL!, "Route A", ["Cy"]);
  const [otherEmail] = await createTeam(browser, baseURL!, "Route B", ["Di"]);
  const cy = await open(browser, baseURL, oneEmail!);
  const polled = await cy.page.waitForRequest((r) => /\/api\/teams\/[^/]+\/steps\/d15-s1\/state$/.test(r.url()), { timeout: 15_000 });
  const route = new URL(polled.url()).pathname;
  const own = await cy.page.request.get(route);
  expect(own.status()).toBe(200);
  expect(await own.json()).toEqual({ status: "NOT_STARTED", changed: null, note: { version: 0, blocked: false, blockedReason: null } });
  expect((await cy.page.request.get(route.replace("d15-s1", "d99-s9"))).status()).toBe(404);

  const di = await open(browser, baseURL, otherEmail!);
  const foreign = await di.page.request.get(route);
  expect(foreign.status()).toBe(403);
  expect(JSON.stringify(await foreign.json())).not.toContain("NOT_STARTED");

  const anonymous = await browser.newContext({ baseURL });
  const signedOut = await anonymous.request.get(route, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toEqual({ error: "Sign in first." });
  await anonymous.close();
  await cy.close();
  await di.close();
});
