// The dashboard's lists format dates on the server in the viewer's zone (a cookie set by a script at sign-in), or in
// UTC saying so when the browser never told it (no JavaScript).
import { expect, test } from "@playwright/test";
import { createLink, signIn } from "./helpers";

function inZone(iso: string, timeZone?: string) {
  return new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: timeZone === "UTC" ? "short" : undefined }).format(new Date(iso));
}

test("All payments shows times in the viewer's zone, or in UTC labelled as such without JavaScript", async ({ browser }) => {
  const tokyo = await (await browser.newContext({ timezoneId: "Asia/Tokyo" })).newPage();
  await signIn(tokyo, "agent");
  const { reference } = await createLink(tokyo, { amount: "4", description: "Time zones" });
  await tokyo.goto("/dashboard/payments?q=" + encodeURIComponent(reference));
  const time = tokyo.getByTestId("payment-row").locator("time");
  const iso = (await time.getAttribute("datetime"))!;
  await expect(time).toHaveText(inZone(iso, "Asia/Tokyo"));

  const noJs = await (await browser.newContext({ javaScriptEnabled: false, timezoneId: "Asia/Tokyo" })).newPage();
  await signIn(noJs, "agent");
  await noJs.goto("/dashboard/payments?q=" + encodeURIComponent(reference));
  await expect(noJs.getByTestId("payment-row").locator("time")).toHaveText(inZone(iso, "UTC"));
  expect(inZone(iso, "UTC")).toMatch(/UTC$/);
});
