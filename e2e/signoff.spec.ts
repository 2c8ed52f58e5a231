import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./support";

// The fixture cohort scripts/e2e-seed-signoff.ts writes before the server starts: Team Summit passed
// Step 20.1 just now; Team Ridge has not run it. Its own instructor and stakeholder, so no other spec sees it.
const PEOPLE = { iris: "iris@daybook.local", sol: "sol@daybook.local", tara: "tara@daybook.local", pablo: "pablo@daybook.local", rhea: "rhea@daybook.local" };
const LAPTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };

test.describe.configure({ mode: "serial" });

async function as(browser: Browser, baseURL: string | undefined, email: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, email);
  return { page, close: () => context.close() };
}

async function openTeam(page: Page, team: string) {
  await page.goto("/signoff");
  if (!(await page.getByRole("heading", { level: 1, name: team }).isVisible())) {
    await page.getByRole("link", { name: team }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: team })).toBeVisible();
}

// The page re-renders with the signature in the chain (and without the form, which is done).
async function sign(page: Page, role: string, comment: string, card: string, signer: string) {
  await page.getByLabel("Comment (optional)").fill(comment);
  await page.getByRole("button", { name: `Sign off as ${role}` }).click();
  await expect(page.getByTestId(card)).toContainText(`Signed by ${signer}`);
  await expect(page.getByTestId(card)).toContainText(comment);
  await expect(page.getByRole("button", { name: /^Sign off as/ })).toHaveCount(0);
}

test("[STAKEHOLDER] nobody signs a team off before its Step 20.1 final validation passes", async ({ browser, baseURL }) => {
  const sol = await as(browser, baseURL, PEOPLE.sol);
  await openTeam(sol.page, "Team Ridge");
  await expect(sol.page.getByTestId("signoff-refusal")).toHaveText("Step 20.1's final validation has not been run yet. Sign-off opens once it passes.");
  await expect(sol.page.getByRole("button", { name: /^Sign off as/ })).toHaveCount(0);
  await expect(sol.page.getByText(/Step 20\.1 Final System Validation: not run yet\./)).toBeVisible();
  await sol.close();
  // Not even the technical lead, who signs first.
  const rhea = await as(browser, baseURL, PEOPLE.rhea);
  await openTeam(rhea.page, "Team Ridge");
  await expect(rhea.page.getByTestId("signoff-refusal")).toContainText("has not been run yet");
  await rhea.close();
});

