// The payer's page as three explicit steps (choose → pay with these details → tell us you paid), the reference up
// front, numbers that wrap only between their groups, the desktop's width, times with their zone, what the payer
// sent echoed back, the receipt picker, and a method written in Russian for a Russian payer.
import { expect, test, type Page } from "@playwright/test";
import { withProjectDb } from "./db";
import { chooseMethod, createLink, openConfirmStep, PNG_1X1, pendingRow, staffPage } from "./helpers";

/** Every group of a value (IBAN, account number) sits on one line: an inline box that wraps has two client rects. */
async function groupsBrokenInside(page: Page): Promise<string[]> {
  return page.getByTestId("method-details").locator(".whitespace-nowrap").evaluateAll((spans) =>
    spans.filter((s) => s.getClientRects().length > 1).map((s) => s.textContent ?? ""),
  );
}

test("a phone payer goes through three explicit steps, with the reference up front and step 3 closed until opened", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url, reference } = await createLink(agent, { amount: "250", currency: "EUR", description: "Three steps" });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: "Europe/Berlin", locale: "en-US" });
  const customer = await context.newPage();
  await customer.goto(url);
  // Step 1: the steps are named, the summary carries the reference, and the deadline says its time zone.
  await expect(customer.getByRole("list", { name: "Steps" })).toContainText("Choose");
  await expect(customer.getByTestId("summary-reference")).toContainText(reference);
  await expect(customer.getByText(/^Pay before:/)).toContainText(/GMT\+1|CET/);
  await expect(customer.getByTestId("merchant-name")).toHaveText("Demo Shop");
  await expect(customer.getByRole("button", { name: "Pay", exact: true })).toHaveCount(0);

  // Step 2: the details; the reference beside the amount with its Copy button and the memo advice in one block.
  await chooseMethod(customer, "SEPA bank transfer", { openConfirm: false });
  await expect(customer.getByRole("heading", { name: "Step 2 of 3: Pay with SEPA bank transfer" })).toBeVisible();
  const block = customer.getByTestId("reference-block");
  await expect(block.getByRole("definition").filter({ hasText: reference })).toBeVisible();
  await expect(block.getByRole("button", { name: "Copy Reference" })).toBeVisible();
  await expect(block.getByRole("button", { name: "Copy Amount" })).toBeVisible();
  await expect(block).toContainText("Write this reference in the payment’s comment (memo) field");
  // The IBAN does not break inside a group on a 390 px phone, and nothing sticks out sideways.
  await expect(customer.getByText("DE89 3704 0044 0532 0130 00")).toBeVisible();
  expect(await groupsBrokenInside(customer)).toEqual([]);
  expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Step 3 is closed: no "I have paid" under the instructions until the payer opens it.
  await expect(customer.getByRole("button", { name: "I have paid" })).toBeHidden();
  await openConfirmStep(customer);
  await expect(customer.getByRole("button", { name: "I have paid" })).toBeVisible();

  // The receipt picker: in the page's words, the chosen file's name and a preview of the image.
  const picker = customer.getByTestId("receipt-picker");
  await expect(picker).toContainText("Choose a file");
  await expect(picker).toContainText("No file chosen");
  await customer.getByLabel(/^Transaction ID/).fill("SEPA 2026 0000 0042 7781");
  await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "my-receipt.png", mimeType: "image/png", buffer: PNG_1X1 });
  await expect(picker).toContainText("my-receipt.png");
  await expect(customer.getByRole("img", { name: "Preview of the chosen receipt" })).toBeVisible();
  await customer.getByRole("button", { name: "I have paid" }).click();

  // After paying: "Amount paid", and what was sent echoed back.
  await expect(customer.getByRole("heading", { name: "Thank you — we are checking your payment" })).toBeVisible();
  await expect(customer.getByText("Amount paid")).toBeVisible();
  const sent = customer.getByTestId("what-you-sent");
  await expect(sent).toContainText("SEPA 2026 0000 0042 7781");
  await expect(sent).toContainText("my-receipt.png");
  await expect(sent).toContainText("SEPA bank transfer");
  await expect(sent).toContainText(/GMT\+1|CET/);

  // Approved: the page says when.
  await agent.goto("/dashboard");
  await pendingRow(agent, reference).getByRole("button", { name: `Approve ${reference}` }).click();
  await expect(pendingRow(agent, reference)).toHaveCount(0);
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(customer.getByText("Amount paid")).toBeVisible();
  await expect(customer.getByRole("status")).toContainText(/Approved\s*\w{3} \d{1,2}, \d{4}.*(GMT\+1|CET)/);
  await context.close();
});

