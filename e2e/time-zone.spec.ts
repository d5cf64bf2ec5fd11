// The dashboard's lists format dates on the server in the viewer's zone (a cookie set by a script at sign-in), or in
// UTC saying so when the browser never told it (no JavaScript). The payer's page (cached, so the same HTML for every
// viewer) names the zone of every time, the deadline in the method's instructions too.
import { expect, test } from "@playwright/test";
import { chooseMethod, createLink, signIn } from "./helpers";

/** `named`: with the zone's short name, as the payer's page always shows it (UTC is always named). */
function inZone(iso: string, timeZone?: string, named = false) {
  return new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: named || timeZone === "UTC" ? "short" : undefined }).format(new Date(iso));
}

test("All payments and the payer's page show times in the viewer's zone, or in UTC labelled as such without JavaScript", async ({ browser }) => {
  const tokyo = await (await browser.newContext({ timezoneId: "Asia/Tokyo" })).newPage();
  await signIn(tokyo, "agent");
  const { reference, url } = await createLink(tokyo, { amount: "4", description: "Time zones" });
  await tokyo.goto("/dashboard/payments?q=" + encodeURIComponent(reference));
  const time = tokyo.getByTestId("payment-row").locator("time");
  const iso = (await time.getAttribute("datetime"))!;
  await expect(time).toHaveText(inZone(iso, "Asia/Tokyo"));

  const noJs = await (await browser.newContext({ javaScriptEnabled: false, timezoneId: "Asia/Tokyo" })).newPage();
  await signIn(noJs, "agent");
  await noJs.goto("/dashboard/payments?q=" + encodeURIComponent(reference));
  await expect(noJs.getByTestId("payment-row").locator("time")).toHaveText(inZone(iso, "UTC"));
  expect(inZone(iso, "UTC")).toMatch(/UTC$/);

  // The payer's page: the seeded SEPA method's "Pay before {{expires}}" in the viewer's zone, named like the summary's.
  await tokyo.goto(url);
  await chooseMethod(tokyo, "SEPA bank transfer", { openConfirm: false });
  const deadline = tokyo.getByTestId("instructions").locator("time");
  const expires = (await deadline.getAttribute("datetime"))!;
  await expect(deadline).toHaveText(inZone(expires, "Asia/Tokyo", true));
  await expect(tokyo.getByTestId("instructions")).toContainText(`Pay before ${inZone(expires, "Asia/Tokyo", true)};`);
  await expect(tokyo.getByText(/^Pay before:/).locator("time")).toHaveText(inZone(expires, "Asia/Tokyo", true));
  // Without JavaScript the same page says UTC, there and in the summary.
  await noJs.goto(url);
  await expect(noJs.getByTestId("instructions").locator("time")).toHaveText(inZone(expires, "UTC"));
  await expect(noJs.getByText(/^Pay before:/).locator("time")).toHaveText(inZone(expires, "UTC"));
});
