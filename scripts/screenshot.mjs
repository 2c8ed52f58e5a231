// Signs in as a demo user and saves screenshots of pages: node scripts/screenshot.mjs <email> <out-dir> <path>...
import { chromium } from "@playwright/test";

const [email, outDir, ...paths] = process.argv.slice(2);
const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: Number(process.env.WIDTH ?? 1280), height: 900 } });
await page.goto(`${base}/login`);
await page.getByLabel("Email").fill(email);
await page.getByLabel("Password").fill(process.env.PASSWORD ?? "daybook-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((url) => !url.pathname.startsWith("/login"));
for (const p of paths) {
  await page.goto(`${base}${p}`);
  const file = `${outDir}/${p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}.png`;
  await page.screenshot({ path: file, fullPage: process.env.FULL !== "0" });
  console.log(file);
}
await browser.close();
