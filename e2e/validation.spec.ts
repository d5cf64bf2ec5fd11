// Bad input gets a clear message beside its field, keeps what was typed, and writes nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { projectData, createStaffUser } from "./db";
import { chooseMethod, createLink, customerPage, payAndConfirm, signIn, staffPage } from "./helpers";

test.describe("new payment link form", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "agent");
    await page.goto("/dashboard/new");
  });

  const cases: [string, string, string][] = [
    ["1e3", "EUR", "Enter an amount like 19.99."],
    ["-1", "EUR", "The amount must be greater than zero."],
    ["0", "EUR", "The amount must be greater than zero."],
    ["19.999", "EUR", "EUR amounts have at most 2 decimal places."],
    ["1,5", "JPY", "JPY amounts have no decimal places."],
    ["", "EUR", "Enter an amount."],
  ];
  // One signed-in walk through the cases (each on a fresh form): the rules themselves are lib/money's unit tests.
  test("each bad amount says what is wrong beside the field and keeps what was typed", async ({ page }) => {
    for (const [amount, currency, message] of cases) {
      await page.goto("/dashboard/new");
      await page.getByLabel("Amount").fill(amount);
      await page.getByLabel("Currency").selectOption(currency);
      await page.getByLabel("Description").fill("Kept description");
      await page.getByRole("button", { name: "Create payment link" }).click();
      await expect(page.locator("#amount-error"), `amount "${amount}" in ${currency}`).toHaveText(message);
      await expect(page.getByLabel("Amount")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Description")).toHaveValue("Kept description");
      await expect(page.getByLabel("Currency")).toHaveValue(currency);
      await expect(page).toHaveURL(/\/dashboard\/new$/);
    }
  });

  test("every other field explains its problem, and nothing is created", async ({ page }) => {
    await page.getByLabel("Amount").fill("10");
    await page.getByLabel("Description").fill("");
    await page.getByLabel("Customer email (optional)").fill("not-an-email");
    await page.getByLabel("Return URL (optional)").fill("javascript:alert(1)");
    await page.getByLabel("Link stays open for (hours)").fill("0");
    await page.getByRole("button", { name: "Create payment link" }).click();
    await expect(page.locator("#description-error")).toHaveText("Say what the payment is for.");
    await expect(page.locator("#customerEmail-error")).toHaveText("Enter a valid email address, or leave it empty.");
    await expect(page.locator("#returnUrl-error")).toHaveText("Enter a full http(s):// address, or leave it empty.");
    await expect(page.locator("#expiresInHours-error")).toHaveText("At least 1 hour.");
    await expect(page.getByLabel("Customer email (optional)")).toHaveValue("not-an-email");
    await expect(page.getByLabel("Amount")).toHaveValue("10");
    await page.goto("/dashboard/payments?q=not-an-email");
    await expect(page.getByText("No payments match")).toBeVisible();
  });
});

test.describe("confirm form", () => {
  test("a receipt that is not an image or PDF, or is too large, is refused beside the field", async ({ browser }) => {
    const agent = await staffPage(browser);
    const { url, reference } = await createLink(agent, { amount: "9.90", description: "Receipt checks" });
    const customer = await customerPage(browser);
    await customer.goto(url);
    await chooseMethod(customer, "SEPA bank transfer");
    await customer.getByLabel(/^Transaction ID/).fill("KEEP-ME");
    // Named .png, but its bytes are text.
    await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: Buffer.from("just some text, not a picture") });
    await customer.getByRole("button", { name: "I have paid" }).click();
    await expect(customer.locator("#receipt-error")).toHaveText("This file is not a PNG, JPEG, WebP image or a PDF.");
    await expect(customer.getByLabel(/^Transaction ID/)).toHaveValue("KEEP-ME");

    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
    Buffer.from("%PDF-1.7\n").copy(big);
    await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "big.pdf", mimeType: "application/pdf", buffer: big });
    await customer.getByRole("button", { name: "I have paid" }).click();
    await expect(customer.locator("#receipt-error")).toHaveText("The file is larger than 10 MB.");

    // Nothing was submitted.
    await agent.goto("/dashboard");
    await expect(agent.getByTestId("pending-row").filter({ hasText: reference })).toHaveCount(0);
    // A PDF within the limit is accepted.
    await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "ok.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await customer.getByRole("button", { name: "I have paid" }).click();
    await expect(customer.getByText("we are checking your payment")).toBeVisible();
  });

  test("a missing transaction ID is caught on the page before anything is sent, and the chosen file stays chosen", async ({ browser }) => {
    const agent = await staffPage(browser);
    const { url } = await createLink(agent, { amount: "4.20", description: "Checked on the page" });
    const customer = await customerPage(browser);
    await customer.goto(url);
    await chooseMethod(customer, "PayPal");
    const receipt = customer.getByLabel("Receipt (optional)");
    await receipt.setInputFiles({ name: "ok.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    let posted = false;
    customer.on("request", (r) => (posted ||= r.method() === "POST"));
    await customer.getByRole("button", { name: "I have paid" }).click();
    const box = customer.getByLabel(/^Transaction ID/);
    await expect(customer.locator("#transactionId-error")).toHaveText("Enter the transaction ID of your transfer.");
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toBeFocused();
    expect(posted).toBe(false);
    expect(await receipt.evaluate((el: HTMLInputElement) => el.files?.length)).toBe(1);
    await box.fill("PP-42");
    await customer.getByRole("button", { name: "I have paid" }).click();
    await expect(customer.getByText("we are checking your payment")).toBeVisible();
  });

  test("the server checks the same for a post made without the page (and keeps the typed ID)", async ({ browser }) => {
    const agent = await staffPage(browser);
    const { url } = await createLink(agent, { amount: "4.30", description: "Checked on the server" });
    const customer = await customerPage(browser);
    await customer.goto(url);
    await chooseMethod(customer, "PayPal");
    const post = (multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>) =>
      customer.request.post(`${new URL(url).pathname}/confirm`, { multipart, maxRedirects: 0 });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
    Buffer.from("%PDF-1.7\n").copy(big);
    const cases: [Record<string, string | { name: string; mimeType: string; buffer: Buffer }>, string][] = [
      [{ transactionId: "" }, "error=tx-required"],
      [{ transactionId: "T".repeat(101) }, `error=tx-long&tx=${"T".repeat(101)}`],
      [{ transactionId: "KEEP", receipt: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("text") } }, "error=receipt-type&tx=KEEP"],
      [{ transactionId: "KEEP", receipt: { name: "big.pdf", mimeType: "application/pdf", buffer: big } }, "error=receipt-size&tx=KEEP"],
      [{ transactionId: "", receipt: { name: "ok.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") } }, "error=tx-required%2Creceipt-again"],
    ];
    for (const [fields, query] of cases) {
      const res = await post(fields);
      expect(res.status()).toBe(303);
      expect(res.headers()["location"]).toBe(`${new URL(url).pathname}?${query}`);
    }
    // Nothing was submitted: the page still asks.
    await customer.reload();
    await expect(customer.getByRole("button", { name: "I have paid" })).toBeVisible();
  });
});

