// Every dashboard page on a 360 px phone: nothing makes the page scroll sideways, and every menu link is on screen.
import { expect, test } from "@playwright/test";
import { createApiKey, openMainMenu, staffPage } from "./helpers";

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
    await openMainMenu(admin);
    for (const menu of ["Main", "Settings", "Filter requests"]) {
      for (const link of await admin.getByRole("navigation", { name: menu }).getByRole("link").all()) {
        const box = (await link.boundingBox())!;
        expect(box.x + box.width, `${path}: ${await link.textContent()}`).toBeLessThanOrEqual(360);
      }
    }
  }
});

test("the header is one row at 1280 px for an admin; on a phone its links sit behind a Menu button that the keyboard opens and closes", async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  await admin.setViewportSize({ width: 1280, height: 800 });
  await admin.goto("/dashboard/settings");
  const nav = admin.getByRole("navigation", { name: "Main" });
  const firstLink = (await nav.getByRole("link").first().boundingBox())!;
  const signOut = (await admin.getByRole("button", { name: "Sign out" }).boundingBox())!;
  expect(Math.abs(signOut.y + signOut.height / 2 - (firstLink.y + firstLink.height / 2))).toBeLessThan(8);
  await expect(admin.getByTestId("main-menu")).toBeHidden();
  // Where you are: Settings is marked.
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");

  await admin.setViewportSize({ width: 390, height: 800 });
  await expect(nav).toBeHidden();
  await expect(admin.getByRole("button", { name: "Sign out" })).toBeHidden();
  const menu = admin.getByTestId("main-menu");
  await menu.focus();
  await admin.keyboard.press("Enter");
  await expect(nav).toBeVisible();
  await expect(admin.getByRole("button", { name: "Sign out" })).toBeVisible();
  // The open menu is a column inside the page's width, and the page does not scroll sideways.
  for (const link of await nav.getByRole("link").all()) {
    const box = (await link.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await admin.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();
  // A link taken from the menu closes it.
  await menu.click();
  await nav.getByRole("link", { name: "All payments" }).click();
  await expect(admin.getByRole("heading", { name: "All payments", level: 1 })).toBeVisible();
  await expect(nav).toBeHidden();
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
    // A row near the page's end cannot scroll to the top: a person scrolls the page on until the button shows. Only the
    // window scrolls here, so a box that clipped the confirmation would still hide it.
    await confirm.evaluate((el) => {
      const below = el.getBoundingClientRect().bottom - window.innerHeight;
      if (below > 0) window.scrollBy(0, below + 8);
    });
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