test("[SIGN-OFF] the technical lead, the project manager and a stakeholder sign in that order, and the record locks", async ({ browser, baseURL }, testInfo) => {
  const sol = await as(browser, baseURL, PEOPLE.sol);
  await openTeam(sol.page, "Team Summit");
  await expect(sol.page.getByTestId("signoff-refusal")).toHaveText("The stakeholder signs after the technical lead, who has not signed yet.");
  await expect(sol.page.getByText(/passed .*\. A sign-off needs a pass within the last \d+ hours\./)).toBeVisible();

  const tara = await as(browser, baseURL, PEOPLE.tara);
  await openTeam(tara.page, "Team Summit");
  const hash = (await tara.page.getByTestId("evidence-hash").textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await sign(tara.page, "technical lead", "All 40 steps verified on our cluster.", "signoff-TECH_LEAD", "Tara Summit");
  await expect(tara.page.getByTestId("signoff-TECH_LEAD")).toContainText(`SHA-256 ${hash.slice(0, 16)}`);
  await expect(tara.page.getByTestId("signoff-TECH_LEAD")).toContainText("Matches the current evidence");
  await tara.close();

  const pablo = await as(browser, baseURL, PEOPLE.pablo);
  await openTeam(pablo.page, "Team Summit");
  await sign(pablo.page, "project manager", "Scope and schedule met.", "signoff-PROJECT_MANAGER", "Pablo Summit");
  await pablo.close();

  await sol.page.reload();
  await sign(sol.page, "stakeholder", "Approved for production.", "signoff-STAKEHOLDER", "Sol Stakeholder");
  await expect(sol.page.getByTestId("signoff-locked")).toBeVisible();
  await expect(sol.page.getByTestId("signoff-refusal")).toHaveText("The sign-off is complete and locked. Only an instructor can reopen it, with a reason.");
  for (const role of ["TECH_LEAD", "PROJECT_MANAGER", "STAKEHOLDER"]) await expect(sol.page.getByTestId(`signoff-${role}`)).toContainText("Matches the current evidence");
  for (const [name, viewport] of [["laptop", LAPTOP], ["phone", PHONE]] as const) {
    await sol.page.setViewportSize(viewport);
    // From the top: a full-page shot taken scrolled down paints the sticky header mid-page.
    await sol.page.evaluate(() => window.scrollTo(0, 0));
    await sol.page.screenshot({ path: testInfo.outputPath(`signoff-locked-${name}.png`), fullPage: name === "laptop" });
  }
  await sol.page.setViewportSize(LAPTOP);

  // The exported record checks itself: each hash is the SHA-256 of the evidence text it carries.
  const download = sol.page.waitForEvent("download");
  await sol.page.getByRole("link", { name: "Export the sign-off record (JSON)" }).click();
  const file = testInfo.outputPath("signoff-record.json");
  await (await download).saveAs(file);
  const record = JSON.parse(fs.readFileSync(file, "utf8")) as { format: string; rounds: { signoffs: { evidenceSha256: string }[] }[]; evidence: Record<string, string> };
  expect(record.format).toBe("daybook-signoff-record/1");
  expect(record.rounds[0]!.signoffs).toHaveLength(3);
  for (const s of record.rounds[0]!.signoffs) expect(crypto.createHash("sha256").update(record.evidence[s.evidenceSha256]!, "utf8").digest("hex")).toBe(s.evidenceSha256);
  await sol.page.getByLabel("Exported sign-off record (JSON)").fill(fs.readFileSync(file, "utf8"));
  await sol.page.getByRole("button", { name: "Check the record" }).click();
  await expect(sol.page.getByText("✓ It matches the current evidence.")).toHaveCount(3);
  await expect(sol.page.getByText("✓ Daybook holds this sign-off.")).toHaveCount(3);
  await sol.close();
});

test("[REPORT] the closure report downloads as Markdown and as a PDF that opens", async ({ browser, baseURL }, testInfo) => {
  const tara = await as(browser, baseURL, PEOPLE.tara);
  await tara.page.goto("/reports");
  await expect(tara.page.getByRole("heading", { level: 1, name: "Team Summit" })).toBeVisible();
  // Each performance step's recorded test, with a chart per target.
  for (const step of ["10.2", "15.1", "18.1", "20.1"]) await expect(tara.page.getByRole("article", { name: `Performance test of Step ${step}` })).toContainText("Performance test passed");
  await expect(tara.page.getByRole("img", { name: /^Requests per second and latency over time for backend \/api\/products/ })).toHaveCount(4);
  for (const [name, viewport] of [["laptop", LAPTOP], ["phone", PHONE]] as const) {
    await tara.page.setViewportSize(viewport);
    await tara.page.getByRole("heading", { level: 3, name: "Step 10.2 Performance Testing (Day 10)" }).evaluate((h) => h.scrollIntoView());
    await tara.page.screenshot({ path: testInfo.outputPath(`closure-performance-${name}.png`) });
    await tara.page.evaluate(() => window.scrollTo(0, 0));
    await tara.page.screenshot({ path: testInfo.outputPath(`closure-top-${name}.png`) });
  }
  await tara.page.setViewportSize(LAPTOP);
  await tara.page.getByLabel("What went well, what you would do differently").fill("Connect the cluster on day 1.\nAsk for storage quota before Day 4.");
  await tara.page.getByRole("button", { name: "Save lessons learned" }).click();
  await expect(tara.page.getByText("Saved.", { exact: true })).toBeVisible();

  const md = tara.page.waitForEvent("download");
  await tara.page.getByRole("link", { name: "Download Markdown" }).click();
  const mdFile = testInfo.outputPath("closure.md");
  await (await md).saveAs(mdFile);
  expect(fs.readFileSync(mdFile, "utf8").split("\n")[0]).toBe("# Project closure report: Team Summit");
  expect(fs.readFileSync(mdFile, "utf8")).toContain("### Step 20.1 Final System Validation (Day 20)");

  const pdf = tara.page.waitForEvent("download");
  await tara.page.getByRole("link", { name: "Download PDF" }).click();
  const download = await pdf;
  expect(download.suggestedFilename()).toBe("Team Summit closure report.pdf");
  const pdfFile = testInfo.outputPath("closure.pdf");
  await download.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", pdfFile, "-"], { encoding: "utf8" });
  for (const seen of ["Team Summit", "Sign-off cohort", "Final status:", "Sign-offs (Step 20.2)", "Tara Summit", "Sol Stakeholder", "Connect the cluster on day 1."]) expect(text).toContain(seen);
  execFileSync("pdftoppm", ["-f", "1", "-l", "1", "-r", "90", "-png", "-singlefile", pdfFile, testInfo.outputPath("closure-page-1")]);
  const whole = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
  for (const seen of ["Performance results", "Step 20.1 Final System Validation (Day 20)", "1200 s with 200", "p95 limit 1000 ms"]) expect(whole).toContain(seen);
  expect(fs.readFileSync(testInfo.outputPath("closure-page-1.png")).subarray(1, 4).toString()).toBe("PNG");
  await tara.close();
});

test("[INSTRUCTOR] exports the cohort's progress and sees the audit chain verify", async ({ browser, baseURL }, testInfo) => {
  const iris = await as(browser, baseURL, PEOPLE.iris);
  await iris.page.goto("/reports");
  const csv = iris.page.waitForEvent("download");
  await iris.page.getByRole("link", { name: "Export progress (CSV)" }).click();
  const file = testInfo.outputPath("progress.csv");
  await (await csv).saveAs(file);
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe("cohort,team,day,step,step_id,title,status,attempts,first_verified_at,overridden,override_by,override_reason,checks_passed,checks,score");
  expect(lines.filter((l) => l.startsWith("Sign-off cohort,Team Summit,"))).toHaveLength(40);
  const finalValidation = (team: string) => lines.find((l) => l.startsWith(`Sign-off cohort,${team},20,Step 20.1,d20-s1,`));
  // Summit: 2 of 2 checks; Ridge never ran it.
  expect(finalValidation("Team Summit")).toMatch(/,2,2,1$/);
  expect(finalValidation("Team Ridge")).toMatch(/,NOT_STARTED,0,,no,,,0,2,0$/);

  await iris.page.getByRole("link", { name: "Audit trail" }).click();
  await expect(iris.page.getByTestId("audit-status")).toContainText("The audit chain verifies");
  await expect(iris.page.getByRole("cell", { name: "signoff.signed" })).toHaveCount(3);
  await iris.close();
});

test("[INSTRUCTOR] reopens a locked sign-off with a reason, and the signers are told", async ({ browser, baseURL }) => {
  const iris = await as(browser, baseURL, PEOPLE.iris);
  await openTeam(iris.page, "Team Summit");
  await expect(iris.page.getByTestId("signoff-refusal")).toHaveText("The sign-off is complete and locked. Only an instructor can reopen it, with a reason.");
  await iris.page.getByText("Reopen the sign-off (instructor)").click();
  await iris.page.getByLabel("Reason for reopening").fill("The stakeholder asked for the load test results first.");
  await iris.page.getByRole("button", { name: "Reopen the sign-off", exact: true }).click();
  await expect(iris.page.getByText("Round 2 opened")).toBeVisible();
  await expect(iris.page.getByTestId("signoff-locked")).toHaveCount(0);
  await iris.close();

  const tara = await as(browser, baseURL, PEOPLE.tara);
  const notice = tara.page.getByRole("region", { name: "Sign-off notices" });
  await expect(notice).toContainText("Iris Instructor reopened Team Summit's sign-off: The stakeholder asked for the load test results first.");
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);
  await tara.page.goto("/signoff");
  await expect(tara.page.getByRole("button", { name: "Sign off as technical lead" })).toBeVisible();
  await tara.close();
});
