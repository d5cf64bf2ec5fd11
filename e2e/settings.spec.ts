// Admin settings: payment methods with a QR code, users, business profile; and agents are kept out of all of it.
import { expect, test, type Page } from "@playwright/test";
import { chooseMethod, createLink, customerPage, methodMenu, methodRow, signIn, staffPage, USERS } from "./helpers";

// These stories change shared settings (order, profile, users), so they take turns.
test.describe.configure({ mode: "serial" });

/** A method whose account is entered once, in its QR section: the payer copies those fields (no detail lines typed). */
async function addEpcMethod(admin: Page, name: string) {
  await admin.goto("/dashboard/settings/methods/new");
  // No example value sits in an empty box, where it would read as one: examples are in the hints.
  await expect(admin.locator("main [placeholder]")).toHaveCount(0);
  await admin.getByLabel("Name shown to customers").fill(name);
  await admin.getByLabel("Kind").selectOption("bank_transfer");
  await admin.getByLabel("Accepted currencies").fill("EUR");
  await admin.getByLabel("QR standard").selectOption("epc");
  await admin.getByLabel("Account holder", { exact: true }).fill("Kiezladen Berlin GmbH");
  // A typo in the IBAN: the checksum catches it, beside the field.
  await admin.getByLabel("IBAN", { exact: true }).fill("DE02 1203 0000 0000 2020 52");
  await admin.getByLabel("BIC (optional)").fill("BYLADEM1001");
  await admin.getByLabel("Instructions (Markdown)").fill("Scan the QR code or transfer **{{amount}}** with reference **{{reference}}**.");
  // The live preview renders the Markdown with sample values.
  const preview = admin.getByTestId("instructions-preview");
  await expect(preview).toHaveText("Scan the QR code or transfer €49.90 with reference ABCD-2345.");
  await expect(preview.locator("strong")).toHaveText(["€49.90", "ABCD-2345"]);
  await admin.getByRole("button", { name: "Create method" }).click();
  await expect(admin.locator("[id='qr.iban-error']")).toContainText("checksum");
  // What was typed is still there.
  await expect(admin.getByLabel("Name shown to customers")).toHaveValue(name);
  await expect(admin.getByLabel("Account holder", { exact: true })).toHaveValue("Kiezladen Berlin GmbH");
  await expect(admin.getByTestId("instructions-preview")).toContainText("€49.90");
  await admin.getByLabel("IBAN", { exact: true }).fill("DE02 1203 0000 0000 2020 51");
  await admin.getByRole("button", { name: "Create method" }).click();
  await expect(admin.getByText(`Method “${name}” created.`)).toBeVisible();
  await expect(methodRow(admin, name)).toContainText("QR: EPC QR");
}

