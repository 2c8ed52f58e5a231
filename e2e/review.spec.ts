import { expect, test, type Browser, type Page } from "@playwright/test";
import { createTeam, JOINED_PASSWORD, signIn, signOut } from "./support";

// The instructor's review, on teams of their own (the demo teams' progress is counted by other specs).

async function person(browser: Browser, baseURL: string | undefined, email: string, password?: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { page, close: () => context.close() };
}

const teamOf = (email: string, name: string) => `${name} ${email.split("@")[0]!.split("-").at(-1)}`;
const boardRow = (page: Page, team: string) => page.getByTestId("board-grid").getByRole("row").filter({ has: page.getByRole("link", { name: team, exact: true }) });

test("[INSTRUCTOR] reviews a team, comments and opens a gate; the student answers; unread markers clear on both sides", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const [rhea] = await createTeam(browser, baseURL!, "Team Review", ["Rhea"]);
  const team = teamOf(rhea!, "Team Review");
  const student = await person(browser, baseURL, rhea!, JOINED_PASSWORD);
  await student.page.goto("/plan/step/d01-s1");
  await student.page.getByRole("radio", { name: "Done" }).check();
  await expect(student.page.getByText("Saving…")).toHaveCount(0);

  // The instructor finds the team on the board and opens its review.
  const ines = await person(browser, baseURL, "instructor@daybook.local");
  await ines.page.goto("/instructor");
  await expect(boardRow(ines.page, team).getByRole("link", { name: `${team} · Step 1.1 Cluster Verification: Done by hand` })).toBeVisible();
  await boardRow(ines.page, team).getByRole("link", { name: team, exact: true }).click();
  await expect(ines.page.getByRole("heading", { level: 1, name: team })).toBeVisible();
  await ines.page.getByRole("navigation", { name: "Steps" }).getByRole("link", { name: /^2\.1 Deploy ConfigMaps/ }).click();
  const panel = ines.page.getByTestId("review-step");
  await expect(panel.getByRole("heading", { name: "Deploy ConfigMaps" })).toBeVisible();

  // Step 1.2 is not verified, so 2.1's gate is closed: the instructor opens it with a reason.
  await expect(panel.getByText(/Closed\. Step 1\.2 is not verified yet/)).toBeVisible();
  await panel.getByRole("button", { name: "Open this step" }).click();
  await expect(panel.getByRole("alert")).toHaveText("Say why this team may skip the gate.");
  await panel.getByLabel("Reason for opening Step 2.1").fill("The namespace was set up by hand in class");
  await panel.getByRole("button", { name: "Open this step" }).click();
  await expect(panel.getByText("Opened by Ines Instructor", { exact: false })).toContainText("The namespace was set up by hand in class");

  await panel.getByLabel("Your comment").fill("Your ConfigMap needs the LOG_LEVEL key before you apply it.");
  await panel.getByRole("button", { name: "Post comment" }).click();
  await expect(panel.getByTestId("comment")).toHaveCount(1);
  await expect(panel.getByTestId("comment").first()).toContainText("Instructor");

  await ines.page.goto("/instructor");
  await expect(boardRow(ines.page, team).getByRole("link", { name: `${team} · Step 2.1 Deploy ConfigMaps: Gate overridden` })).toBeVisible();

  // The student sees the new comment on the plan, reads it on the step page and answers.
  await student.page.goto("/plan");
  const unread = student.page.getByTestId("unread-comments");
  await expect(unread).toContainText("New comments on 1 step");
  await unread.getByRole("link", { name: "Step 2.1 Deploy ConfigMaps" }).click();
  const thread = student.page.getByRole("region", { name: "Comments" });
  await expect(thread.getByTestId("comment").first()).toContainText("Your ConfigMap needs the LOG_LEVEL key");
  await expect(thread.getByTestId("comment").first()).toContainText("New");
  await thread.getByLabel("Your comment").fill("Added LOG_LEVEL=info, thanks!");
  await thread.getByRole("button", { name: "Post comment" }).click();
  await expect(thread.getByTestId("comment")).toHaveCount(2);
  await student.page.goto("/plan");
  await expect(student.page.getByRole("heading", { name: /Project Execution|Core Workloads/ }).first()).toBeVisible();
  await expect(student.page.getByTestId("unread-comments")).toHaveCount(0);

  // The instructor sees the answer as new, on the board and in the review; opening it clears the marker.
  await ines.page.reload();
  await expect(boardRow(ines.page, team).getByRole("link", { name: `${team} · Step 2.1 Deploy ConfigMaps: Gate overridden, new comment` })).toBeVisible();
  const marked = ines.page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/instructor/teams/"));
  await boardRow(ines.page, team).getByRole("link", { name: team, exact: true }).click();
  // Without ?step= the review opens the step with unread comments, and marks them read.
  const answer = ines.page.getByTestId("review-step").getByTestId("comment").nth(1);
  await expect(answer).toContainText("Added LOG_LEVEL=info, thanks!");
  await expect(answer).toContainText("New");
  await marked;
  await ines.page.goto("/instructor");
  await expect(boardRow(ines.page, team).getByRole("link", { name: `${team} · Step 2.1 Deploy ConfigMaps: Gate overridden` })).toBeVisible();
  await expect(boardRow(ines.page, team).getByText("steps with new comments")).toHaveCount(0);

  // Reset Step 1.1: back to not started, with the reason beside its history; nothing deleted.
  await boardRow(ines.page, team).getByRole("link", { name: team, exact: true }).click();
  await ines.page.getByRole("navigation", { name: "Steps" }).getByRole("link", { name: /^1\.1 Cluster Verification/ }).click();
  await ines.page.getByLabel("Reason for resetting Step 1.1").fill("Marked done before the nodes were Ready");
  ines.page.once("dialog", (d) => d.accept());
  await ines.page.getByRole("button", { name: "Reset step" }).click();
  await expect(ines.page.getByTestId("resets")).toContainText("Ines Instructor reset it from Done (by hand)");
  await expect(ines.page.getByTestId("resets")).toContainText("Marked done before the nodes were Ready");
  await expect(ines.page.getByText("Not started: nothing to reset.")).toBeVisible();
  await student.page.goto("/plan/step/d01-s1");
  await expect(student.page.getByRole("radio", { name: "Not started" })).toBeChecked();
  await expect(student.page.getByText("Ines Instructor set it to Not started")).toBeVisible();
  await student.close();
  await ines.close();
});