test("on a desktop the details and the QR code sit side by side", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url } = await createLink(agent, { amount: "80", currency: "EUR", description: "Wide screen" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const customer = await context.newPage();
  await customer.goto(url);
  await chooseMethod(customer, "SEPA bank transfer", { openConfirm: false });
  const details = (await customer.getByTestId("method-details").boundingBox())!;
  const qr = (await customer.getByTestId("qr").boundingBox())!;
  expect(qr.x).toBeGreaterThanOrEqual(details.x + details.width);
  expect(qr.y).toBeLessThan(details.y + details.height);
  await context.close();
});

test("a method written in Russian reads Russian throughout for a Russian payer; the 404 is branded and translated", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  const name = `Bank transfer SEK ${Date.now() % 100000}`;
  await admin.goto("/dashboard/settings/methods/new");
  await admin.getByLabel("Name shown to customers").fill(name);
  await admin.getByLabel("Accepted currencies").fill("SEK");
  await admin.getByLabel("Label 1").fill("Account number");
  await admin.getByLabel("Value 1").fill("5001 1234 5678 9012");
  await admin.getByLabel("Instructions (Markdown)").fill("Transfer **{{amount}}** with **{{reference}}** in the message.");
  await admin.getByRole("button", { name: "Create method" }).click();
  await expect(admin.getByText(`Method “${name}” created.`)).toBeVisible();
  const { id } = (await withProjectDb((db) => db.get<{ id: number }>("SELECT id FROM payment_methods WHERE name = ?", name)))!;
  await admin.goto(`/dashboard/settings/methods/${id}`);
  await admin.getByText("Translations for the payer’s page").click();
  await admin.getByLabel("Name (Russian)").fill("Банковский перевод (кроны)");
  await admin.getByLabel("“Account number” (Russian)").fill("Номер счёта");
  await admin.getByLabel("Instructions (Russian, Markdown)").fill("Переведите **{{amount}}** и укажите **{{reference}}** в сообщении.");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText(`“${name}” saved`)).toBeVisible();

  const { url } = await createLink(admin, { amount: "120", currency: "SEK", description: "По-русски" });
  const context = await browser.newContext({ locale: "ru-RU", extraHTTPHeaders: { "Accept-Language": "ru-RU" } });
  const customer = await context.newPage();
  await customer.goto(url);
  await customer.getByLabel("Банковский перевод (кроны)").check();
  await customer.getByRole("button", { name: "Показать реквизиты" }).click();
  await expect(customer.getByRole("heading", { name: "Шаг 2 из 3: Оплатите: Банковский перевод (кроны)" })).toBeVisible();
  await expect(customer.getByTestId("method-details").getByRole("term")).toHaveText("Номер счёта");
  await expect(customer.getByText(/^Переведите 120,00/)).toBeVisible();
  await openConfirmStep(customer);
  await expect(customer.getByTestId("receipt-picker")).toContainText("Выбрать файл");
  await expect(customer.getByRole("button", { name: "Я оплатил" })).toBeVisible();
  // Not a word of the English method on the Russian page.
  await expect(customer.locator("main")).not.toContainText(name);
  await expect(customer.locator("main")).not.toContainText("Account number");

  // The 404 of a payer's link: the merchant's name on top, in the payer's language.
  const missing = await customer.goto("/pay/this-link-does-not-exist");
  expect(missing?.status()).toBe(404);
  await expect(customer.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
  await expect(customer.getByTestId("merchant-name")).toHaveText("Demo Shop");
  await context.close();
});

test("an admin uploads the business logo, checked by its bytes; payers see it at the top, served as the image it is", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  const { url } = await createLink(admin, { amount: "5", currency: "EUR", description: "Logo" });
  await admin.goto("/dashboard/settings/business");
  // An SVG (it could carry script) is refused, beside the field.
  await admin.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await admin.getByRole("button", { name: "Save logo" }).click();
  await expect(admin.locator("#logo-error")).toHaveText("The logo must be a PNG, JPEG or WebP image.");
  await admin.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG_1X1 });
  await admin.getByRole("button", { name: "Save logo" }).click();
  await expect(admin.getByText("Logo saved.")).toBeVisible();

  const customer = await (await browser.newContext()).newPage();
  await customer.goto(url);
  const logo = customer.getByTestId("merchant-logo");
  await expect(logo).toBeVisible();
  const src = (await logo.getAttribute("src"))!;
  const served = await customer.request.get(src);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");

  // Removed: the initial of the business name instead, and the old file is gone.
  await admin.getByLabel("Remove the logo").check();
  await admin.getByRole("button", { name: "Save logo" }).click();
  await expect(admin.getByText("Logo removed.")).toBeVisible();
  await customer.reload();
  await expect(customer.getByTestId("merchant-initial")).toBeVisible();
  expect((await customer.request.get(src)).status()).toBe(404);
});
