// Connection requests: an agent asks for a payment method, talks it through with an admin, and the admin connects it.
import { expect, test, type Page } from "@playwright/test";
import { projectData, createStaffUser, storyDb, withProjectDb } from "./db";
import { actAs, chooseMethod, createLink, customerPage, methodMenu, methodRow, signIn, staffPage } from "./helpers";

async function fileRequest(page: Page, system: string, details = "") {
  await page.goto("/dashboard/requests/new");
  await page.getByLabel("Payment system").fill(system);
  await page.getByLabel("Countries").fill("Germany");
  await page.getByLabel("Currencies").fill("EUR");
  if (details) await page.getByLabel("Account details to show customers (optional)").fill(details);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Request sent.")).toBeVisible();
  return page.url().split("?")[0];
}

test("an agent files a request, an admin comments, the agent answers, the admin creates the method from it; customers can pay with it", async ({ browser }) => {
  const stamp = Date.now() % 1_000_000;
  const system = `Revolut ${stamp}`;
  const tag = `@demoshop${stamp}`;

  // The agent reaches the form from the dashboard's navigation.
  const agent = await staffPage(browser, "agent");
  await agent.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My requests" }).click();
  await expect(agent.getByRole("heading", { name: "My requests", level: 1 })).toBeVisible();
  await agent.getByRole("link", { name: "Request a payment method" }).first().click();
  await expect(agent.getByRole("heading", { name: "Request a payment method", level: 1 })).toBeVisible();

  // Mistakes are explained beside their fields, and what was typed stays.
  await agent.getByLabel("Payment system").fill(system);
  await agent.getByLabel("Website (optional)").fill("javascript:alert(1)");
  await agent.getByLabel("Currencies").fill("eur, EURO");
  await agent.getByLabel("How customers will pay (optional)").fill("Customers send the amount to our Revolut tag from the Revolut app.");
  await agent.getByLabel("Account details to show customers (optional)").fill(`Revolut tag: ${tag}\nPhone: +49 170 1234567`);
  await agent.getByLabel("Comment (optional)").fill("Half of our customers in Berlin ask for it.");
  await agent.getByRole("button", { name: "Send request" }).click();
  await expect(agent.locator("#countries-error")).toHaveText("Say where your customers pay from, e.g. “Germany, Austria” or “worldwide”.");
  await expect(agent.locator("#currencies-error")).toContainText("Not an ISO 4217 currency code: EURO");
  await expect(agent.locator("#website-error")).toHaveText("Enter a web address like https://www.revolut.com, or leave it empty.");
  await expect(agent.getByLabel("Currencies")).toHaveAttribute("aria-invalid", "true");
  await expect(agent.getByLabel("Payment system")).toHaveValue(system);
  await expect(agent.getByLabel("Account details to show customers (optional)")).toHaveValue(`Revolut tag: ${tag}\nPhone: +49 170 1234567`);
  await expect(agent.getByLabel("Comment (optional)")).toHaveValue("Half of our customers in Berlin ask for it.");

  await agent.getByLabel("Website (optional)").fill("www.revolut.com");
  await agent.getByLabel("Countries").fill("Germany, Austria");
  await agent.getByLabel("Currencies").fill("eur, gbp");
  await agent.getByRole("button", { name: "Send request" }).click();
  await expect(agent.getByText("Request sent.")).toBeVisible();
  await expect(agent.getByRole("heading", { name: system, level: 1 })).toBeVisible();
  await expect(agent.getByTestId("request-status")).toHaveText(/New$/);
  await expect(agent.getByRole("link", { name: "https://www.revolut.com" })).toBeVisible();
  await expect(agent.getByText("EUR, GBP")).toBeVisible();
  const requestUrl = agent.url().split("?")[0];

  // "My requests" lists it with its status and last update.
  await agent.getByRole("link", { name: "← My requests" }).click();
  const myRow = agent.getByTestId("request-row").filter({ hasText: system });
  await expect(myRow).toContainText("New");
  await expect(myRow).toContainText("Updated");
  await expect(myRow.locator("time")).toBeVisible();

  // The admin sees the count of new requests in the navigation, and the request in the queue.
  const admin = await staffPage(browser, "admin");
  const requestsLink = admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Requests/ });
  await expect(requestsLink).toHaveText(/^Requests\s*\d+$/);
  await requestsLink.click();
  await expect(admin.getByRole("heading", { name: "Requests", level: 1 })).toBeVisible();
  const queueRow = admin.getByTestId("request-row").filter({ hasText: system });
  await expect(queueRow).toContainText("by Alex Agent");
  await expect(queueRow).toContainText("New");
  await queueRow.getByRole("link", { name: system }).click();
  await expect(admin.getByRole("heading", { name: system, level: 1 })).toBeVisible();

  await admin.getByRole("button", { name: "Start working" }).click();
  await expect(admin.getByText("Marked as in progress.")).toBeVisible();
  await expect(admin.getByTestId("thread-status").filter({ hasText: "started working on it" })).toContainText("Ada Admin");
  await expect(admin.getByTestId("thread-status").filter({ hasText: "started working on it" })).toContainText("New → In progress");
  // An empty comment is refused beside the field.
  await admin.getByRole("button", { name: "Send comment" }).click();
  await expect(admin.locator("#comment-body-error")).toHaveText("Write something first.");
  await admin.getByLabel("Add a comment").fill("Is it a Revolut Business account? We can only take EUR there.");
  await admin.getByRole("button", { name: "Send comment" }).click();
  await expect(admin.getByText("Comment added.")).toBeVisible();

  // The agent reads the question and answers; the admin's buttons are not theirs.
  await agent.goto(requestUrl);
  await expect(agent.getByTestId("thread-comment").filter({ hasText: "Is it a Revolut Business account?" })).toContainText("Ada Admin");
  await expect(agent.getByTestId("request-status")).toHaveText(/In progress$/);
  await expect(agent.getByRole("button", { name: "Start working" })).toHaveCount(0);
  await expect(agent.getByRole("link", { name: "Create method from request" })).toHaveCount(0);
  await expect(agent.getByText("Decline…")).toHaveCount(0);
  await agent.getByLabel("Add a comment").fill("Yes, Business. EUR only is fine.");
  await agent.getByRole("button", { name: "Send comment" }).click();
  await expect(agent.getByText("Comment added.")).toBeVisible();
  await expect(agent.getByTestId("thread-comment").filter({ hasText: "Yes, Business. EUR only is fine." })).toContainText("Alex Agent");

  // The admin creates the method from the request: the form is filled in from it.
  await admin.reload();
  await expect(admin.getByTestId("thread-comment").filter({ hasText: "Yes, Business. EUR only is fine." })).toBeVisible();
  await admin.getByRole("link", { name: "Create method from request" }).click();
  await expect(admin.getByRole("heading", { name: "Create method from request" })).toBeVisible();
  await expect(admin.getByLabel("Name shown to customers")).toHaveValue(system);
  await expect(admin.getByLabel("Kind")).toHaveValue("e_wallet");
  await expect(admin.getByLabel("Accepted currencies")).toHaveValue("EUR, GBP");
  await expect(admin.getByLabel("Label 1")).toHaveValue("Revolut tag");
  await expect(admin.getByLabel("Value 1")).toHaveValue(tag);
  await expect(admin.getByLabel("Label 2")).toHaveValue("Phone");
  await expect(admin.getByLabel("Value 2")).toHaveValue("+49 170 1234567");
  await expect(admin.getByLabel("Instructions (Markdown)")).toHaveValue(/^Customers send the amount to our Revolut tag[\s\S]*\{\{reference\}\}/);
  // A mistake is explained beside its field, and nothing is created yet.
  await admin.getByLabel("Accepted currencies").fill("EUR, XYZ");
  await admin.getByRole("button", { name: "Create method and mark done" }).click();
  await expect(admin.locator("#currencies-error")).toContainText("XYZ");
  await expect(admin.getByLabel("Value 1")).toHaveValue(tag);
  const db = storyDb(projectData());
  expect(await db.get("SELECT CAST(count(*) AS INTEGER) AS n FROM payment_methods WHERE name = ?", system)).toEqual({ n: 0 });
  await admin.getByLabel("Accepted currencies").fill("EUR");
  await admin.getByRole("button", { name: "Create method and mark done" }).click();
  await expect(admin.getByText(`Method “${system}” created and the request marked done.`)).toBeVisible();
  await expect(admin.getByTestId("request-status")).toHaveText(/Done$/);
  await expect(admin.getByTestId("thread-status").filter({ hasText: "created the method and marked the request done" })).toContainText("In progress → Done");
  expect(await db.get("SELECT r.status, m.name FROM connection_requests r JOIN payment_methods m ON m.id = r.method_id WHERE r.payment_system = ?", system)).toEqual({
    status: "done",
    name: system,
  });
  await db.close();
  // The request links to its method.
  await admin.getByRole("note").getByRole("link", { name: system }).click();
  await expect(admin.getByRole("heading", { name: `Edit “${system}”` })).toBeVisible();

  // The agent sees it done, with the method, in the request and in their list.
  await agent.reload();
  await expect(agent.getByTestId("request-status")).toHaveText(/Done$/);
  await expect(agent.getByRole("note")).toContainText(`Customers can now choose ${system}`);
  await agent.goto("/dashboard/requests");
  await expect(agent.getByTestId("request-row").filter({ hasText: system })).toContainText("Done");

  // A new payment's customer page offers the new method with the requested details.
  const { url } = await createLink(agent, { amount: "25", currency: "EUR", description: "Requests story payment" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, system);
  await expect(customer.getByText(tag)).toBeVisible();
  await expect(customer.getByText("Customers send the amount to our Revolut tag")).toBeVisible();

  // Clean up so other stories see only the demo methods.
  await admin.goto("/dashboard/settings/methods");
  await (await methodMenu(admin, system)).getByRole("button", { name: `Archive ${system}` }).click();
  await expect(methodRow(admin, system)).toContainText("Archived");
});

