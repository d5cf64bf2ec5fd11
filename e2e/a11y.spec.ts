// axe-core over every dashboard page, on a phone (390 px) and a desktop (1280 px): no serious or critical violation.
// The pages are filled first with what makes them show their hardest parts: a payment waiting without a receipt, a
// request with a thread, a webhook endpoint with failed attempts.
// (The bank pages are scanned in e2e/bank.spec.ts's story, where they have real content.)
import { expect, test, type Browser, type Page } from "@playwright/test";
import { scan, type Found } from "./axe";
import { createLink, payAndConfirm, staffPage } from "./helpers";

const WIDTHS = [390, 1280];

type Fixtures = { detailUrl: string; requestUrl: string; endpointUrl: string };

/** Fills the pages with their hardest parts: a payment waiting without a receipt, a request's thread, failed attempts. */
async function fixtures(admin: Page, browser: Browser): Promise<Fixtures> {
  const { url, detailUrl } = await createLink(admin, { amount: "12.30", description: "Accessibility", customerEmail: "a11y@example.com" });
  await (await payAndConfirm(browser, url, "SEPA bank transfer")).close();

  await admin.goto("/dashboard/requests/new");
  await admin.getByLabel("Payment system").fill(`A11y Pay ${Date.now() % 100000}`);
  await admin.getByLabel("Countries").fill("Germany");
  await admin.getByLabel("Currencies").fill("EUR");
  await admin.getByRole("button", { name: "Send request" }).click();
  await expect(admin.getByText("Request sent.")).toBeVisible();
  const requestUrl = admin.url().split("?")[0];
  await admin.getByLabel("Add a comment").fill("We will look at it this week.");
  await admin.getByRole("button", { name: "Send comment" }).click();
  await expect(admin.getByTestId("thread-comment").last()).toContainText("this week");

  // An endpoint nobody answers: its test event's attempts fill the log. Disabled after, so no other story sends to it.
  await admin.goto("/dashboard/settings/webhooks");
  await admin.getByLabel("Endpoint URL").fill("http://localhost:9/a11y-hook");
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await expect(admin.getByText("Endpoint added.")).toBeVisible();
  const endpointUrl = admin.url().split("?")[0];
  await admin.getByRole("button", { name: "Send test event" }).click();
  await expect
    .poll(async () => {
      await admin.reload();
      return admin.getByTestId("delivery").locator("tbody tr").count();
    })
    .toBeGreaterThan(0);
  await admin.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(admin.getByText("Endpoint disabled")).toBeVisible();
  return { detailUrl, requestUrl, endpointUrl };
}

function dashboardPages(f: Fixtures): string[] {
  return [
    "/dashboard",
    "/dashboard/payments",
    f.detailUrl,
    "/dashboard/new",
    "/dashboard/requests",
    "/dashboard/requests/new",
    f.requestUrl,
    "/dashboard/account",
    "/dashboard/api",
    "/dashboard/settings/methods",
    "/dashboard/settings/methods/new",
    "/dashboard/settings/methods/1",
    "/dashboard/settings/methods/1/preview",
    // (/dashboard/settings only redirects to the methods, scanned above.)
    "/dashboard/settings/users",
    "/dashboard/settings/business",
    "/dashboard/settings/api-keys",
    "/dashboard/settings/email",
    "/dashboard/settings/webhooks",
    f.endpointUrl,
  ];
}

// One story for both widths: the fixtures are made once, and each page, loaded once, is scanned at each width.
test("every dashboard page has no serious or critical accessibility violation at 390 and 1280 px", async ({ browser }) => {
  test.setTimeout(900_000);
  const admin = await staffPage(browser, "admin");
  const pages = dashboardPages(await fixtures(admin, browser));
  const found: Found[] = [];
  const atEachWidth = async (page: Page, path: string) => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      found.push(...(await scan(page, path, width)));
    }
  };
  for (const path of pages) {
    await admin.goto(path);
    await expect(admin.locator("main h1, main h2").first()).toBeVisible();
    await atEachWidth(admin, path);
  }
  // The phone's open menu.
  await admin.setViewportSize({ width: WIDTHS[0], height: 900 });
  await admin.goto("/dashboard");
  await admin.getByTestId("main-menu").click();
  await expect(admin.getByRole("navigation", { name: "Main" })).toBeVisible();
  found.push(...(await scan(admin, "/dashboard (menu open)", WIDTHS[0])));
  // The sign-in page, signed out.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/login");
  await atEachWidth(visitor, "/login");

  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});
