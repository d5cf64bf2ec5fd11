// A session ends when it should: after signing out, a new password, a reset, disabling, a role change, "Sign out
// everywhere". Each story replays a copy of the old session cookie, as an attacker holding it would.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createStaffUser, withProjectDb } from "./db";
import { signIn, staffPage } from "./helpers";

/** A throw-away staff member, so the demo users stay signed in for the other stories. */
function newStaff(role: "agent" | "admin" = "agent") {
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `session-${role}-${suffix}@example.com`;
  const name = `Sam ${suffix}`;
  const password = "first-password-1";
  createStaffUser({ email, password, role, name });
  return { email, password, name };
}

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** Another browser holding a copy of this page's cookies. */
async function copyOf(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(await page.context().cookies());
  return context.newPage();
}

async function isSignedOut(page: Page) {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
}

test("after signing out, a copy of the old cookie neither loads the dashboard nor writes anything", async ({ browser }) => {
  const who = newStaff();
  const me = await signedIn(browser, who);
  const thief = await copyOf(browser, me);
  const description = `Written with a dead cookie ${Date.now()}`;
  await thief.goto("/dashboard/new");
  await thief.getByLabel("Amount").fill("13");
  await thief.getByLabel("Description").fill(description);

  await me.getByRole("button", { name: "Sign out" }).click();
  await expect(me).toHaveURL(/\/login/);

  await thief.getByRole("button", { name: "Create payment link" }).click();
  await expect(thief).toHaveURL(/\/login/);
  const written = (await withProjectDb((db) => db.get<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM payments WHERE description = ?", description)))!;
  expect(written.n).toBe(0);
  await isSignedOut(thief);
});

test("changing one's password signs out every other browser and keeps this one", async ({ browser }) => {
  const who = newStaff();
  const me = await signedIn(browser, who);
  const elsewhere = await signedIn(browser, who);
  const stolen = await copyOf(browser, elsewhere);

  await me.goto("/dashboard/account");
  await me.getByLabel("Current password").fill(who.password);
  await me.getByLabel("New password", { exact: true }).fill("second-password-2");
  await me.getByLabel("New password again").fill("second-password-2");
  await me.getByRole("button", { name: "Change password" }).click();
  await expect(me.getByText("Every other browser signed in as you has been signed out.")).toBeVisible();

  await isSignedOut(elsewhere);
  await isSignedOut(stolen);
  await me.goto("/dashboard");
  await expect(me.getByRole("heading", { name: "Pending" })).toBeVisible();
});

test("an admin's password reset signs the user out everywhere", async ({ browser }) => {
  const who = newStaff();
  const admin = await staffPage(browser, "admin");
  const user = await signedIn(browser, who);
  await admin.goto("/dashboard/settings/users");
  await admin.getByText(`Reset password of ${who.email}`).click();
  await admin.getByLabel(`New password for ${who.email}`).fill("reset-password-2");
  await admin.getByRole("button", { name: "Set password" }).click();
  await expect(admin.getByText(`New password set for ${who.email}.`)).toBeVisible();
  await isSignedOut(user);

  // (A change of role ends sessions too: db/sessions.test.ts. Not here: a second admin, even for a moment, would
  // disturb the "last admin" story running alongside.)
});

test("disabling a user signs them out, and enabling them again revives no old cookie", async ({ browser }) => {
  const who = newStaff();
  const admin = await staffPage(browser, "admin");
  const user = await signedIn(browser, who);
  const kept = await copyOf(browser, user);
  await admin.goto("/dashboard/settings/users");
  await admin.getByText(`Disable ${who.email}`).click();
  await admin.getByRole("button", { name: `Disable ${who.name}` }).click();
  await expect(admin.getByText(`${who.email} is disabled`)).toBeVisible();
  await admin.getByRole("button", { name: `Enable ${who.email}` }).click();
  await expect(admin.getByText(`${who.email} can sign in again.`)).toBeVisible();
  await isSignedOut(kept);
  // The user signs in afresh and is in.
  await signedIn(browser, who);
});

test("the account page lists where one is signed in; Sign out everywhere ends every session, this one too", async ({ browser }) => {
  const who = newStaff();
  const me = await signedIn(browser, who);
  const phone = await signedIn(browser, who);

  await me.goto("/dashboard/account");
  const sessions = me.getByTestId("sessions").getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "this browser" })).toHaveCount(1);
  // The address is the socket's own (Playwright sends no X-Forwarded-For): the server tells clients apart by it.
  await expect(sessions.first()).toContainText("127.0.0.1");

  await me.getByText("Sign out everywhere").click();
  await me.getByRole("button", { name: "Sign out on every device" }).click();
  await expect(me).toHaveURL(/\/login/);
  await expect(me.getByText("You are signed out on every device.")).toBeVisible();
  await isSignedOut(phone);
  await isSignedOut(me);
});