test("an admin adds a bank transfer with an EPC QR code; customers see it with copyable details; disabling hides it from new payments only", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  const name = `GiroCode Kiezladen ${Date.now() % 100000}`;
  await addEpcMethod(admin, name);

  // Preview as customer.
  await (await methodMenu(admin, name)).getByRole("link", { name: `Preview ${name}` }).click();
  await expect(admin.getByRole("img", { name: "QR code with these payment details" })).toBeVisible();
  await expect(admin.getByText("Kiezladen Berlin GmbH").first()).toBeVisible();

  const { url: chosenUrl } = await createLink(admin, { amount: "42.50", currency: "EUR", description: "QR story" });
  const customer = await customerPage(browser);
  await customer.goto(chosenUrl);
  await chooseMethod(customer, name);
  await expect(customer.getByText("DE02 1203 0000 0000 2020 51")).toBeVisible();
  await expect(customer.getByRole("button", { name: "Copy IBAN" })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Copy Account holder" })).toBeVisible();
  const qr = customer.getByRole("img", { name: "QR code with these payment details" });
  await expect(qr).toBeVisible();
  await expect(qr.locator("svg path").first()).toBeAttached();
  await expect(customer.getByText("Scan the QR code or transfer €42.50")).toBeVisible();

  // A USD payment does not offer an EUR-only method.
  const { url: usdUrl } = await createLink(admin, { amount: "10", currency: "USD", description: "Dollars" });
  await customer.goto(usdUrl);
  await expect(customer.getByLabel("PayPal")).toBeVisible();
  await expect(customer.getByLabel(name)).toHaveCount(0);

  // Disable it: new payments no longer offer it, the payment that chose it keeps its details.
  await admin.goto("/dashboard/settings/methods");
  await (await methodMenu(admin, name)).getByRole("button", { name: `Disable ${name}` }).click();
  await expect(admin.getByText(`“${name}” is disabled`)).toBeVisible();
  const { url: laterUrl } = await createLink(admin, { amount: "42.50", currency: "EUR", description: "After disabling" });
  await customer.goto(laterUrl);
  await expect(customer.getByLabel("SEPA bank transfer")).toBeVisible();
  await expect(customer.getByLabel(name)).toHaveCount(0);
  await customer.goto(chosenUrl);
  await expect(customer.getByRole("heading", { name })).toBeVisible();
  await expect(customer.getByText("DE02 1203 0000 0000 2020 51")).toBeVisible();
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByText("we are checking your payment")).toBeVisible();

  // A method payments have used can be archived but not deleted.
  await admin.goto("/dashboard/settings/methods");
  const menu = await methodMenu(admin, name);
  await expect(menu.locator("summary").filter({ hasText: "Delete" })).toHaveCount(0);
  await menu.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(methodRow(admin, name)).toContainText("Archived");
});

test("editing a method changes what new customers see, never what an earlier customer was shown", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  const name = `Wise ${Date.now() % 100000}`;
  await admin.goto("/dashboard/settings/methods/new");
  await admin.getByLabel("Name shown to customers").fill(name);
  await admin.getByLabel("Kind").selectOption("e_wallet");
  await admin.getByLabel("Accepted currencies").fill("eur, usd");
  await admin.getByLabel("Minimum amount").fill("5");
  await admin.getByLabel("Maximum amount").fill("1");
  await admin.getByLabel("Label 1").fill("Wise e-mail");
  await admin.getByLabel("Value 1").fill("old@wise.example");
  await admin.getByRole("button", { name: "Create method" }).click();
  await expect(admin.locator("#maxAmount-error")).toHaveText("The maximum must not be below the minimum.");
  await admin.getByLabel("Maximum amount").fill("500");
  await admin.getByRole("button", { name: "Create method" }).click();
  await expect(admin.getByText(`Method “${name}” created.`)).toBeVisible();

  const { url: first } = await createLink(admin, { amount: "20", description: "Before the edit" });
  const customer = await customerPage(browser);
  await customer.goto(first);
  await chooseMethod(customer, name);
  await expect(customer.getByText("old@wise.example")).toBeVisible();

  // Below the minimum: not offered.
  const { url: tooSmall } = await createLink(admin, { amount: "4.99", description: "Too small" });
  await customer.goto(tooSmall);
  await expect(customer.getByLabel(name)).toHaveCount(0);

  await admin.goto("/dashboard/settings/methods");
  await methodRow(admin, name).getByRole("link", { name: `Edit ${name}` }).click();
  await admin.getByLabel("Value 1").fill("new@wise.example");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText(`Method “${name}” saved.`)).toBeVisible();

  await customer.goto(first);
  await expect(customer.getByText("old@wise.example")).toBeVisible();
  const { url: second } = await createLink(admin, { amount: "20", description: "After the edit" });
  await customer.goto(second);
  await chooseMethod(customer, name);
  await expect(customer.getByText("new@wise.example")).toBeVisible();

  // Reorder: moving it up puts it before its neighbour on the customer page.
  await admin.goto("/dashboard/settings/methods");
  const before = await admin.getByTestId("method-row").getByRole("heading").allTextContents();
  await (await methodMenu(admin, name)).getByRole("button", { name: `Move ${name} up` }).click();
  await expect(admin.getByText("Order changed.")).toBeVisible();
  const after = await admin.getByTestId("method-row").getByRole("heading").allTextContents();
  const i = before.indexOf(name);
  expect(after.indexOf(name)).toBe(i - 1);
  // Clean up so other stories see only the demo methods' order.
  await (await methodMenu(admin, name)).getByRole("button", { name: `Archive ${name}` }).click();
});

