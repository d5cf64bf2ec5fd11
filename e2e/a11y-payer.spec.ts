// axe-core over every state of the payer's page, on a phone and a desktop: no serious or critical violation.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { withProjectDb } from "./db";
import { chooseMethod, createLink, staffPage, tokenOf } from "./helpers";

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A payment of the seed's demo data in this status (the seed makes one of each decided and waiting kind). */
async function seededToken(status: "submitted" | "approved" | "cancelled"): Promise<string> {
  const row = await withProjectDb((db) => db.get<{ token: string }>("SELECT token FROM payments WHERE status = ? ORDER BY id LIMIT 1", status));
  return row!.token;
}

for (const width of [390, 1280]) {
  test(`every state of the payer's page has no serious accessibility violation at ${width} px`, async ({ browser }) => {
    const agent = await staffPage(browser, "agent");
    const { url } = await createLink(agent, { amount: "64", currency: "EUR", description: `Accessible at ${width}` });
    const { url: expiring } = await createLink(agent, { amount: "12", currency: "EUR", description: `Expired at ${width}` });
    await withProjectDb((db) => db.run("UPDATE payments SET expires_at = ?, version = version + 1 WHERE token = ?", Date.now() - 1000, tokenOf(expiring)));

    for (const locale of ["en-US", "ru-RU"]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale, extraHTTPHeaders: { "Accept-Language": locale } });
      const page = await context.newPage();
      const check = async (state: string) => expect(await seriousViolations(page), `${state}, ${locale}`).toEqual([]);

      await page.goto(url);
      await expect(page.getByTestId("steps")).toBeVisible();
      await check("choose");
      if (locale === "en-US") {
        await chooseMethod(page, "SEPA bank transfer");
        await check("details with step 3 open");
      } else {
        await page.reload();
        await expect(page.getByTestId("confirm-step")).toBeVisible();
        await check("details");
      }
      for (const status of ["submitted", "approved", "cancelled"] as const) {
        await page.goto(`/pay/${await seededToken(status)}`);
        await expect(page.getByRole("status")).toBeVisible();
        await check(status);
      }
      await page.goto(expiring);
      await expect(page.getByRole("status")).toBeVisible();
      await check("expired");
      await page.goto("/pay/no-such-payment-link");
      await expect(page.getByText("404")).toBeVisible();
      await check("404");
      await context.close();
    }
  });
}
