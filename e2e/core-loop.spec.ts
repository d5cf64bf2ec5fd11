// The seed's story end to end: link → customer pays and confirms → agent approves or cancels → customer sees it.
import { expect, test } from "@playwright/test";
import { chooseMethod, createLink, customerPage, openConfirmStep, openMainMenu, payAndConfirm, PNG_1X1, pendingRow, staffPage } from "./helpers";

test("agent makes a link, customer pays with transaction id and receipt, agent approves, customer sees it approved", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url, reference } = await createLink(agent, {
    amount: "19.99",
    currency: "EUR",
    description: "Leather wallet, brown",
    orderId: "A-5001",
    customerEmail: "wallet.buyer@example.com",
    returnUrl: "https://shop.example/orders/5001",
  });
  // The new link's page: the navigation marks where it lives.
  await expect(agent.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "All payments" })).toHaveAttribute("aria-current", "page");

  const customer = await customerPage(browser);
  await customer.goto(url);
  await expect(customer).toHaveTitle(new RegExp(`Payment ${reference}`));
  await expect(customer.getByText("Demo Shop")).toBeVisible();
  await expect(customer.getByRole("heading", { name: "Leather wallet, brown" })).toBeVisible();
  await expect(customer.getByTestId("amount")).toHaveText("€19.99");
  // EUR 19.99 fits all three demo methods.
  for (const m of ["SEPA bank transfer", "PayPal", "Cash at our shop"]) await expect(customer.getByLabel(m)).toBeVisible();

  await chooseMethod(customer, "PayPal");
  await expect(customer.getByText("payments@demo-shop.example")).toBeVisible();
  await expect(customer.getByRole("definition").filter({ hasText: reference })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Copy PayPal account" })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Copy Reference" })).toBeVisible();
  // The instructions' placeholders are filled in.
  await expect(customer.getByText(`Send €19.99 to the PayPal account above`)).toBeVisible();

  // Coming back later, the link remembers the choice.
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "PayPal" })).toBeVisible();

  await customer.getByLabel(/^Transaction ID/).fill("9XK12345AB678901C");
  await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG_1X1 });
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByRole("heading", { name: "Thank you — we are checking your payment" })).toBeVisible();

  await agent.goto("/dashboard");
  const row = pendingRow(agent, reference);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("€19.99");
  await expect(row).toContainText("PayPal");
  await expect(row).toContainText("9XK12345AB678901C");
  // Who paid, as the bank statement will name them.
  await expect(row.getByRole("cell").filter({ hasText: "wallet.buyer@example.com" })).toBeVisible();
  const receiptHref = await row.getByRole("link", { name: `Receipt for ${reference}` }).getAttribute("href");
  const receipt = await agent.request.get(receiptHref!);
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()["content-type"]).toBe("image/png");
  expect(receipt.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.from(await receipt.body()).equals(PNG_1X1)).toBe(true);

  await row.getByRole("button", { name: `Approve ${reference}` }).click();
  await expect(agent.getByText(`Payment ${reference} approved.`)).toBeVisible();
  await expect(pendingRow(agent, reference)).toHaveCount(0);

  await customer.reload();
  await expect(customer.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(customer.getByRole("link", { name: "Back to the shop" })).toHaveAttribute("href", "https://shop.example/orders/5001");
  await expect(customer.getByRole("button", { name: "I have paid" })).toHaveCount(0);

  // History keeps it, with who did what.
  await agent.goto("/dashboard/payments?q=" + encodeURIComponent(reference));
  await agent.getByRole("link", { name: reference }).click();
  // The receipt as the payer named it, beside the link that opens it.
  await expect(agent.getByTestId("receipt-name")).toHaveText("“receipt.png”,");
  const timeline = agent.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("listitem").locator("p:first-of-type")).toHaveText([
    "Link created by Alex Agent",
    "The customer chose PayPal",
    "The customer says they have paid",
    "Approved by Alex Agent",
  ]);
});

test("agent cancels with a reason: the row leaves Pending and the customer sees the reason", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url, reference } = await createLink(agent, { amount: "45", description: "Cancel story" });
  const customer = await payAndConfirm(browser, url, "SEPA bank transfer");

  await agent.goto("/dashboard");
  const row = pendingRow(agent, reference);
  await row.getByLabel(`Cancel ${reference}`).click();
  await row.getByRole("button", { name: "Cancel payment" }).click();
  await expect(row.getByText("Give the reason the customer will see.")).toBeVisible();
  await row.getByLabel("Reason (shown to the customer)").fill("No transfer with this reference has arrived.");
  await row.getByRole("button", { name: "Cancel payment" }).click();
  await expect(agent.getByText(`Payment ${reference} cancelled.`)).toBeVisible();
  await expect(pendingRow(agent, reference)).toHaveCount(0);

  await customer.reload();
  await expect(customer.getByRole("heading", { name: "Payment cancelled" })).toBeVisible();
  await expect(customer.getByText("No transfer with this reference has arrived.")).toBeVisible();

  // It stays in history.
  await agent.goto("/dashboard/payments?status=cancelled&q=" + encodeURIComponent(reference));
  await expect(agent.getByTestId("payment-row")).toHaveCount(1);
});

