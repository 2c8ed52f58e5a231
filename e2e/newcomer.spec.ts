import fs from "node:fs";
import { expect, request, test } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import { signIn } from "./support";

test("[STUDENT] a double click on Save note saves once and makes no conflict with myself", async ({ page }) => {
  await signIn(page, "alice@daybook.local");
  await page.goto("/plan/step/d11-s1");
  const saves: string[] = [];
  page.on("request", (r) => r.method() === "POST" && r.url().includes("/plan/step/") && saves.push(r.url()));
  await page.getByLabel("Team note (Markdown)").fill("First draft of the ingress notes");
  await page.getByRole("button", { name: "Save note" }).dblclick();
  await expect(page.getByText("Saved.")).toBeVisible();
  expect(saves).toHaveLength(1);
  await page.getByLabel("Team note (Markdown)").fill("Second draft of the ingress notes");
  await page.getByRole("button", { name: "Save note" }).dblclick();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Newer version from a teammate" })).toHaveCount(0);
  await expect(page.getByText(/saved this note while you were editing/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Team note (Markdown)")).toHaveValue("Second draft of the ingress notes");
});

test("[STUDENT] the status choices are a radio group: arrow keys choose, focus stays, one working-ahead warning", async ({ page }) => {
  await signIn(page, "amir@daybook.local");
  await page.goto("/plan/step/d11-s2");
  await expect(page.getByRole("group", { name: "Step status" })).toBeVisible();
  const notStarted = page.getByRole("radio", { name: "Not started" });
  await expect(notStarted).toBeChecked();
  await notStarted.focus();
  await page.keyboard.press("ArrowRight");
  const inProgress = page.getByRole("radio", { name: "In progress" });
  await expect(inProgress).toBeChecked();
  await expect(page.getByText("Saving…")).toHaveCount(0);
  await expect(inProgress).toBeFocused();
  await page.keyboard.press("ArrowRight");
  const done = page.getByRole("radio", { name: "Done" });
  await expect(done).toBeChecked();
  await expect(page.getByText("Saving…")).toHaveCount(0);
  await expect(done).toBeFocused();
  await expect(page.getByText(/not done yet/)).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole("radio", { name: "Done" })).toBeChecked();
  await expect(page.getByRole("listitem").filter({ hasText: "Amir Atlas set it to Done (by hand) (ahead of earlier steps)" })).toHaveCount(1);
  // Back to where it was, choosing twice in a row: the second choice waits for the first and wins.
  await page.getByRole("radio", { name: "Done" }).focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("radio", { name: "Not started" })).toBeChecked();
  await expect(page.getByText("Saving…")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("radio", { name: "Not started" })).toBeChecked();
});

test("[STUDENT] blocked is its own control that saves at once, keeps my draft, and shows on the plan and day cards", async ({ page }) => {
  await signIn(page, "bea@daybook.local");
  await page.goto("/plan/step/d12-s1");
  await page.getByLabel("Team note (Markdown)").fill("half-written note");
  await page.getByRole("button", { name: "We are blocked on this step" }).click();
  await page.getByLabel("Why are you blocked?").fill("no ingress controller");
  await page.getByRole("button", { name: "Flag as blocked" }).click();
  const blocked = page.getByRole("region", { name: "Blocked" });
  await expect(blocked).toContainText("Blocked: no ingress controller");
  await expect(page.getByLabel("Team note (Markdown)")).toHaveValue("half-written note");
  await expect(page.getByRole("button", { name: "Save note" })).toBeEnabled();

  await page.goto("/plan/day/12");
  await expect(page.getByRole("listitem").filter({ hasText: "Step 12.1" }).getByText("Blocked", { exact: true })).toBeVisible();
  await page.goto("/plan");
  await expect(page.getByRole("link", { name: /Day 12/ }).getByText("1 blocked")).toBeVisible();

  // The draft survived the blocked save and still saves on the new version, without a conflict.
  await page.goto("/plan/step/d12-s1");
  await expect(page.getByLabel("Team note (Markdown)")).toHaveValue("half-written note");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.getByRole("button", { name: "Unblock" }).click();
  await expect(page.getByRole("button", { name: "We are blocked on this step" })).toBeVisible();
  await page.goto("/plan/day/12");
  await expect(page.getByRole("listitem").filter({ hasText: "Step 12.1" }).getByText("Blocked", { exact: true })).toHaveCount(0);
});

