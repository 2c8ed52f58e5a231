import { expect, type Page } from "@playwright/test";

/** On the Cluster page: "Use the local cluster", then the team's namespace, saved. */
export async function connectLocalCluster(page: Page, namespace: string) {
  await page.goto("/plan/cluster");
  await page.getByRole("button", { name: "Use the local cluster" }).click();
  await expect(page.getByText("API server")).toBeVisible({ timeout: 60_000 });
  await page.getByLabel("Namespace").fill(namespace);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}