test("confirming twice makes one submission and one pending row", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url, reference, detailUrl } = await createLink(agent, { amount: "12.50", description: "Double confirm" });
  // Two tabs on the same link, both showing the Confirm button, and both pressed.
  const tab1 = await customerPage(browser, { javaScriptEnabled: false });
  await tab1.goto(url);
  await chooseMethod(tab1, "SEPA bank transfer");
  const tab2 = await tab1.context().newPage();
  await tab2.goto(url);
  await openConfirmStep(tab2);
  await Promise.all([tab1.getByRole("button", { name: "I have paid" }).click(), tab2.getByRole("button", { name: "I have paid" }).click()]);
  await expect(tab1.getByText("we are checking your payment")).toBeVisible();
  await expect(tab2.getByText("we are checking your payment")).toBeVisible();
  // Opened again, the link offers no second confirmation.
  await tab2.goto(url);
  await expect(tab2.getByRole("button", { name: "I have paid" })).toHaveCount(0);

  await agent.goto("/dashboard");
  await expect(pendingRow(agent, reference)).toHaveCount(1);
  await agent.goto(detailUrl);
  await expect(agent.getByRole("region", { name: "Timeline" }).getByText("The customer says they have paid")).toHaveCount(1);
  // Fields the link was made without are left out, not shown as rows of "—".
  const fields = agent.getByRole("region", { name: "Details" });
  await expect(fields.getByRole("term")).toContainText(["Amount", "Description", "Method", "Created", "Submitted"]);
  for (const absent of ["Order ID", "Customer", "Transaction ID", "Reason", "Return URL", "Receipt"]) await expect(fields.getByRole("term").filter({ hasText: new RegExp(`^${absent}$`) })).toHaveCount(0);
  await expect(fields.getByText("—", { exact: true })).toHaveCount(0);
});

test("an agent's double click on Approve approves once and says so, not \"already decided\"", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url, reference, detailUrl } = await createLink(agent, { amount: "14", description: "Double click" });
  await payAndConfirm(browser, url, "SEPA bank transfer");

  await agent.goto("/dashboard", { waitUntil: "networkidle" });
  // A slow network: the answer to the first press is held until the second press has landed, however slow the machine.
  let posts = 0;
  let pressedAgain!: () => void;
  const secondPress = new Promise<void>((r) => (pressedAgain = r));
  await agent.exposeFunction("pressedAgain", () => pressedAgain());
  await agent.route("**/dashboard/decide/**", async (route) => {
    posts++;
    await secondPress;
    await route.continue().catch(() => {}); // a post the browser gave up on is not sent
  });
  // Pressed, and pressed again 200 ms later while the page still waits for the answer.
  await pendingRow(agent, reference)
    .getByRole("button", { name: `Approve ${reference}` })
    .evaluate((b: HTMLButtonElement) => {
      b.click();
      setTimeout(() => {
        b.click();
        (window as unknown as { pressedAgain: () => void }).pressedAgain();
      }, 200);
    });
  await expect(agent.getByText(`Payment ${reference} approved.`)).toBeVisible();
  await expect(agent.getByText("was already decided")).toHaveCount(0);
  expect(posts).toBe(1);
  await agent.goto(detailUrl);
  await expect(agent.getByRole("region", { name: "Timeline" }).getByText(/^Approved by/)).toHaveCount(1);
});

test("two agents deciding one payment at once: one wins, the other is told", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const admin = await staffPage(browser, "admin");
  const { url, reference } = await createLink(agent, { amount: "30", description: "Race" });
  const customer = await payAndConfirm(browser, url, "SEPA bank transfer");

  await agent.goto("/dashboard");
  await admin.goto("/dashboard");
  await pendingRow(agent, reference).getByRole("button", { name: `Approve ${reference}` }).click();
  await expect(agent.getByText(`Payment ${reference} approved.`)).toBeVisible();
  // The admin's page is stale: the row is still there, and pressing Cancel must not undo the approval.
  const stale = pendingRow(admin, reference);
  await stale.getByLabel(`Cancel ${reference}`).click();
  await stale.getByLabel("Reason (shown to the customer)").fill("Not found");
  await stale.getByRole("button", { name: "Cancel payment" }).click();
  await expect(admin.getByText(`Payment ${reference} was already decided by someone else: it is now approved.`)).toBeVisible();
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "Payment received" })).toBeVisible();
});

test("on a phone, All payments shows each payment's status and amount without scrolling sideways", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { reference } = await createLink(agent, { amount: "1234.56", description: "A rather long description of what was bought, for a narrow screen" });
  for (const width of [390, 800, 1280]) {
    await agent.setViewportSize({ width, height: 844 });
    await agent.goto("/dashboard/payments?q=" + encodeURIComponent(reference));
    const row = agent.getByTestId("payment-row");
    await expect(row).toHaveCount(1);
    for (const shown of [row.getByRole("link", { name: reference }), row.getByText(/Open$/).filter({ visible: true }), row.getByText("€1,234.56").filter({ visible: true })]) {
      await expect(shown).toBeVisible();
      const box = (await shown.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // Every link of the menu is on screen, none scrolled out of sight (below 1280 px, behind the Menu button).
    await openMainMenu(agent);
    const links = agent.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(links).toHaveCount(6);
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      expect(box.x + box.width, (await link.textContent()) ?? "").toBeLessThanOrEqual(width);
    }
  }
});

test("the Pending queue keeps Approve and Cancel on screen at every width, a card on a phone or tablet, a row from 1024 px", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  const { url, reference } = await createLink(agent, { amount: "15", description: "Widths" });
  await payAndConfirm(browser, url, "SEPA bank transfer", "SEPA-2026-11-27-0042-WIDTH");

  for (const width of [390, 800, 1024, 1280]) {
    await agent.setViewportSize({ width, height: 900 });
    await agent.goto("/dashboard");
    const row = pendingRow(agent, reference);
    for (const button of [row.getByRole("button", { name: `Approve ${reference}` }), row.getByLabel(`Cancel ${reference}`)]) {
      await expect(button).toBeVisible();
      const box = (await button.boundingBox())!;
      expect(box.x + box.width, `${width} px`).toBeLessThanOrEqual(width);
    }
    await expect(agent.getByRole("columnheader", { name: "Actions" })).toBeVisible({ visible: width >= 1024 });
  }
});