test("New payment link warns when no enabled method accepts its currency and amount; so does the link's page", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  // The demo's cash desk takes any currency and amount: narrow it for a moment (restored below).
  const editCash = async (currencies: string, max: string) => {
    await admin.goto("/dashboard/settings/methods");
    await methodRow(admin, "Cash at our shop").getByRole("link", { name: "Edit Cash at our shop" }).click();
    await admin.getByLabel("Accepted currencies").fill(currencies);
    await admin.getByLabel("Maximum amount").fill(max);
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText("Method “Cash at our shop” saved.")).toBeVisible();
  };
  await editCash("EUR, USD, GBP", "20000");
  try {
    await expect(methodRow(admin, "Cash at our shop")).toContainText("up to 20,000");
    await expect(methodRow(admin, "SEPA bank transfer")).toContainText("€1.00 to €15,000.00");
    await admin.goto("/dashboard/new");
    const warning = admin.getByTestId("no-method-warning");
    await admin.getByLabel("Amount").fill("100");
    await admin.getByLabel("Currency").selectOption("EUR");
    await expect(warning).toHaveCount(0);
    await admin.getByLabel("Amount").fill("20000.01");
    await expect(warning).toContainText("No enabled payment method accepts this amount in EUR");
    await admin.getByLabel("Amount").fill("100");
    await expect(warning).toHaveCount(0);
    await admin.getByLabel("Currency").selectOption("CHF");
    await expect(warning).toContainText("No enabled payment method accepts this amount in CHF");
    await admin.getByLabel("Description").fill("Nothing takes francs");
    await admin.getByRole("button", { name: "Create payment link" }).click();
    await expect(admin.getByText("Payment link created")).toBeVisible();
    await expect(admin.getByText("No enabled payment method accepts this payment’s currency and amount.")).toBeVisible();
  } finally {
    await editCash("", "");
  }
});

test("an agent is refused every settings page, and the navigation offers none", async ({ browser }) => {
  const agent = await staffPage(browser, "agent");
  for (const path of ["/dashboard/settings", "/dashboard/settings/methods", "/dashboard/settings/methods/new", "/dashboard/settings/methods/1", "/dashboard/settings/methods/1/preview", "/dashboard/settings/users", "/dashboard/settings/business"]) {
    await agent.goto(path);
    await expect(agent, path).toHaveURL(/\/dashboard\?error=forbidden$/);
    await expect(agent.getByText("Only an admin can open that page.")).toBeVisible();
  }
  await expect(agent.getByRole("link", { name: "Settings" })).toHaveCount(0);
  // Each settings action checking the role itself (an admin's page submitted with the agent's session, the database
  // unchanged) is the authorization matrix's job: it posts every server action of the build as an agent and compares
  // the database before and after (e2e/authorization-matrix.spec.ts).
});

