// Takes phone and desktop screenshots of every page into ./screenshots, to look at what users see.
// Usage: node scripts/screenshots.mjs [baseURL]   (server running with the demo data)
import fs from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] || "http://localhost:3000";
const out = "screenshots";
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});

async function shoot(page, name) {
  for (const [label, width] of [["phone", 360], ["desktop", 1280]]) {
    await page.setViewportSize({ width, height: label === "phone" ? 780 : 900 });
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
}

const staff = await (await browser.newContext()).newPage();
await staff.goto(`${base}/login`);
await shoot(staff, "login");
await staff.getByLabel("Email").fill("agent@example.com");
await staff.getByLabel("Password").fill("agent-demo-pass");
await staff.getByRole("button", { name: "Sign in" }).click();
await staff.waitForURL(/\/dashboard/);
await shoot(staff, "pending");
await staff.goto(`${base}/dashboard/payments`);
await shoot(staff, "payments");
await staff.goto(`${base}/dashboard/new`);
await staff.getByRole("button", { name: "Create payment link" }).click();
await staff.getByText("Please correct").waitFor();
await shoot(staff, "new-errors");
await staff.getByLabel("Amount").fill("19.99");
await staff.getByLabel("Description").fill("Handmade leather wallet");
await staff.getByLabel("Order ID (optional)").fill("1042");
await staff.getByRole("button", { name: "Create payment link" }).click();
await staff.getByTestId("new-link").waitFor();
await shoot(staff, "payment-created");
const link = (await staff.getByTestId("new-link").textContent()).trim();

const customer = await (await browser.newContext({ locale: "en-GB" })).newPage();
await customer.goto(link);
await shoot(customer, "pay-choose");
await customer.getByLabel("SEPA bank transfer").check();
await customer.getByRole("button", { name: "Pay" }).click();
await customer.getByRole("heading", { name: "SEPA bank transfer" }).waitFor();
await shoot(customer, "pay-details");
await customer.getByRole("button", { name: "I have paid" }).click();
await customer.getByText("we are checking").waitFor();
await shoot(customer, "pay-submitted");

await staff.goto(`${base}/dashboard`);
await staff.locator("summary").first().click();
await shoot(staff, "pending-cancel-open");
await staff.goto(`${base}/dashboard/payments?q=1042`);
await staff.getByRole("link", { name: /-/ }).first().click();
await staff.getByRole("heading", { name: "Timeline" }).waitFor();
await shoot(staff, "payment-detail");

const ru = await (await browser.newContext({ locale: "ru-RU", extraHTTPHeaders: { "Accept-Language": "ru-RU" } })).newPage();
await ru.goto(link);
await shoot(ru, "pay-submitted-ru");
await ru.goto(`${base}/pay/AAAAAAAAAAAAAAAAAAAAAA`);
await shoot(ru, "pay-404");
await browser.close();
console.log(`Screenshots in ./${out}`);