test("[INSTRUCTOR] filters the board by day and state, and stuck teams stand out", async ({ browser, baseURL }) => {
  const [sol] = await createTeam(browser, baseURL!, "Team Filter", ["Sol"]);
  const team = teamOf(sol!, "Team Filter");
  const student = await person(browser, baseURL, sol!, JOINED_PASSWORD);
  await student.page.goto("/plan/step/d03-s1");
  await student.page.getByRole("button", { name: "We are blocked on this step" }).click();
  await student.page.getByLabel("Why are you blocked?").fill("ImagePullBackOff on the backend");
  await student.page.getByRole("button", { name: "Flag as blocked" }).click();
  await expect(student.page.getByText("Blocked: ImagePullBackOff on the backend")).toBeVisible();
  await student.close();

  const ines = await person(browser, baseURL, "instructor@daybook.local");
  const page = ines.page;
  await page.goto("/instructor");
  await expect(boardRow(page, team).getByTestId("stuck-badge")).toContainText("Stuck: blocked on 1 step");
  await page.getByLabel("Day", { exact: true }).selectOption("3");
  await expect(page).toHaveURL(/day=3/);
  await expect(boardRow(page, team).locator("[data-state]")).toHaveCount(2);
  await expect(boardRow(page, team).getByRole("link", { name: `${team} · Step 3.1 Deploy Backend Application: Blocked` })).toBeVisible();
  await page.getByLabel("State").selectOption("BLOCKED");
  await expect(boardRow(page, team)).toHaveCount(1);
  await expect(page.getByTestId("board-grid").getByRole("link", { name: /Team Atlas · / })).toHaveCount(0);
  // A filtered board survives a reload (the filters live in the address).
  await page.reload();
  await expect(page.getByLabel("State")).toHaveValue("BLOCKED");
  await page.getByLabel("Only stuck teams").check();
  await expect(boardRow(page, team)).toHaveCount(1);
  await page.getByLabel("State").selectOption("");
  await page.getByLabel("Day", { exact: true }).selectOption("");
  await expect(boardRow(page, team).locator("[data-state]")).toHaveCount(40);
  await ines.close();
});