test("a receipt on its way is written to disk as it arrives, not held in memory, and nothing is left when the payer goes away", async ({ browser, baseURL }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "8.80", description: "Upload in flight" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, "SEPA bank transfer");

  // A 9 MB receipt, of which only the first 2 MB are sent; the bytes carry a mark to find its file by.
  const mark = `inflight-${crypto.randomBytes(8).toString("hex")}`;
  const boundary = "----e2e-inflight";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="transactionId"\r\n\r\nTX-1\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="receipt"; filename="r.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n% ${mark}\n`,
  );
  const size = 9 * 1024 * 1024;
  const req = http.request(new URL(`${new URL(url).pathname}/confirm`, baseURL), {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(size) },
  });
  req.on("error", () => {}); // we cut it off ourselves
  req.write(head);
  req.write(Buffer.alloc(2 * 1024 * 1024 - head.length, 0x20));

  const uploads = path.resolve(projectData().dataDir, "uploads");
  const ours = () =>
    (fs.existsSync(uploads) ? fs.readdirSync(uploads) : [])
      .map((name) => path.join(uploads, name))
      .filter((file) => {
        try {
          return fs.readFileSync(file).subarray(0, 200).includes(mark);
        } catch {
          return false; // removed meanwhile
        }
      });
  // Before the body is complete, the receipt is already a temp file (not a stored receipt's name) and growing.
  await expect.poll(() => ours().map((f) => path.basename(f))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.part$/)]);
  const file = ours()[0];
  await expect.poll(() => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0).toBeGreaterThan(1024 * 1024);

  // The payer goes away: the half-written file is removed, and nothing was submitted.
  req.destroy();
  await expect.poll(() => fs.existsSync(file)).toBe(false);
  expect(ours()).toEqual([]);
  await customer.reload();
  await expect(customer.getByRole("button", { name: "I have paid" })).toBeVisible();
});

test.describe("sign-in", () => {
  test("a wrong password says so and keeps the email", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("agent@example.com");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("agent@example.com");
  });

  test("repeated failures are throttled, even when the right password finally comes", async ({ browser }) => {
    // A throw-away account, so the demo users stay usable by the other tests.
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
    const page = await context.newPage();
    const email = `throttle-${Date.now()}@example.com`;
    createStaffUser({ email, password: "right-password-123", role: "agent" });
    for (let i = 0; i < 5; i++) {
      // A fresh page each time, so the message seen is the answer to this attempt, not the previous one.
      await page.goto("/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    }
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("right-password-123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts. Wait a few minutes and try again." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);

    // Whoever guessed cannot lock the owner out: from another address the right password gets in at once.
    const owner = await (await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.23" } })).newPage();
    await signIn(owner, { email, password: "right-password-123" });
  });
});

test.describe("cancel reason", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`a reason too long says so beside the box and keeps what was typed (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
      const setup = await staffPage(browser);
      const { url, reference } = await createLink(setup, { amount: "8", description: "Long reason" });
      await payAndConfirm(browser, url, "SEPA bank transfer");

      const agent = await (await browser.newContext({ javaScriptEnabled })).newPage();
      await signIn(agent, "agent");
      const row = () => agent.getByTestId("pending-row").filter({ hasText: reference });
      await row().getByLabel(`Cancel ${reference}`).click();
      const typed = "Nothing arrived. ".repeat(33).trim(); // 560 characters: the box takes them, the rule is 500
      await row().getByLabel("Reason (shown to the customer)").fill(typed);
      await row().getByRole("button", { name: "Cancel payment" }).click();
      await expect(row().getByText("Keep the reason under 500 characters.")).toBeVisible();
      await expect(row().getByLabel("Reason (shown to the customer)")).toHaveValue(typed);
      await expect(row().getByLabel("Reason (shown to the customer)")).toHaveAttribute("aria-invalid", "true");
      // Nothing was changed: the payment still waits.
      await expect(row().getByRole("button", { name: `Approve ${reference}` })).toBeVisible();
      await row().getByLabel("Reason (shown to the customer)").fill("Nothing arrived.");
      await row().getByRole("button", { name: "Cancel payment" }).click();
      await expect(agent.getByText(`Payment ${reference} cancelled.`)).toBeVisible();
      await expect(row()).toHaveCount(0);
    });
  }
});
