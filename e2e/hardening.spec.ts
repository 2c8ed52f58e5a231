import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signIn, signOut } from "./support";

// Throttling counts per client address; these tests speak from addresses of their own so the rest of the suite is not slowed.
const fromAddress = (page: Page, address: string) => page.context().setExtraHTTPHeaders({ "x-forwarded-for": address });

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("[AUTH] a callbackUrl that leads to another site is replaced by Daybook's own home", async ({ page, baseURL }) => {
  for (const evil of ["%2F%5Cevil.example%2Fx", "%2F%09%2Fevil.example", "http%3A%2F%2Fevil.example%2F"]) {
    await page.goto(`/login?callbackUrl=${evil}`);
    await fillSignIn(page, "alice@daybook.local", PASSWORD);
    await expect(page).toHaveURL(`${baseURL}/plan`);
    await signOut(page);
  }
  // This one normalizes to a path of Daybook's own (a missing page), never to the other host.
  await page.goto("/login?callbackUrl=%2F.%2F%2Fevil.example");
  await fillSignIn(page, "alice@daybook.local", PASSWORD);
  await expect(page).toHaveURL(`${baseURL}/evil.example`);
});

test("[AUTH] sign-in goes straight to the role's home, never through an empty page at /", async ({ page, baseURL }) => {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname); });
  await page.goto("/login");
  await fillSignIn(page, "instructor@daybook.local", PASSWORD);
  await expect(page).toHaveURL(`${baseURL}/instructor`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(visited).not.toContain("/");
});

test("[AUTH] sign-in returns to the page that asked for it, on the same host", async ({ page, baseURL }) => {
  await page.goto("/plan/day/3");
  await expect(page).toHaveURL(`${baseURL}/login?callbackUrl=%2Fplan%2Fday%2F3`);
  await fillSignIn(page, "alice@daybook.local", PASSWORD);
  await expect(page).toHaveURL(`${baseURL}/plan/day/3`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("[AUTH] signing in on localhost stays on localhost, where the cookie was set", async ({ page, baseURL }) => {
  const local = baseURL!.replace("127.0.0.1", "localhost");
  await page.goto(`${local}/plan/support`);
  await expect(page).toHaveURL(`${local}/login?callbackUrl=%2Fplan%2Fsupport`);
  await fillSignIn(page, "alice@daybook.local", PASSWORD);
  await expect(page).toHaveURL(`${local}/plan/support`);
  await expect(page.getByRole("heading", { name: "Support and escalation" })).toBeVisible();
});

test("[AUTH] a session cookie copied before sign-out no longer works afterwards", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, "amir@daybook.local");
  const copied = await context.cookies();
  await signOut(page);

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/plan");
  await expect(stolen).toHaveURL(/\/login/);
  await thief.close();
  await context.close();
});

test("[AUTH] the form and /api/auth share one count of wrong passwords", async ({ page }) => {
  await fromAddress(page, "203.0.113.21");
  const email = `ghost-${Date.now().toString(36)}@daybook.local`;
  for (let i = 0; i < 3; i++) {
    await page.goto("/login");
    await fillSignIn(page, email, `wrong ${i}`);
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  }
  for (let i = 0; i < 2; i++) {
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    await page.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: `api ${i}` }, maxRedirects: 0 });
  }
  await page.goto("/login");
  await fillSignIn(page, email, "wrong again");
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts for this account. Try again in 1 minute." })).toBeVisible();
});

test("[PUBLIC] a link with broken percent-encoding is a missing page, not a server error", async ({ page }) => {
  for (const path of ["/join/%E0%A4%A", "/join/ab%00cd"]) expect((await page.goto(path))!.status(), path).toBe(404);
  await signIn(page, "bo@daybook.local");
  for (const path of ["/plan/files/%E0%A4%A", "/plan/files/docs/%E0%A4%A", "/plan/day/%E0%A4%A", "/instructor/cohorts/%00/teams"]) {
    expect((await page.goto(path))!.status(), path).toBe(404);
  }
});

test("[SECURITY] pages carry a nonce-based CSP and the security headers, and still work under them", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const response = (await page.goto("/login"))!;
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["content-security-policy"]).toContain("base-uri 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain HTTP on loopback
  await signIn(page, "bo@daybook.local");
  await page.goto("/plan/step/d11-s1");
  // The editor's tabs are client-side React: they work only if the page's scripts ran under the policy.
  await page.getByLabel("Team note (Markdown)").fill("**bold** ![x](https://evil.example/x.png)");
  await page.getByRole("tab", { name: "preview" }).click();
  await expect(page.locator("strong", { hasText: "bold" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Image: x" })).toHaveAttribute("href", "https://evil.example/x.png");
  expect(await page.locator("img[src*='evil.example']").count()).toBe(0);
  expect(violations).toEqual([]);
});

test("[STUDENT] a note of 19,990 '>' shows as plain text for the team and the instructor instead of crashing", async ({ browser, baseURL }) => {
  const student = await browser.newContext({ baseURL });
  const bea = await student.newPage();
  await signIn(bea, "bea@daybook.local");
  await bea.goto("/plan/step/d12-s1");
  await bea.getByLabel("Team note (Markdown)").fill(">".repeat(19_990));
  await bea.getByRole("button", { name: "Save note" }).click();
  await expect(bea.getByText("Saved.")).toBeVisible();
  await bea.getByRole("tab", { name: "preview" }).click();
  await expect(bea.getByTestId("markdown-plain")).toBeVisible();
  await bea.reload();
  await expect(bea.getByLabel("Team note (Markdown)")).toBeVisible();

  const teacher = await browser.newContext({ baseURL });
  const ines = await teacher.newPage();
  await signIn(ines, "instructor@daybook.local");
  const planLink = await ines.getByRole("link", { name: "Open Team Borealis's plan" }).getAttribute("href");
  const teamId = new URL(planLink!, baseURL).searchParams.get("team");
  const response = await ines.goto(`/plan/step/d12-s1?team=${teamId}`);
  expect(response!.status()).toBe(200);
  await expect(ines.getByTestId("markdown-plain")).toContainText("nested more than 16 levels");
  await student.close();
  await teacher.close();
});

test("[INSTRUCTOR] rotates a join code: the old link stops working; a join answers alike for new and existing emails", async ({ page }) => {
  await fromAddress(page, "203.0.113.22");
  await signIn(page, "instructor@daybook.local");
  await page.getByRole("link", { name: "Teams & join codes" }).click();
  const roster = page.locator("[data-testid^=team-roster-]").filter({ hasText: "Team Atlas" });
  const old = (await roster.getByTestId("join-code").textContent())!.trim();
  await expect(roster.getByTestId("join-code-expiry")).toContainText("Expires");
  page.once("dialog", (dialog) => dialog.accept());
  await roster.getByRole("button", { name: "New join code for Team Atlas" }).click();
  await expect(roster.getByTestId("join-code")).not.toHaveText(old);
  const fresh = (await roster.getByTestId("join-code").textContent())!.trim();
  await signOut(page);

  await page.goto(`/join/${old}`);
  await expect(page.getByRole("heading", { name: "This join link does not work" })).toBeVisible();

  for (const email of ["alice@daybook.local", `nova-${Date.now().toString(36)}@daybook.local`]) {
    await page.goto(`/join/${fresh}`);
    await page.getByLabel("Your name").fill("Nova Atlas");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account and join" }).click();
    await expect(page, email).toHaveURL(/\/login\?notice=joined$/);
    await expect(page.getByRole("status")).toContainText("If this email was new");
  }
});