test("[ERRORS] unknown addresses are branded 404s with navigation; not-allowed pages answer 403", async ({ page }) => {
  await signIn(page, "bo@daybook.local");
  const cases = [
    ["/nonsense", 404, /no page at this address/],
    ["/plan/files/../nowhere/deep/nonsense", 404, /no page at this address|not in the course pack/],
    ["/plan/step/d01-s1/extra", 404, /no page at this address/],
    ["/plan/files/k8s-manifests/missing.yaml", 404, /not in the course pack/],
    ["/plan/day/21", 404, /days run from 1 to 20/],
    ["/stakeholder", 403, /This page is for stakeholders and instructors/],
    ["/instructor", 403, /This page is for instructors/],
  ] as const;
  for (const [path, status, text] of cases) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    await expect(page.getByText(text)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
});

test("[AUTH] a demo account fills the sign-in form with one click", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: /instructor@daybook\.local/ }).click();
  await expect(page.getByLabel("Email")).toHaveValue("instructor@daybook.local");
  await expect(page.getByLabel("Password")).toHaveValue("daybook-demo");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/instructor$/);
});

test("[PACK] the course files: index in the navigation, whole-pack zip, per-file download and a curl command with a short-lived token", async ({ page, baseURL }) => {
  await signIn(page, "alice@daybook.local");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Course files" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Course files" })).toBeVisible();
  await expect(page.getByRole("link", { name: "alertmanager-deployment.yaml" })).toBeVisible();

  const [zip] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the whole pack (.zip)" }).click()]);
  expect(zip.suggestedFilename()).toBe("daybook-course-pack.zip");
  const files = unzipSync(fs.readFileSync(await zip.path()));
  expect(strFromU8(files["course-pack/monitoring/alertmanager-deployment.yaml"]!)).toBe(fs.readFileSync("course/monitoring/alertmanager-deployment.yaml", "utf8"));
  expect(Object.keys(files).some((f) => f.startsWith("course-pack/plan/"))).toBe(false);

  await page.getByRole("link", { name: "01-namespace.yaml" }).click();
  const [one] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download", exact: true }).click()]);
  expect(fs.readFileSync(await one.path(), "utf8")).toBe(fs.readFileSync("course/k8s-manifests/01-namespace.yaml", "utf8"));

  await page.goto("/plan/files");
  await page.getByRole("button", { name: "Download with curl instead" }).click();
  const command = (await page.locator("pre").filter({ hasText: "curl" }).innerText()).replace(/^\$\s*/, "");
  expect(command).toContain(`${baseURL}/api/pack/daybook-course-pack.zip`);
  const token = command.match(/Bearer ([\w.-]+)/)![1]!;
  await expect(page.getByText(/works until .* UTC \(10 minutes\)/)).toBeVisible();

  // The token alone, with no session cookie, fetches the pack; a forged or missing one does not.
  const anonymous = await request.newContext({ baseURL });
  const fetched = await anonymous.get("/api/pack/daybook-course-pack.zip", { headers: { authorization: `Bearer ${token}` }, maxRedirects: 0 });
  expect(fetched.status()).toBe(200);
  expect(Object.keys(unzipSync(await fetched.body()))).toContain("course-pack/k8s-manifests/04-deployments.yaml");
  const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
  expect((await anonymous.get("/api/pack/daybook-course-pack.zip", { headers: { authorization: `Bearer ${forged}` }, maxRedirects: 0 })).status()).toBe(401);
  expect((await anonymous.get("/api/pack/daybook-course-pack.zip", { maxRedirects: 0 })).status()).toBe(401);
  expect((await anonymous.get("/api/pack/file/k8s-manifests/01-namespace.yaml", { headers: { authorization: `Bearer ${token}` }, maxRedirects: 0 })).status()).toBe(401);
  await anonymous.dispose();
});

test("[PHONE] the header says who is signed in", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "amir@daybook.local");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Amir Atlas");
  await expect(page.getByTestId("signed-in-as")).toContainText("Team Atlas");
});

test("[NOTES] a javascript: link in a note reads as text, not as a dead link", async ({ page }) => {
  await signIn(page, "amir@daybook.local");
  await page.goto("/plan/step/d13-s1");
  await page.getByLabel("Team note (Markdown)").fill("See [the runbook](javascript:alert(1)) and [the docs](https://kubernetes.io/docs/)");
  await page.getByRole("tab", { name: "preview" }).click();
  const disarmed = page.locator(".prose-note a", { hasText: "the runbook" });
  await expect(disarmed).toHaveCSS("text-decoration-line", "none");
  await expect(disarmed).toHaveCSS("pointer-events", "none");
  await expect(page.locator(".prose-note a", { hasText: "the docs" })).toHaveCSS("text-decoration-line", "underline");
});