test("users: the last admin cannot demote or disable themself; a new agent can sign in; a password can be reset", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  await admin.goto("/dashboard/settings/users");
  await admin.getByLabel(`Role of ${USERS.admin.email}`).selectOption("agent");
  await admin.getByRole("button", { name: `Change role of ${USERS.admin.email}` }).click();
  await expect(admin.getByText("That would leave no active admin. Make someone else an admin first.")).toBeVisible();
  await admin.getByText(`Disable ${USERS.admin.email}`).click();
  await admin.getByRole("button", { name: `Disable ${USERS.admin.name}` }).click();
  await expect(admin.getByText("That would leave no active admin.")).toBeVisible();
  await expect(admin.getByTestId("user-row").filter({ hasText: USERS.admin.email })).toContainText("Active");

  const email = `new-agent-${Date.now()}@example.com`;
  // A fresh page, so nothing from the refused changes above is still in flight when the form is sent.
  await admin.goto("/dashboard/settings/users");
  await admin.getByLabel("Email", { exact: true }).fill(email);
  await admin.getByLabel("Name", { exact: true }).fill("Nina New");
  await admin.getByLabel("Initial password").fill("short");
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin.locator("#new-password-error")).toHaveText("The password must be at least 10 characters long.");
  await expect(admin.getByLabel("Email", { exact: true })).toHaveValue(email);
  await admin.getByLabel("Initial password").fill("first-password-1");
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin.getByText(`${email} can now sign in.`)).toBeVisible();

  await admin.getByText(`Reset password of ${email}`).click();
  await admin.getByLabel(`New password for ${email}`).fill("second-password-2");
  await admin.getByRole("button", { name: "Set password" }).click();
  await expect(admin.getByText(`New password set for ${email}.`)).toBeVisible();

  const nina = await (await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.120" } })).newPage();
  await signIn(nina, { email, password: "second-password-2" });
  await expect(nina.getByRole("link", { name: "Settings" })).toHaveCount(0);
  // Nina changes her own password.
  await nina.getByRole("link", { name: /Nina New/ }).click();
  await nina.getByLabel("Current password").fill("wrong-password");
  await nina.getByLabel("New password", { exact: true }).fill("third-password-3");
  await nina.getByLabel("New password again").fill("third-password-3");
  await nina.getByRole("button", { name: "Change password" }).click();
  await expect(nina.locator("#current-error")).toHaveText("That is not your current password.");
  await nina.getByLabel("Current password").fill("second-password-2");
  await nina.getByLabel("New password", { exact: true }).fill("third-password-3");
  await nina.getByLabel("New password again").fill("third-password-3");
  await nina.getByRole("button", { name: "Change password" }).click();
  await expect(nina.getByText("Password changed.")).toBeVisible();

  // Disabled: out at the next request.
  await admin.goto("/dashboard/settings/users");
  await admin.getByText(`Disable ${email}`).click();
  await admin.getByRole("button", { name: "Disable Nina New" }).click();
  await expect(admin.getByText(`${email} is disabled`)).toBeVisible();
  await nina.goto("/dashboard");
  await expect(nina).toHaveURL(/\/login/);
});

test("business profile: bad input is explained; defaults feed the new payment link form", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  await admin.goto("/dashboard/settings/business");
  await admin.getByLabel("Business name").fill("");
  await admin.getByLabel("Support contact").fill("not a contact");
  await admin.getByLabel("Hours a payment link stays open").fill("0");
  await admin.getByRole("button", { name: "Save profile" }).click();
  await expect(admin.locator("#name-error")).toHaveText("Enter the name customers know you by.");
  await expect(admin.locator("#supportContact-error")).toHaveText("Enter an email address or a full https:// address, or leave it empty.");
  await expect(admin.locator("#defaultHoursOpen-error")).toHaveText("At least 1 hour.");
  await expect(admin.getByLabel("Support contact")).toHaveValue("not a contact");

  await admin.getByLabel("Business name").fill("Demo Shop");
  await admin.getByLabel("Support contact").fill("https://demo-shop.example/help");
  await admin.getByLabel("Hours a payment link stays open").fill("48");
  await admin.getByRole("button", { name: "Save profile" }).click();
  await expect(admin.getByText("Business profile saved.")).toBeVisible();
  await admin.goto("/dashboard/new");
  await expect(admin.getByLabel("Link stays open for (hours)")).toHaveValue("48");

  // Restore what the other stories expect.
  await admin.goto("/dashboard/settings/business");
  await admin.getByLabel("Support contact").fill("support@demo-shop.example");
  await admin.getByLabel("Hours a payment link stays open").fill("72");
  await admin.getByRole("button", { name: "Save profile" }).click();
  await expect(admin.getByText("Business profile saved.")).toBeVisible();
});
