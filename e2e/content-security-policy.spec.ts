// Every page runs under a Content-Security-Policy whose nonce Next.js puts on its scripts (proxy.ts,
// lib/security-headers.ts): each page must still work with it, nothing may be blocked, and each response carries
// exactly one policy. The payer's page is rendered once and then answered from memory: both answers carry the nonce
// its scripts were written with.
import { expect, test, type Browser, type BrowserContextOptions, type Page, type Response } from "@playwright/test";
import { chooseMethod, createLink, customerPage, openConfirmStep, payerPageCacheOn, PNG_1X1, signIn, staffPage } from "./helpers";

/** A page in a browser of its own, with everything the browser blocked or refused in `problems`. */
async function watchedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const problems: string[] = [];
  // The event above, and what Chromium logs itself ("Refused to execute inline script because it violates the
  // following Content Security Policy directive…", "Error with Permissions-Policy header: Unrecognized feature…").
  page.on("console", (m) => {
    if (/Content Security Policy|CSP violation|Permissions-Policy/i.test(m.text())) problems.push(m.text());
  });
  return { page, problems };
}

const scriptSources = (policy: string) => /(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1] ?? "";

/** The response's one policy, which lets scripts run only by our files, the nonce and hashes; and its nonce. */
async function pagePolicy(res: Response | null): Promise<{ policy: string; nonce: string }> {
  expect(res, "a response").not.toBeNull();
  const policies = (await res!.headersArray()).filter((h) => h.name.toLowerCase() === "content-security-policy");
  expect(policies.map((h) => h.value), `one policy for ${res!.url()}`).toHaveLength(1);
  const policy = policies[0].value;
  const scripts = scriptSources(policy);
  expect(scripts).toContain("'self'");
  // Neither inline scripts nor inline styles other than by nonce or hash; no eval.
  expect(policy).not.toContain("'unsafe-inline'");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([A-Za-z0-9_+/=-]+)'/.exec(scripts)?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  const headers = res!.headers();
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(headers["permissions-policy"]).toContain(`${feature}=()`);
  // The suite serves plain http (APP_URL http://localhost:…): no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
  return { policy, nonce: nonce! };
}

/** The nonces the page's scripts were written with: all of them this response's. */
async function expectScriptsCarry(res: Response | null, nonce: string) {
  const html = await res!.text();
  const nonces = [...html.matchAll(/<script\b[^>]*\snonce="([^"]*)"/g)].map((m) => m[1]);
  expect(nonces.length, `scripts with a nonce in ${res!.url()}`).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
}

test("the payer's page works under its policy, rendered and then from the cache, with the same nonce in both", async ({ browser }) => {
  const agent = await staffPage(browser);
  const { url } = await createLink(agent, { amount: "12.50", description: "Policy tea" });
  const { page: customer, problems } = await watchedPage(browser, { locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });

  const first = await customer.goto(url);
  const rendered = await pagePolicy(first);
  await expectScriptsCarry(first, rendered.nonce);
  const again = await customer.reload();
  const cached = await pagePolicy(again);
  if (payerPageCacheOn()) {
    expect(first!.headers()["x-nextjs-cache"]).toBe("MISS");
    expect(again!.headers()["x-nextjs-cache"]).toBe("HIT");
    expect(cached.policy).toBe(rendered.policy);
    await expectScriptsCarry(again, rendered.nonce);
  } else {
    // With the cache off (PAYER_PAGE_CACHE=off) every view is rendered, with a nonce of its own.
    expect(cached.nonce).not.toBe(rendered.nonce);
    await expectScriptsCarry(again, cached.nonce);
  }

  // The page's client components run: the copy buttons appear only then, and copy.
  await chooseMethod(customer, "SEPA bank transfer");
  await expect(customer.getByRole("img", { name: "QR code with these payment details" }).locator("svg")).toBeVisible();
  await customer.getByRole("button", { name: "Copy IBAN" }).click();
  await expect(customer.getByRole("button", { name: "Copy IBAN" })).toHaveText("Copied");
  expect(await customer.evaluate(() => navigator.clipboard.readText())).toMatch(/^DE89\s?3704/);
  // The language switcher, and the form with its receipt.
  await customer.getByRole("link", { name: "Русский" }).click();
  await expect(customer.getByText("Сумма к оплате")).toBeVisible();
  await customer.getByRole("link", { name: "English" }).click();
  await openConfirmStep(customer);
  await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG_1X1 });
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByRole("heading", { name: "Thank you — we are checking your payment" })).toBeVisible();
  const thanks = await customer.reload();
  await pagePolicy(thanks);
  expect(thanks!.headers()["cache-control"]).toMatch(payerPageCacheOn() ? /^private, no-store$/ : /^private,.*no-store/);

  expect(problems).toEqual([]);
});

