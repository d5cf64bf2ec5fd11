// The payer's page is cached per state (proxy.ts → /pay-v/…). What the payer sees must never be stale. The same stories
// run against a server with the cache off (PAYER_PAGE_CACHE=off, playwright.config.ts), where every view is rendered.
import { expect, test, type Response } from "@playwright/test";
import { withProjectDb } from "./db";
import { chooseMethod, createLink, customerPage, payerPageCacheOn, staffPage, tokenOf } from "./helpers";

/** The answer came from the cache (HIT) or was rendered into it (MISS); with the cache off, rendered and not kept. */
function expectCache(res: Response | null, cache: "HIT" | "MISS") {
  expect(res?.headers()["x-nextjs-cache"]).toBe(payerPageCacheOn() ? cache : undefined);
}

/** No cache may keep it: the same URL shows another state later, and the page shows the payer's details. */
function expectPrivate(res: Response | null) {
  if (payerPageCacheOn()) expect(res?.headers()["cache-control"]).toBe("private, no-store");
  else expect(res?.headers()["cache-control"]).toMatch(/^private,.*no-store/);
}

test("a reload is served from the cache, and any change shows at once", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "8", description: "Cached tea" });
  const customer = await customerPage(browser);

  const first = await customer.goto(url);
  expectCache(first, "MISS");
  expectPrivate(first);
  const again = await customer.reload();
  expectCache(again, "HIT");
  expectPrivate(again);
  await expect(customer.getByRole("heading", { name: "Cached tea" })).toBeVisible();

  // A write that does not touch the version column still gives the page a new state (a trigger raises it).
  await withProjectDb((db) => db.run("UPDATE payments SET description = 'Cached green tea' WHERE token = ?", tokenOf(url)));
  const changed = await customer.reload();
  expectCache(changed, "MISS");
  await expect(customer.getByRole("heading", { name: "Cached green tea" })).toBeVisible();

  // The payer's own steps are new states too.
  await chooseMethod(customer, "PayPal");
  await expect(customer.getByRole("heading", { name: "PayPal" })).toBeVisible();
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "PayPal" })).toBeVisible();
  await customer.getByLabel(/^Transaction ID/).fill("CACHE-TXN-1");
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByRole("heading", { name: "Thank you — we are checking your payment" })).toBeVisible();
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "Thank you — we are checking your payment" })).toBeVisible();
});

test("a cached page of an open payment is not served once the payment is due to expire", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "9", description: "Almost over" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  const reload = await customer.reload();
  // Served from the cache while the link is open.
  expectCache(reload, "HIT");
  await expect(customer.getByText("Choose how to pay")).toBeVisible();
  // Time passes and the expiry is behind us, while nothing else in the database changes: the payment keeps its
  // version. (The trigger that raises the version on any update fires only when the version stayed the same, so move
  // it up with the expiry and back down again.) The page must notice anyway.
  await withProjectDb(async (db) => {
    await db.run("BEGIN");
    await db.run("UPDATE payments SET expires_at = ?, version = version + 1 WHERE token = ?", Date.now() - 1000, tokenOf(url));
    await db.run("UPDATE payments SET version = version - 1 WHERE token = ?", tokenOf(url));
    await db.run("COMMIT");
  });
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "This payment link has expired" })).toBeVisible();
});

test("each language has its own cached page, and the internal path is not reachable", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "10", description: "Two languages" });
  const english = await customerPage(browser);
  await english.goto(url);
  await expect(english.getByText("Amount to pay")).toBeVisible();
  const russian = await customerPage(browser, { locale: "ru-RU" });
  await russian.goto(url);
  await expect(russian.getByText("Сумма к оплате")).toBeVisible();
  await english.reload();
  await expect(english.getByText("Amount to pay")).toBeVisible();

  const token = tokenOf(url);
  for (const path of [`/pay-v/${token}.en.1.1`, `/pay-v/${token}`, "/pay-v", `/pay-d/${token}.en`, "/pay-d"]) {
    const res = await english.goto(path);
    expect(res?.status(), path).toBe(404);
  }
});

test("a form's error comes back on the page, which is a cached page of its own", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "11", description: "Error pages" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  const error = customer.locator("#method-error"); // the message beside the choice
  // A method that went away between loading the page and pressing Pay.
  await customer.getByLabel("PayPal").check();
  await customer.getByLabel("PayPal").evaluate((radio: HTMLInputElement) => (radio.value = "999999"));
  await customer.getByRole("button", { name: "Show payment details" }).click();
  await expect(error).toHaveText("This method is no longer available. Please choose another.");
  await expect(customer).toHaveURL(/\?error=unavailable$/);
  // The same page again comes from the cache; an unknown error says nothing; the plain page has no error.
  expectCache(await customer.reload(), "HIT");
  await expect(error).toHaveText("This method is no longer available. Please choose another.");
  await customer.goto(`${url}?error=choose`);
  await expect(error).toHaveText("Choose a payment method.");
  for (const plain of [`${url}?error=bogus`, url]) {
    await customer.goto(plain);
    await expect(customer.getByText("Choose how to pay")).toBeVisible();
    await expect(error).toHaveCount(0);
  }
});

test("the \"I have paid\" form back with its errors is rendered for each view, with what was typed, and never cached", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "12", description: "Typed values" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, "PayPal");
  const box = customer.getByLabel(/^Transaction ID/);
  for (const typed of ["FIRST-TYPED", "SECOND-TYPED"]) {
    const res = await customer.goto(`${url}?error=receipt-type&tx=${typed}`);
    expect(res?.headers()["x-nextjs-cache"]).toBeUndefined();
    expect(res?.headers()["cache-control"]).toContain("no-store");
    await expect(box).toHaveValue(typed);
    await expect(customer.locator("#receipt-error")).toHaveText("This file is not a PNG, JPEG, WebP image or a PDF.");
  }
  // Unknown codes are no errors: the cached page, with an empty box.
  await customer.goto(`${url}?error=receipt-type,bogus&tx=NOPE`);
  await expect(customer.locator("#receipt-error")).toHaveCount(0);
  await expect(box).toHaveValue("");
});
