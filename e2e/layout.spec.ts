// Every dashboard page on a 360 px phone: nothing makes the page scroll sideways, and every menu link is on screen.
import { expect, test } from "@playwright/test";
import { createApiKey, staffPage } from "./helpers";

test("no dashboard page scrolls sideways on a phone, and the menus wrap instead of hiding links", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  await admin.goto("/dashboard/payments");
  const detail = (await admin.getByTestId("payment-row").first().getByRole("link").getAttribute("href"))!;
  await admin.setViewportSize({ width: 360, height: 800 });
  const pages = ["/dashboard", "/dashboard/payments", detail, "/dashboard/new", "/dashboard/requests", "/dashboard/api", "/dashboard/account"];
  pages.push("/dashboard/settings", "/dashboard/settings/business", "/dashboard/settings/users", "/dashboard/settings/api-keys", "/dashboard/settings/webhooks");
  for (const path of pages) {
    await admin.goto(path);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    for (const menu of ["Main", "Settings", "Filter requests"]) {
      for (const link of await admin.getByRole("navigation", { name: menu }).getByRole("link").all()) {
        const box = (await link.boundingBox())!;
        expect(box.x + box.width, `${path}: ${await link.textContent()}`).toBeLessThanOrEqual(360);
      }
    }
  }
});

test("a confirmation opened on the last row of a settings table is shown whole, not cut off by the table's box", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  await createApiKey(admin, `Layout ${Date.now()}`);
  for (const width of [390, 1280]) {
    await admin.setViewportSize({ width, height: 2000 });
    await admin.goto("/dashboard/settings/api-keys");
    const revoke = admin.locator("table summary").filter({ hasText: "Revoke" }).last();
    // The page scrolled so the row is at the top, as a person would: how many keys other stories made must not matter.
    await revoke.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await revoke.click();
    const confirm = admin.getByRole("button", { name: "Revoke key" });
    await expect(confirm).toBeVisible();
    // What a click at the button's middle would reach: the button itself, unless something clips or covers it.
    const reached = await confirm.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.bottom - 2);
      return el === hit || el.contains(hit);
    });
    expect(reached, `${width} px`).toBe(true);
    await revoke.click();
  }
});