test("[INSTRUCTOR] manages teams: rename, move a student, designation saved, expire a code, archive and restore", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const [oli, ona] = await createTeam(browser, baseURL!, "Team Orion", ["Oli", "Ona"]);
  const [lou] = await createTeam(browser, baseURL!, "Team Lynx", ["Lou"]);
  const orion = teamOf(oli!, "Team Orion");
  const lynx = teamOf(lou!, "Team Lynx");
  const ines = await person(browser, baseURL, "instructor@daybook.local");
  const page = ines.page;
  await page.goto("/instructor");
  await page.getByRole("link", { name: "Teams & join codes" }).click();
  const roster = (name: string) => page.locator("[data-testid^=team-roster-]").filter({ has: page.getByRole("heading", { name, exact: true }) });

  await roster(orion).getByLabel("Designation for Oli Team Orion").selectOption("TECH_LEAD");
  await expect(roster(orion).getByText("✓ Saved")).toBeVisible();
  await page.reload();
  await expect(roster(orion).getByLabel("Designation for Oli Team Orion")).toHaveValue("TECH_LEAD");

  await roster(orion).getByLabel("Move Ona Team Orion to").selectOption({ label: lynx });
  await roster(orion).getByRole("button", { name: "Move Ona Team Orion", exact: true }).click();
  await expect(roster(lynx).getByLabel("Designation for Ona Team Orion")).toBeVisible();
  await expect(roster(orion).getByLabel("Designation for Ona Team Orion")).toHaveCount(0);

  const code = (await roster(orion).getByTestId("join-code").textContent())!.trim();
  page.once("dialog", (d) => d.accept());
  await roster(orion).getByRole("button", { name: `Expire now the join code of ${orion}` }).click();
  await expect(roster(orion).getByTestId("join-code-expiry")).toContainText("Expired");

  await roster(orion).getByLabel(`Name of ${orion}`).fill(`${orion} Prime`);
  await roster(orion).getByRole("button", { name: `Rename ${orion}` }).click();
  await expect(page.getByRole("heading", { name: `${orion} Prime`, exact: true })).toBeVisible();
  await expect(roster(lynx).getByRole("alert")).toHaveCount(0);
  await roster(lynx).getByLabel(`Name of ${lynx}`).fill(`${orion} Prime`);
  await roster(lynx).getByRole("button", { name: `Rename ${lynx}` }).click();
  await expect(roster(lynx).getByRole("alert")).toHaveText(`This cohort already has a team called "${orion} Prime".`);
  // The error goes as soon as the name is edited again.
  await roster(lynx).getByLabel(`Name of ${lynx}`).fill(lynx);
  await expect(roster(lynx).getByRole("alert")).toHaveCount(0);

  page.once("dialog", (d) => d.accept());
  await roster(lynx).getByRole("button", { name: `Archive team ${lynx}` }).click();
  const archived = page.getByRole("region", { name: "Archived teams" });
  await expect(archived.getByRole("heading", { name: lynx })).toBeVisible();
  await page.goto("/instructor");
  await expect(page.getByTestId("board-grid").getByRole("link", { name: lynx, exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Teams & join codes" }).click();
  await page.getByRole("region", { name: "Archived teams" }).getByRole("button", { name: `Restore ${lynx}` }).click();
  await expect(page.getByRole("region", { name: "Archived teams" })).toHaveCount(0);
  await expect(roster(lynx).getByText(ona!, { exact: true })).toBeVisible();

  await page.goto(`/join/${code}`);
  await expect(page.getByRole("heading", { name: "This join link does not work" })).toBeVisible();
  await ines.close();
});

test("[INSTRUCTOR] sets the course calendar; invites a stakeholder who accepts and follows the cohort", async ({ browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  const ines = await person(browser, baseURL, "instructor@daybook.local");
  const page = ines.page;
  await page.goto("/instructor");
  await page.getByRole("link", { name: "Course calendar" }).click();
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Start date").fill(today);
  for (const day of ["Sat", "Sun"]) await page.getByLabel(day).check();
  await page.getByLabel("Holidays").fill("not-a-date");
  await page.getByRole("button", { name: "Save calendar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not-a-date" })).toHaveText('"not-a-date" is not a date like 2027-01-06.');
  await page.getByLabel("Holidays").fill("");
  await page.getByRole("button", { name: "Save calendar" }).click();
  await expect(page.getByText("✓ Saved")).toBeVisible();
  await expect(page.getByTestId("course-day")).toContainText("Today is Day 1 of 20");
  await page.getByRole("link", { name: "← Back to the board" }).click();
  await expect(page.getByTestId("course-day")).toContainText("Today is Day 1 of 20");

  await page.getByRole("link", { name: "Instructors & stakeholders" }).click();
  await page.getByLabel("Email").fill("alice@daybook.local");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "alice@" })).toContainText("already has a student account");
  const email = `cfo-${stamp}@client.example`;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Invite" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  await expect(page.getByTestId("pending-invites")).toContainText(email);
  await ines.close();

  const guest = await browser.newContext({ baseURL });
  const visitor = await guest.newPage();
  await visitor.goto(new URL(link).pathname);
  await expect(visitor.getByRole("heading", { name: "Join Demo cohort" })).toBeVisible();
  await expect(visitor.getByLabel("Email")).toHaveValue(email);
  await visitor.getByLabel("Your name").fill("Cora Finance");
  await visitor.getByLabel("Password").fill("a long enough password");
  await visitor.getByRole("button", { name: "Create account and accept" }).click();
  await expect(visitor).toHaveURL(/\/login\?notice=invited$/);
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByLabel("Password").fill("a long enough password");
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(/\/stakeholder$/);
  await expect(visitor.getByRole("heading", { level: 1, name: "Demo cohort" })).toBeVisible();
  await expect(visitor.getByTestId("course-day")).toContainText("Today is Day 1 of 20");
  await expect(visitor.getByTestId("performance-note")).toContainText("No performance test has run yet.");
  await expect(visitor.getByText(/@daybook\.local/)).toHaveCount(0);
  await signOut(visitor);
  await visitor.goto(new URL(link).pathname);
  await expect(visitor.getByRole("heading", { name: "This invitation does not work" })).toBeVisible();
  await guest.close();
});
