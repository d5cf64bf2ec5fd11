// Takes phone (390 px) and desktop (1280 px) screenshots of every page into ./screenshots, to look at what users see:
// the payer's page in English and Russian through each of its steps, and every dashboard page as an agent and an admin.
// Usage: node scripts/screenshots.mjs [baseURL]   (a server running with the demo data, e.g. `npm run demo`)
// A step that fails is reported and skipped, so one changed label does not hide the other pages.
import fs from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] || "http://localhost:3000";
const out = "screenshots";
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const failed = [];

async function shoot(page, name) {
  for (const [label, width] of [["phone", 390], ["desktop", 1280]]) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  }
}

async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    failed.push(`${name}: ${String(err.message ?? err).split("\n")[0]}`);
  }
}

async function signedIn(email, password) {
  const page = await (await browser.newContext({ timezoneId: "Europe/Berlin" })).newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard/);
  return page;
}

const visitor = await (await browser.newContext()).newPage();
await step("login", async () => {
  await visitor.goto(`${base}/login`);
  await shoot(visitor, "login");
});

const agent = await signedIn("agent@example.com", "agent-demo-pass");
let link = null;
await step("new payment", async () => {
  await agent.goto(`${base}/dashboard/new`);
  await agent.getByRole("button", { name: "Create payment link" }).click();
  await agent.getByText("Please correct").waitFor();
  await shoot(agent, "new-errors");
  await agent.getByLabel("Amount").fill("19.99");
  await agent.getByLabel("Description").fill("Handmade leather wallet");
  await agent.getByLabel("Order ID (optional)").fill("1042");
  await agent.getByRole("button", { name: "Create payment link" }).click();
  await agent.getByTestId("new-link").waitFor();
  await shoot(agent, "payment-created");
  link = (await agent.getByTestId("new-link").textContent()).trim();
});

for (const [lang, locale, method, show, tell, sent] of [
  ["en", "en-GB", "SEPA bank transfer", "Show payment details", "Tell us you have paid", "I have paid"],
  ["ru", "ru-RU", "Банковский перевод SEPA", null, null, null],
]) {
  const payer = await (await browser.newContext({ locale, timezoneId: "Asia/Tokyo", extraHTTPHeaders: { "Accept-Language": locale } })).newPage();
  await step(`payer ${lang}`, async () => {
    if (!link) throw new Error("no link");
    await payer.goto(link);
    await shoot(payer, `pay-choose-${lang}`);
    if (!show) return; // The Russian page after the English payer's choice: its details, then its submitted page.
    await payer.getByLabel(method).check();
    await payer.getByRole("button", { name: show }).click();
    await payer.getByTestId("confirm-step").waitFor();
    await shoot(payer, `pay-details-${lang}`);
    await payer.getByText(tell).click();
    await shoot(payer, `pay-confirm-open-${lang}`);
    await payer.getByLabel(/Transaction ID/).fill("TX-2026-1042");
    await payer.getByRole("button", { name: sent }).click();
    await payer.getByText("we are checking").waitFor();
    await shoot(payer, `pay-submitted-${lang}`);
  });
  await step(`payer 404 ${lang}`, async () => {
    await payer.goto(`${base}/pay/AAAAAAAAAAAAAAAAAAAAAA`);
    await shoot(payer, `pay-404-${lang}`);
  });
}
// The Russian payer opening a link that has a method chosen and nothing paid yet: the details in Russian.
await step("payer ru details", async () => {
  await agent.goto(`${base}/dashboard/new`);
  await agent.getByLabel("Amount").fill("250.00");
  await agent.getByLabel("Description").fill("Заказ 77");
  await agent.getByRole("button", { name: "Create payment link" }).click();
  await agent.getByTestId("new-link").waitFor();
  const ruLink = (await agent.getByTestId("new-link").textContent()).trim();
  const ru = await (await browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow", extraHTTPHeaders: { "Accept-Language": "ru-RU" } })).newPage();
  await ru.goto(ruLink);
  await ru.getByLabel("Банковский перевод SEPA").check();
  await ru.getByRole("button", { name: "Показать реквизиты" }).click();
  await ru.getByTestId("confirm-step").waitFor();
  await shoot(ru, "pay-details-ru");
});

const agentPages = [
  ["pending", "/dashboard"],
  ["payments", "/dashboard/payments"],
  ["requests", "/dashboard/requests"],
  ["account", "/dashboard/account"],
  ["api-reference", "/dashboard/api"],
  ["statements", "/dashboard/statements"],
  ["statements-inbox", "/dashboard/statements/inbox"],
  ["statements-refunds", "/dashboard/statements/refunds"],
];
for (const [name, path] of agentPages) await step(name, async () => (await agent.goto(`${base}${path}`), await shoot(agent, name)));
await step("payment detail", async () => {
  await agent.goto(`${base}/dashboard/payments?q=1042`);
  await agent.getByRole("link", { name: /-/ }).first().click();
  await agent.getByRole("heading", { name: "Timeline" }).waitFor();
  await shoot(agent, "payment-detail");
});
await step("phone menu", async () => {
  await agent.setViewportSize({ width: 390, height: 844 });
  await agent.goto(`${base}/dashboard`);
  await agent.getByTestId("main-menu").click();
  await agent.screenshot({ path: `${out}/menu-open-phone.png` });
});

const admin = await signedIn("admin@example.com", "admin-demo-pass");
const adminPages = [
  ["settings", "/dashboard/settings"],
  ["methods", "/dashboard/settings/methods"],
  ["method-new", "/dashboard/settings/methods/new"],
  ["method-edit", "/dashboard/settings/methods/1"],
  ["method-preview", "/dashboard/settings/methods/1/preview"],
  ["users", "/dashboard/settings/users"],
  ["business", "/dashboard/settings/business"],
  ["api-keys", "/dashboard/settings/api-keys"],
  ["webhooks", "/dashboard/settings/webhooks"],
  ["email", "/dashboard/settings/email"],
  ["bank-accounts", "/dashboard/settings/bank-accounts"],
  ["request-new", "/dashboard/requests/new"],
];
for (const [name, path] of adminPages) await step(name, async () => (await admin.goto(`${base}${path}`), await shoot(admin, name)));

await browser.close();
console.log(`Screenshots in ./${out}`);
if (failed.length) {
  console.log(`Not taken (${failed.length}):\n  ${failed.join("\n  ")}`);
  process.exitCode = 1;
}