test("sign-in and the dashboard work under their policy, with a fresh nonce on every page", async ({ browser }) => {
  const { page: admin, problems } = await watchedPage(browser);
  const login = await admin.goto("/login");
  const { nonce: loginNonce } = await pagePolicy(login);
  await expectScriptsCarry(login, loginNonce);
  await signIn(admin, "admin"); // a server action

  // A payment with a receipt to look at.
  const { url, reference, detailUrl } = await createLink(admin, { amount: "31", description: "Policy receipt" });
  const customer = await customerPage(browser);
  await customer.goto(url);
  await chooseMethod(customer, "PayPal");
  await customer.getByLabel(/^Transaction ID/).fill("POLICY-TXN-1");
  await customer.getByLabel("Receipt (optional)").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG_1X1 });
  await customer.getByRole("button", { name: "I have paid" }).click();
  await expect(customer.getByRole("heading", { name: "Thank you — we are checking your payment" })).toBeVisible();

  const seen = new Set<string>([loginNonce]);
  for (const path of [
    "/dashboard",
    "/dashboard/payments",
    "/dashboard/new",
    "/dashboard/requests",
    "/dashboard/requests/new",
    "/dashboard/api",
    "/dashboard/settings/methods",
    "/dashboard/settings/methods/new",
    "/dashboard/settings/users",
    "/dashboard/settings/api-keys",
    "/dashboard/settings/webhooks",
    "/dashboard/settings/business",
    "/dashboard/account",
    new URL(detailUrl).pathname,
  ]) {
    const res = await admin.goto(path);
    expect(res!.status(), path).toBe(200);
    const { nonce } = await pagePolicy(res);
    await expectScriptsCarry(res, nonce);
    expect(seen.has(nonce), `a nonce of its own for ${path}`).toBe(false);
    seen.add(nonce);
    await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  }

  // The receipt shows on the payment's page; the file itself keeps its own sandboxing policy.
  const image = admin.getByRole("img", { name: `Receipt for ${reference}` });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  const receipt = await admin.request.get((await image.getAttribute("src"))!);
  const receiptPolicies = (await receipt.headersArray()).filter((h) => h.name.toLowerCase() === "content-security-policy");
  expect(receiptPolicies.map((h) => h.value)).toEqual(["default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"]);

  // Client-side navigation: the menu, and the list's plain links.
  await admin.goto("/dashboard");
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "All payments" }).click();
  await expect(admin.getByRole("heading", { name: "All payments" })).toBeVisible();
  await admin.getByRole("link", { name: reference }).first().click();
  await expect(admin).toHaveURL(detailUrl);
  await expect(admin.getByRole("img", { name: `Receipt for ${reference}` })).toBeVisible();

  expect(problems).toEqual([]);
});

test("pages Next.js could keep from one request (status, not found) carry each request's own nonce", async ({ browser }) => {
  const { page, problems } = await watchedPage(browser);
  for (const path of ["/status", "/status", "/no-such-page", "/another-missing-page", `/pay/${"A".repeat(22)}`]) {
    const res = await page.goto(path);
    const { nonce } = await pagePolicy(res);
    await expectScriptsCarry(res, nonce);
  }
  expect(problems).toEqual([]);
});

test("what does not pass through the proxy still carries one policy, without a nonce", async ({ request }) => {
  for (const path of ["/api/v1/openapi.json", "/api/v1/payments"]) {
    const res = await request.get(path);
    const policies = (await res.headersArray()).filter((h) => h.name.toLowerCase() === "content-security-policy");
    expect(policies, path).toHaveLength(1);
    expect(policies[0].value).toContain("default-src 'self'");
    const scripts = scriptSources(policies[0].value);
    expect(scripts).toContain("'self'");
    expect(scripts).not.toMatch(/'nonce-|'unsafe-inline'|'unsafe-eval'/);
  }
});
