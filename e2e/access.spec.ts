// Nobody gets in where they don't belong: anonymous visitors, customers with a token, disabled staff.
import { expect, test } from "@playwright/test";
import { createStaffUser, withProjectDb } from "./db";
import { chooseMethod, createLink, customerPage, PNG_1X1, signIn, staffPage, tokenOf } from "./helpers";

test("an anonymous visitor or a customer cannot reach the dashboard, a payment's page or a receipt", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url, reference, detailUrl } = await createLink(agent, { amount: "5", description: "Access checks" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, "PayPal");
  await customer.getByLabel(/^Transaction ID/).fill("ACCESS-1");
  await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "r.png", mimeType: "image/png", buffer: PNG_1X1 });
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByText("we are checking your payment")).toBeVisible();

  // The customer's browser (holding a valid token) is sent to sign in from every staff page.
  for (const path of ["/dashboard", "/dashboard/payments", "/dashboard/new", new URL(detailUrl).pathname]) {
    await customer.goto(path);
    await expect(customer).toHaveURL(/\/login/);
  }
  const receiptPath = `${new URL(detailUrl).pathname}/receipt`;
  const receipt = await customer.request.get(receiptPath, { maxRedirects: 0 });
  expect([302, 303, 307, 401, 403, 404]).toContain(receipt.status());
  expect(receipt.headers()["content-type"] ?? "").not.toContain("image/png");
  // Staff can open it.
  expect((await agent.request.get(receiptPath)).status()).toBe(200);
  // Staff asking for a payment that does not exist get a real 404.
  const missing = await agent.goto("/dashboard/payments/999999999");
  expect(missing?.status()).toBe(404);
  expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
});

test("a wrong, altered or malformed token shows a plain 404 that reveals nothing", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "7", description: "Secret description" });
  const token = tokenOf(url);
  const altered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  const page = await customerPage(browser);
  for (const path of [`/pay/${altered}`, "/pay/not-a-token", "/pay/%27%20OR%201%3D1", `/pay/${token}x`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Secret description")).toHaveCount(0);
  }
});

test("the payer's 404 speaks the payer's language", async ({ browser }) => {
  const russian = await customerPage(browser, { locale: "ru-RU" });
  const res = await russian.goto(`/pay/${"B".repeat(22)}`);
  expect(res?.status()).toBe(404);
  await expect(russian.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
  await expect(russian).toHaveTitle(/Страница не найдена/);
  // The switcher's cookie wins over the browser's language, as on the payer's page.
  const english = await customerPage(browser, { locale: "ru-RU" });
  await english.context().addCookies([{ name: "dp_lang", value: "en", url: res!.url() }]);
  expect((await english.goto("/pay/not-a-token"))?.status()).toBe(404);
  await expect(english.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("an expired link shows that it expired and cannot be confirmed", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url, reference, detailUrl } = await createLink(agent, { amount: "3", description: "Runs out" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, "SEPA bank transfer");
  // Time passes: the link's expiry moves into the past while the customer's page is still open.
  await withProjectDb((db) => db.run("UPDATE payments SET expires_at = ? WHERE token = ?", Date.now() - 1000, tokenOf(url)));
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByRole("heading", { name: "This payment link has expired" })).toBeVisible();
  await expect(customer.getByRole("button", { name: "I have paid" })).toHaveCount(0);
  await agent.goto(detailUrl);
  await expect(agent.getByText(/Expired$/).first()).toBeVisible();
  await agent.goto("/dashboard");
  await expect(agent.getByTestId("pending-row").filter({ hasText: reference })).toHaveCount(0);
});

test("a disabled user loses access on their next request", async ({ browser }) => {
  const email = `leaver-${Date.now()}@example.com`;
  createStaffUser({ email, password: "leaver-password-1", role: "agent" });
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.90" } });
  const page = await context.newPage();
  await signIn(page, { email, password: "leaver-password-1" });
  await page.goto("/dashboard/payments");
  await expect(page.getByRole("heading", { name: "All payments" })).toBeVisible();
  await withProjectDb((db) => db.run("UPDATE users SET active = FALSE WHERE email = ?", email));
  await page.goto("/dashboard/payments");
  await expect(page).toHaveURL(/\/login/);
  // And cannot sign in again.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("leaver-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
});

test("another site cannot make a browser confirm a payment or decide one; nobody decides without signing in", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url, detailUrl } = await createLink(agent, { amount: "9", description: "Forged posts" });
  const token = tokenOf(url);
  const paymentId = new URL(detailUrl).pathname.split("/").pop()!;
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, "SEPA bank transfer");
  const status = async () => (await withProjectDb((db) => db.get<{ status: string }>("SELECT status FROM payments WHERE token = ?", token)))!.status;
  const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

  const confirm = await customer.request.post(`/pay/${token}/confirm`, { headers: evil, multipart: { transactionId: "FORGED" }, maxRedirects: 0 });
  expect(confirm.status()).toBe(403);
  const change = await customer.request.post(`/pay/${token}/method`, { headers: evil, form: { change: "1" }, maxRedirects: 0 });
  expect(change.status()).toBe(403);
  const methodOf = async () => (await withProjectDb((db) => db.get<{ m: number | null }>("SELECT method_id AS m FROM payments WHERE token = ?", token)))!.m;
  expect(await methodOf()).not.toBeNull();
  // The payer's own post without a choice is sent back to choose; nothing changes.
  const none = await customer.request.post(`/pay/${token}/method`, { form: { methodId: "" }, maxRedirects: 0 });
  expect(none.headers()["location"]).toBe(`/pay/${token}?error=choose`);
  expect(await methodOf()).not.toBeNull();
  // The agent's browser holds a session, which a forged form would ride on.
  const cancel = await agent.request.post("/dashboard/decide/cancel", { headers: evil, form: { paymentId, [`reason-${paymentId}`]: "forged" }, maxRedirects: 0 });
  expect(cancel.status()).toBe(403);
  // Without a session: off to sign in, nothing decided.
  const anonymous = await customer.request.post("/dashboard/decide/cancel", { form: { paymentId, reason: "who am I" }, maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
  expect(anonymous.headers()["location"]).toBe("/login");
  // An oversized post is not read at all.
  const huge = await agent.request.post("/dashboard/decide/cancel", { form: { paymentId, [`reason-${paymentId}`]: "x".repeat(70_000) }, maxRedirects: 0 });
  expect(huge.status()).toBe(303);
  expect(huge.headers()["location"]).toBe("/dashboard?error=not_found");
  expect(await status()).toBe("open");

  // The customer's own post goes through.
  const own = await customer.request.post(`/pay/${token}/confirm`, { multipart: { transactionId: "OWN-1" }, maxRedirects: 0 });
  expect(own.status()).toBe(303);
  expect(own.headers()["location"]).toBe(`/pay/${token}`);
  expect(await status()).toBe("submitted");
});
