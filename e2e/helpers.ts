// Shared steps for the end-to-end stories: sign in, make a payment link, pay it as a customer.
import { expect, test, type Browser, type Page } from "@playwright/test";

export const USERS = {
  admin: { email: "admin@example.com", password: "admin-demo-pass", name: "Ada Admin" },
  agent: { email: "agent@example.com", password: "agent-demo-pass", name: "Alex Agent" },
} as const;

export async function signIn(page: Page, who: keyof typeof USERS | { email: string; password: string }) {
  const user = typeof who === "string" ? USERS[who] : who;
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Pending" })).toBeVisible();
}

export async function staffPage(browser: Browser, who: keyof typeof USERS = "agent"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

export type LinkInput = { amount: string; currency?: string; description: string; orderId?: string; customerEmail?: string; returnUrl?: string };

/** Creates a payment link through the dashboard form and returns the customer's URL and the reference. */
export async function createLink(page: Page, input: LinkInput): Promise<{ url: string; reference: string; detailUrl: string }> {
  await page.goto("/dashboard/new");
  await page.getByLabel("Amount").fill(input.amount);
  if (input.currency) await page.getByLabel("Currency").selectOption(input.currency);
  await page.getByLabel("Description").fill(input.description);
  if (input.orderId) await page.getByLabel("Order ID (optional)").fill(input.orderId);
  if (input.customerEmail) await page.getByLabel("Customer email (optional)").fill(input.customerEmail);
  if (input.returnUrl) await page.getByLabel("Return URL (optional)").fill(input.returnUrl);
  await page.getByRole("button", { name: "Create payment link" }).click();
  await expect(page.getByText("Payment link created")).toBeVisible();
  const url = (await page.getByTestId("new-link").textContent())!.trim();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  return { url, reference, detailUrl: page.url().split("?")[0] };
}

/** A customer's browser: no session, optionally without JavaScript, optionally in another language. */
export async function customerPage(browser: Browser, opts: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    locale: opts.locale ?? "en-US",
    extraHTTPHeaders: { "Accept-Language": opts.locale ?? "en-US" },
  });
  return context.newPage();
}

/**
 * Step 1 and 2 of the payer's page: picks a method and presses "Show payment details", then (unless
 * `openConfirm: false`) opens step 3, "Tell us you have paid", so its form can be filled in (English page).
 */
export async function chooseMethod(page: Page, method: string, { openConfirm = true }: { openConfirm?: boolean } = {}) {
  await page.getByLabel(method).check();
  await page.getByRole("button", { name: "Show payment details" }).click();
  await expect(page.getByRole("heading", { name: method })).toBeVisible();
  if (openConfirm) await openConfirmStep(page);
}

/** Opens step 3 of the payer's page (a closed <details> until the payer has paid), in either language. */
export async function openConfirmStep(page: Page) {
  const step = page.getByTestId("confirm-step");
  // The page's script may reopen it itself (it remembers an opened step 3 in this tab): click only while closed.
  await expect(async () => {
    if ((await step.getAttribute("open")) === null) await step.locator("summary").click();
    await expect(step.locator("form")).toBeVisible({ timeout: 2000 });
  }).toPass();
}

/** A customer opens the link, picks a method and presses "I have paid" (with a transaction ID, if given). */
export async function payAndConfirm(browser: Browser, url: string, method: string, transactionId?: string): Promise<Page> {
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, method);
  if (transactionId) await customer.getByLabel(/^Transaction ID/).fill(transactionId);
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByText("we are checking your payment")).toBeVisible();
  return customer;
}

/** A real 1×1 PNG, so the receipt passes the check of its bytes. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export function pendingRow(page: Page, reference: string) {
  return page.getByTestId("pending-row").filter({ hasText: reference });
}

/** Whether the running project's server caches the payer's page (playwright.config.ts; PAYER_PAGE_CACHE=off if not). */
export function payerPageCacheOn(): boolean {
  return test.info().project.metadata.payerPageCache !== false;
}

export function tokenOf(url: string): string {
  return new URL(url).pathname.split("/").pop()!;
}

/** Replaces a page's session with another user's, so an admin-rendered page can be submitted with an agent's rights. */
export async function actAs(page: Page, other: Page) {
  const cookies = await other.context().cookies();
  await page.context().clearCookies();
  await page.context().addCookies(cookies);
}

export function methodRow(page: Page, name: string) {
  return page.getByTestId("method-row").filter({ has: page.getByRole("heading", { name, exact: true }) });
}

/** Opens a method's "More" menu (everything but Edit is there) and returns the menu. */
export async function methodMenu(page: Page, name: string) {
  const row = methodRow(page, name);
  await row.getByText(`More actions for ${name}`, { exact: true }).click();
  const menu = row.getByTestId("method-menu");
  await expect(menu).toBeVisible();
  return menu;
}

/** Below 1280 px the main navigation sits behind the Menu button: opens it, so its links can be reached. */
export async function openMainMenu(page: Page) {
  const width = page.viewportSize()?.width ?? 1280;
  if (width >= 1280) return;
  await page.getByTestId("main-menu").click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** What the new-key form calls each scope. */
export const SCOPE_CHECKBOXES = {
  "payments:read": "See all payments",
  "payments:write": "Create and cancel payments",
  "methods:read": "See payment methods",
  "statements:write": "Import bank statements",
} as const;

/** Creates an API key in Settings → API keys (with the form's default scopes, or just these) and returns the secret shown once. */
export async function createApiKey(admin: Page, name = `Shop ${Date.now()}`, scopes?: (keyof typeof SCOPE_CHECKBOXES)[]): Promise<string> {
  await admin.goto("/dashboard/settings/api-keys");
  await admin.getByLabel("Name", { exact: true }).fill(name);
  if (scopes) {
    for (const [scope, label] of Object.entries(SCOPE_CHECKBOXES)) {
      await admin.getByRole("checkbox", { name: label, exact: true }).setChecked(scopes.includes(scope as keyof typeof SCOPE_CHECKBOXES));
    }
  }
  await admin.getByRole("button", { name: "Create key" }).click();
  const key = (await admin.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^dp_live_/);
  return key;
}
