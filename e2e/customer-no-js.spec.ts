// The customer's whole flow with JavaScript turned off, on a phone-sized screen, in both languages.
import { expect, test } from "@playwright/test";
import { chooseMethod, createLink, customerPage, staffPage } from "./helpers";

test("the customer flow works without JavaScript on a 360 px screen", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url, reference } = await createLink(agent, { amount: "250", currency: "EUR", description: "Phone without JS" });

  const customer = await customerPage(browser, { javaScriptEnabled: false });
  await customer.setViewportSize({ width: 360, height: 740 });
  await customer.goto(url);
  await expect(customer.getByTestId("amount")).toHaveText("€250.00");
  // Nothing sticks out sideways on a phone.
  const overflow = await customer.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(360);

  // Pressing Pay without a choice is refused by the browser (required radio), so choose, then change our mind.
  await chooseMethod(customer, "SEPA bank transfer");
  await expect(customer.getByText("DE89 3704 0044 0532 0130 00")).toBeVisible();
  // Copy buttons need JavaScript; without it they are not shown at all.
  await expect(customer.getByRole("button", { name: /^Copy/ })).toHaveCount(0);
  await customer.getByRole("button", { name: "Choose another method" }).click();
  await chooseMethod(customer, "PayPal");

  // PayPal requires the transaction id: without JavaScript the browser itself refuses to send the form empty.
  const txBox = customer.getByLabel(/^Transaction ID/);
  await customer.getByRole("button", { name: "I have paid" }).click();
  expect(await txBox.evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
  await expect(customer).toHaveURL(url);
  // What the browser cannot check, the server does: the message beside the field, and what was typed kept.
  const tooLong = "NOJS-" + "7".repeat(120);
  await txBox.fill(tooLong);
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.locator("#transactionId-error")).toHaveText("The transaction ID can be at most 100 characters.");
  await expect(txBox).toHaveAttribute("aria-invalid", "true");
  await expect(txBox).toHaveValue(tooLong);
  await txBox.fill("NOJS-TXN-1");
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByRole("heading", { name: "Thank you — we are checking your payment" })).toBeVisible();

  await agent.goto("/dashboard");
  await expect(agent.getByTestId("pending-row").filter({ hasText: reference })).toContainText("NOJS-TXN-1");
});

test("the page speaks Russian to a Russian browser, and the switcher changes it without JavaScript", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url } = await createLink(agent, { amount: "1500,5", currency: "EUR", description: "Язык" });
  const customer = await customerPage(browser, { javaScriptEnabled: false, locale: "ru-RU" });
  await customer.goto(url);
  await expect(customer.getByText("Сумма к оплате")).toBeVisible();
  await expect(customer.getByText("Выберите способ оплаты")).toBeVisible();
  // Amount in the payer's locale: Russian groups thousands with a space and uses a decimal comma.
  await expect(customer.getByTestId("amount")).toHaveText(/1\s500,50\s€/);
  await customer.getByRole("link", { name: "English" }).click();
  await expect(customer.getByText("Amount to pay")).toBeVisible();
  await customer.getByRole("link", { name: "Русский" }).click();
  await expect(customer.getByRole("button", { name: "Показать реквизиты" })).toBeVisible();
  // The demo's methods in Russian: their names, the details' labels (the QR fields' too) and the instructions, whose
  // deadline names its zone (UTC without JavaScript).
  await expect(customer.getByLabel("Наличными в нашем магазине")).toBeVisible();
  await customer.getByLabel("Банковский перевод SEPA").check();
  await customer.getByRole("button", { name: "Показать реквизиты" }).click();
  await expect(customer.getByRole("heading", { name: "Шаг 2 из 3: Оплатите: Банковский перевод SEPA" })).toBeVisible();
  await expect(customer.getByTestId("method-details").getByRole("term")).toHaveText(["Получатель", "IBAN", "BIC", "Банк"]);
  const instructions = customer.getByTestId("instructions");
  await expect(instructions).toContainText("В приложении банка начните перевод SEPA ровно на 1 500,50 €.");
  await expect(instructions.locator("time")).toHaveText(/ UTC$/);
  await expect(customer.locator("main")).not.toContainText(/SEPA bank transfer|Account holder|remittance/);
});

test("an agent can decide payments in the Pending queue without JavaScript", async ({ browser }) => {
  const setup = await staffPage(browser, "agent");
  const a = await createLink(setup, { amount: "11", description: "No-JS approve" });
  const c = await createLink(setup, { amount: "12", description: "No-JS cancel" });
  const customer = await customerPage(browser, { javaScriptEnabled: false });
  for (const link of [a, c]) {
    await customer.goto(link.url);
    await chooseMethod(customer, "SEPA bank transfer");
    await customer.getByRole("button", { name: "I have paid" }).click();
    await expect(customer.getByText("we are checking your payment")).toBeVisible();
  }

  const agent = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await agent.goto("/login");
  await agent.getByLabel("Email").fill("agent@example.com");
  await agent.getByLabel("Password").fill("agent-demo-pass");
  await agent.getByRole("button", { name: "Sign in" }).click();
  await expect(agent.getByRole("heading", { name: "Pending" })).toBeVisible();

  const row = agent.getByTestId("pending-row").filter({ hasText: c.reference });
  await row.getByLabel(`Cancel ${c.reference}`).click();
  await row.getByRole("button", { name: "Cancel payment" }).click();
  // The answer comes back as a new page; the reason box stays open with its message.
  await expect(agent.getByTestId("pending-row").filter({ hasText: c.reference }).getByText("Give the reason the customer will see.")).toBeVisible();
  const again = agent.getByTestId("pending-row").filter({ hasText: c.reference });
  await again.getByLabel("Reason (shown to the customer)").fill("Nothing arrived");
  await again.getByRole("button", { name: "Cancel payment" }).click();
  await expect(agent.getByText(`Payment ${c.reference} cancelled.`)).toBeVisible();

  await agent.getByRole("button", { name: `Approve ${a.reference}` }).click();
  await expect(agent.getByText(`Payment ${a.reference} approved.`)).toBeVisible();
  await expect(agent.getByTestId("pending-row").filter({ hasText: a.reference })).toHaveCount(0);
});