test("an agent cannot read another agent's request by id, nor write to it; agents cannot change a request's status", async ({ browser }) => {
  const stamp = Date.now();
  const system = `Private wallet ${stamp % 1_000_000}`;
  const owner = await staffPage(browser, "agent");
  const requestUrl = await fileRequest(owner, system, "Wallet: secret-account-42");
  const path = new URL(requestUrl).pathname;

  const email = `second-agent-${stamp}@example.com`;
  createStaffUser({ email, password: "second-agent-pass", role: "agent" });
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.151" } });
  const other = await context.newPage();
  await signIn(other, { email, password: "second-agent-pass" });

  // By id: the not-found page, and nothing of the request in it, not even in the title. (The dashboard streams behind
  // its loading skeleton, so the HTTP status is already sent as 200 when the page says "not found".)
  const res = await other.goto(path);
  await expect(other.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const html = (await res?.text()) ?? "";
  expect(html).not.toContain(system);
  expect(html).not.toContain("secret-account-42");
  expect(html).toContain('<meta name="robots" content="noindex"/>');
  await expect(other.getByText("secret-account-42")).toHaveCount(0);
  expect(await other.title()).not.toContain(system);
  // Not in their list either.
  await other.goto("/dashboard/requests");
  await expect(other.getByText("You have not asked for a payment method yet")).toBeVisible();
  await expect(other.getByText(system)).toHaveCount(0);
  // Creating a method from it is for admins only.
  await other.goto(`${path}/create-method`);
  await expect(other).toHaveURL(/\/dashboard\?error=forbidden$/);

  // The owner's page, submitted with the other agent's session: the action checks ownership itself.
  await owner.goto(path);
  await owner.waitForLoadState("networkidle");
  await actAs(owner, other);
  await owner.getByLabel("Add a comment").fill("Sneaky comment");
  await owner.getByRole("button", { name: "Send comment" }).click();
  await expect(owner).toHaveURL(/\/dashboard\/requests\?error=not_found$/);
  await expect(owner.getByText("That request does not exist, or it is not yours.")).toBeVisible();

  // The admin's buttons, pressed with an agent's session (even the requester's own): refused, nothing changes.
  const requester = await staffPage(browser, "agent");
  for (const press of [
    (p: Page) => p.getByRole("button", { name: "Start working" }).click(),
    async (p: Page) => {
      await p.getByText("Decline…").click();
      await p.getByLabel("Reason (shown to the requester)").fill("Declined by an agent");
      await p.getByRole("button", { name: "Decline request" }).click();
    },
  ]) {
    const admin = await staffPage(browser, "admin");
    await admin.goto(path);
    await admin.waitForLoadState("networkidle");
    await actAs(admin, requester);
    await press(admin);
    await expect(admin).toHaveURL(/\/dashboard\?error=forbidden$/);
    await admin.context().close();
  }
  const admin = await staffPage(browser, "admin");
  await admin.goto(`${path}/create-method`);
  await admin.waitForLoadState("networkidle");
  await actAs(admin, requester);
  await admin.getByRole("button", { name: "Create method and mark done" }).click();
  await expect(admin).toHaveURL(/\/dashboard\?error=forbidden$/);

  await withProjectDb(async (db) => {
    const row = (await db.get<{ id: number }>('SELECT id, status, method_id AS "methodId", decline_reason AS reason FROM connection_requests WHERE payment_system = ?', system))!;
    expect(row).toMatchObject({ status: "new", methodId: null, reason: null });
    expect(await db.get("SELECT CAST(count(*) AS INTEGER) AS n FROM request_comments WHERE request_id = ?", row.id)).toEqual({ n: 1 });
    expect(await db.get("SELECT CAST(count(*) AS INTEGER) AS n FROM payment_methods WHERE name = ?", system)).toEqual({ n: 0 });
  });
});
