// The REST API as a shop uses it: create, read, list, cancel; idempotency; and every bad input answered with problem+json.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createApiKey, createLink, staffPage } from "./helpers";

const body = (over: Record<string, unknown> = {}) => ({ amount: "19.99", currency: "EUR", description: "API order", order_id: `api-${Date.now()}-${Math.random()}`, ...over });

async function expectProblem(res: APIResponse, status: number, title?: RegExp) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const p = await res.json();
  expect(p.status).toBe(status);
  if (title) expect(p.title).toMatch(title);
  return p;
}

let key: string;
test.beforeAll(async ({ browser }) => {
  const admin = await staffPage(browser, "admin");
  key = await createApiKey(admin, "API spec");
  await admin.context().close();
});

const auth = () => ({ authorization: `Bearer ${key}` });
const post = (request: APIRequestContext, data: unknown, headers: Record<string, string> = {}) =>
  request.post("/api/v1/payments", { data: data as object, headers: { ...auth(), ...headers } });

test("a shop creates a payment, reads it, lists it and cancels it while open", async ({ request, browser }) => {
  const created = await post(request, body({ amount: "1500", currency: "JPY", customer_email: "Buyer@Example.com", return_url: "https://shop.example/back", metadata: { cart: "c-77", vip: true } }));
  expect(created.status()).toBe(201);
  const p = await created.json();
  expect(p).toMatchObject({ object: "payment", status: "open", amount: "1500", amount_minor: 1500, currency: "JPY", customer_email: "buyer@example.com", metadata: { cart: "c-77", vip: true } });
  expect(p.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(created.headers()["location"]).toBe(`/api/v1/payments/${p.id}`);

  // The link works for the customer.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(p.url);
  await expect(customer.getByTestId("amount")).toHaveText("¥1,500");

  const read = await request.get(`/api/v1/payments/${p.id}`, { headers: auth() });
  expect(await read.json()).toEqual(p);

  const list = await request.get(`/api/v1/payments?status=open&created_after=${encodeURIComponent(new Date(Date.parse(p.created_at) - 1000).toISOString())}&limit=100`, { headers: auth() });
  expect(list.status()).toBe(200);
  expect((await list.json()).data.map((x: { id: number }) => x.id)).toContain(p.id);

  const cancelled = await request.post(`/api/v1/payments/${p.id}/cancel`, { headers: auth(), data: { reason: "Customer changed their mind" } });
  expect(cancelled.status()).toBe(200);
  expect(await cancelled.json()).toMatchObject({ status: "cancelled", cancellation_reason: "Customer changed their mind" });
  await customer.reload();
  await expect(customer.getByText("Customer changed their mind")).toBeVisible();
  const again = await request.post(`/api/v1/payments/${p.id}/cancel`, { headers: auth() });
  const conflict = await expectProblem(again, 409, /open/);
  expect(conflict.payment_status).toBe("cancelled");

  const methods = await (await request.get("/api/v1/methods", { headers: auth() })).json();
  expect(methods.data.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(["SEPA bank transfer", "PayPal", "Cash at our shop"]));
  expect(methods.data.find((m: { name: string }) => m.name === "PayPal")).toMatchObject({ currencies: ["EUR", "USD", "GBP"], max_amount: "5000" });
});

test("the list pages with a cursor, newest first, without gaps or repeats", async ({ request }) => {
  const since = new Date(Date.now() - 1000).toISOString();
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) ids.push((await (await post(request, body({ order_id: `page-${i}-${Date.now()}` }))).json()).id);
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const res: APIResponse = await request.get(`/api/v1/payments?limit=2&created_after=${encodeURIComponent(since)}${cursor ? `&cursor=${cursor}` : ""}`, { headers: auth() });
    const page = await res.json();
    seen.push(...page.data.map((p: { id: number }) => p.id));
    cursor = page.next_cursor;
  } while (cursor);
  const mine = seen.filter((id) => ids.includes(id));
  expect(mine).toEqual([...ids].reverse());
  expect(new Set(seen).size).toBe(seen.length);
});

test("an answer under 1 KB comes as it is; a long list comes gzipped to a client that accepts it", async ({ request }) => {
  const gzip = { ...auth(), "accept-encoding": "gzip" };
  const created = await request.post("/api/v1/payments", { data: body(), headers: gzip });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-encoding"]).toBeUndefined();
  expect(created.headers()["cache-control"]).toBe("no-store, no-transform");
  expect((await created.body()).length).toBeLessThan(1024);
  const missing = await request.get("/api/v1/payments/999999999", { headers: gzip });
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-encoding"]).toBeUndefined();

  const list = await request.get("/api/v1/payments?limit=100", { headers: gzip });
  expect(list.status()).toBe(200);
  expect(list.headers()["content-encoding"]).toBe("gzip");
  expect(list.headers()["cache-control"]).toBe("no-store");
  expect((await list.json()).data.map((p: { id: number }) => p.id)).toContain((await created.json()).id);
});

test("Idempotency-Key: a repeat replays the first answer byte for byte; another body is refused; 20 at once make one payment", async ({ request }) => {
  const k = `idem-${Date.now()}`;
  const sameBody = JSON.stringify(body({ order_id: k }));
  const first = await request.post("/api/v1/payments", { data: sameBody, headers: { ...auth(), "idempotency-key": k, "content-type": "application/json" } });
  expect(first.status()).toBe(201);
  const repeat = await request.post("/api/v1/payments", { data: sameBody, headers: { ...auth(), "idempotency-key": k, "content-type": "application/json" } });
  expect(repeat.status()).toBe(201);
  expect(repeat.headers()["idempotent-replayed"]).toBe("true");
  expect(await repeat.text()).toBe(await first.text());

  const other = await post(request, body({ order_id: k, amount: "20.00" }), { "idempotency-key": k });
  const p = await expectProblem(other, 422, /Idempotency-Key/);
  expect(p.errors[0].field).toBe("Idempotency-Key");

  const k2 = `burst-${Date.now()}`;
  const burstStarted = new Date(Date.now() - 1000).toISOString();
  const data = JSON.stringify(body({ order_id: k2 }));
  const all = await Promise.all(
    Array.from({ length: 20 }, () => request.post("/api/v1/payments", { data, headers: { ...auth(), "idempotency-key": k2, "content-type": "application/json" } })),
  );
  expect(all.map((r) => r.status())).toEqual(Array(20).fill(201));
  const bodies = new Set(await Promise.all(all.map((r) => r.text())));
  expect(bodies.size).toBe(1);
  const listed = await (await request.get(`/api/v1/payments?limit=100&created_after=${encodeURIComponent(burstStarted)}`, { headers: auth() })).json();
  expect(listed.data.filter((x: { order_id: string }) => x.order_id === k2)).toHaveLength(1);
});

test("bad requests get their status and a problem+json answer, never a 500", async ({ request, browser }) => {
  await expectProblem(await request.post("/api/v1/payments", { data: body() }), 401, /API key/);
  await expectProblem(await request.get("/api/v1/payments", { headers: { authorization: "Bearer dp_live_" + "x".repeat(32) } }), 401);
  await expectProblem(await request.get("/api/v1/payments", { headers: { authorization: "Basic abc" } }), 401);

  // A revoked key stops working on the next request.
  const admin = await staffPage(browser, "admin");
  const doomed = await createApiKey(admin, "Doomed key");
  expect((await request.get("/api/v1/methods", { headers: { authorization: `Bearer ${doomed}` } })).status()).toBe(200);
  await admin.getByTestId("api-key-row").filter({ hasText: "Doomed key" }).locator("summary").click();
  await admin.getByRole("button", { name: "Revoke key" }).click();
  await expect(admin.getByText("Key revoked.")).toBeVisible();
  await expectProblem(await request.get("/api/v1/methods", { headers: { authorization: `Bearer ${doomed}` } }), 401);

  const json = { ...auth(), "content-type": "application/json" };
  await expectProblem(await request.post("/api/v1/payments", { headers: json, data: Buffer.from('{"amount": "1",') }), 400, /not valid JSON/);
  await expectProblem(await request.post("/api/v1/payments", { headers: { ...auth(), "content-type": "text/plain" }, data: Buffer.from("amount=1") }), 415);
  const types = await expectProblem(await post(request, { ...body(), amount: 19.99, description: 42 }), 422);
  expect(types.errors.map((e: { field: string }) => e.field).sort()).toEqual(["amount", "description"]);
  const decimals = await expectProblem(await post(request, body({ amount: "19.999" })), 422);
  expect(decimals.errors).toEqual([{ field: "amount", message: "EUR amounts have at most 2 decimal places." }]);
  const jpy = await expectProblem(await post(request, body({ amount: "100.5", currency: "JPY" })), 422);
  expect(jpy.errors[0].message).toBe("JPY amounts have no decimal places.");
  const currency = await expectProblem(await post(request, body({ currency: "XXY" })), 422);
  expect(currency.errors).toEqual([{ field: "currency", message: "Unknown ISO 4217 currency code." }]);
  const extra = await expectProblem(await post(request, body({ surprise: true })), 422);
  expect(extra.errors[0].message).toMatch(/surprise/);
  await expectProblem(await post(request, body({ amount: "-5" })), 422);
  await expectProblem(await post(request, body({ return_url: "javascript:alert(1)" })), 422);
  const big = JSON.stringify(body({ description: "x".repeat(2 * 1024 * 1024) }));
  await expectProblem(await request.post("/api/v1/payments", { headers: json, data: Buffer.from(big) }), 413);
  await expectProblem(await request.get("/api/v1/payments/999999999", { headers: auth() }), 404);
  await expectProblem(await request.get("/api/v1/payments/abc", { headers: auth() }), 404);
  await expectProblem(await request.get("/api/v1/nothing-here", { headers: auth() }), 404);
  await expectProblem(await request.get("/api/v1/payments?status=paid", { headers: auth() }), 422);
  await expectProblem(await request.get("/api/v1/payments?cursor=bogus", { headers: auth() }), 422);
  await expectProblem(await post(request, body(), { "idempotency-key": "" + "\u00e9" }), 422);
});

test("a key that sends too fast is told to slow down with 429 and Retry-After", async ({ browser, baseURL }) => {
  const admin = await staffPage(browser, "admin");
  const fast = await createApiKey(admin, "Fast key");
  // 600 a minute allows a burst of 60 and then 10 a second: 250 at once cannot all pass.
  const results = await Promise.all(Array.from({ length: 250 }, () => fetch(`${baseURL}/api/v1/methods`, { headers: { authorization: `Bearer ${fast}` } })));
  const limited = results.filter((r) => r.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(limited[0].headers.get("content-type")).toContain("application/problem+json");
  expect(results.every((r) => r.status === 200 || r.status === 429)).toBe(true);
});

test.describe("scopes", () => {
  const as = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const idOf = (detailUrl: string) => Number(detailUrl.split("/").pop());

  test("a key without payments:read cannot list payments, nor read or cancel one made in the dashboard: 404, as if it did not exist", async ({ request, browser }) => {
    const admin = await staffPage(browser, "admin");
    const checkout = await createApiKey(admin, `Checkout ${Date.now()}`, ["payments:write", "methods:read"]);
    const { detailUrl } = await createLink(admin, { amount: "12.00", description: "Made at the counter" });
    const dashboardId = idOf(detailUrl);

    const list = await expectProblem(await request.get("/api/v1/payments", { headers: as(checkout) }), 403, /payments:read/);
    expect(list.required_scope).toBe("payments:read");

    // The dashboard's payment answers byte for byte as a payment that does not exist.
    const missing = await request.get("/api/v1/payments/999999999", { headers: as(checkout) });
    const hidden = await request.get(`/api/v1/payments/${dashboardId}`, { headers: as(checkout) });
    await expectProblem(hidden, 404);
    expect(await hidden.text()).toBe(await missing.text());
    const cancelMissing = await request.post("/api/v1/payments/999999999/cancel", { headers: as(checkout) });
    const cancelHidden = await request.post(`/api/v1/payments/${dashboardId}/cancel`, { headers: as(checkout), data: { reason: "Not yours" } });
    await expectProblem(cancelHidden, 404);
    expect(await cancelHidden.text()).toBe(await cancelMissing.text());

    // Another key's payment is hidden from it too; its own it follows.
    const others = await (await post(request, body())).json();
    await expectProblem(await request.get(`/api/v1/payments/${others.id}`, { headers: as(checkout) }), 404);
    const own = await (await request.post("/api/v1/payments", { headers: as(checkout), data: body() })).json();
    expect((await request.get(`/api/v1/payments/${own.id}`, { headers: as(checkout) })).status()).toBe(200);

    // The dashboard's payment is still open, untouched.
    expect((await (await request.get(`/api/v1/payments/${dashboardId}`, { headers: auth() })).json()).status).toBe("open");
  });

  test("a write key cancels payments created through the API, by itself or by another key; no key cancels a dashboard payment", async ({ request, browser }) => {
    const admin = await staffPage(browser, "admin");
    const writer = await createApiKey(admin, `Writer ${Date.now()}`, ["payments:write"]);
    const own = await (await request.post("/api/v1/payments", { headers: as(writer), data: body() })).json();
    const cancelled = await request.post(`/api/v1/payments/${own.id}/cancel`, { headers: as(writer), data: { reason: "Out of stock" } });
    expect(cancelled.status()).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id: own.id, status: "cancelled", cancellation_reason: "Out of stock" });
    // Key rotation: the new key cancels what the old one made.
    const older = await (await post(request, body())).json();
    expect((await request.post(`/api/v1/payments/${older.id}/cancel`, { headers: as(writer) })).status()).toBe(200);

    // Even a key with every scope, which may read it, cannot cancel a payment an agent made.
    const { detailUrl } = await createLink(admin, { amount: "30.00", description: "Agents decide this one" });
    const refused = await expectProblem(await request.post(`/api/v1/payments/${idOf(detailUrl)}/cancel`, { headers: auth() }), 403, /may not/);
    expect(refused.detail).toMatch(/dashboard/);
    expect((await (await request.get(`/api/v1/payments/${idOf(detailUrl)}`, { headers: auth() })).json()).status).toBe("open");
  });

  test("an admin creates a key with chosen scopes and sees them listed; a methods-only key lists methods and cannot create", async ({ request, browser }) => {
    const admin = await staffPage(browser, "admin");
    await admin.goto("/dashboard/settings/api-keys");
    const name = `Methods only ${Date.now()}`;
    await admin.getByLabel("Name", { exact: true }).fill(name);
    // Nothing ticked is refused beside the choices, and the name stays.
    for (const label of ["See all payments", "Create and cancel payments", "See payment methods"]) await admin.getByRole("checkbox", { name: label }).uncheck();
    await admin.getByRole("button", { name: "Create key" }).click();
    await expect(admin.locator("#key-scopes-error")).toHaveText("Choose at least one thing this key may do.");
    await expect(admin.getByLabel("Name", { exact: true })).toHaveValue(name);
    await admin.getByRole("checkbox", { name: "See payment methods" }).check();
    await admin.getByRole("button", { name: "Create key" }).click();
    const secret = (await admin.getByTestId("new-api-key").textContent())!.trim();

    const row = admin.getByTestId("api-key-row").filter({ hasText: name });
    await expect(row.getByRole("listitem").filter({ visible: true })).toHaveText(["See payment methods"]);
    // On a phone the row shows the same, without scrolling sideways.
    await admin.setViewportSize({ width: 360, height: 800 });
    await expect(row.getByRole("listitem").filter({ visible: true })).toHaveText(["See payment methods"]);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const revoke = row.locator("summary").filter({ hasText: "Revoke" });
    await revoke.scrollIntoViewIfNeeded();
    const box = (await revoke.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);

    expect((await request.get("/api/v1/methods", { headers: as(secret) })).status()).toBe(200);
    const create = await expectProblem(await request.post("/api/v1/payments", { headers: as(secret), data: body() }), 403, /payments:write/);
    expect(create.required_scope).toBe("payments:write");
    await expectProblem(await request.get("/api/v1/payments", { headers: as(secret) }), 403, /payments:read/);
    const somePayment = (await (await post(request, body())).json()).id;
    await expectProblem(await request.get(`/api/v1/payments/${somePayment}`, { headers: as(secret) }), 403, /payments:read/);
    await expectProblem(await request.post(`/api/v1/payments/${somePayment}/cancel`, { headers: as(secret) }), 403, /payments:write/);
  });
});

test("the OpenAPI document describes the endpoints from the handlers' own schemas, and the dashboard shows it", async ({ request, browser }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/payments", "/payments/{id}", "/payments/{id}/cancel", "/methods"]));
  expect(doc.components.schemas.CreatePayment.required).toEqual(["amount", "currency", "description", "order_id"]);
  expect(doc.components.schemas.CreatePayment.properties.expires_in_minutes).toMatchObject({ minimum: 5, maximum: 129600 });
  expect(doc.paths["/payments"].get.security).toEqual([{ apiKey: ["payments:read"] }]);
  expect(doc.paths["/payments/{id}/cancel"].post.responses["403"]).toBeDefined();
  expect(doc.components.securitySchemes.apiKey.description).toMatch(/payments:write/);
  const agent = await staffPage(browser, "agent");
  await agent.getByRole("link", { name: "API", exact: true }).click();
  await expect(agent.getByRole("heading", { name: "POST /api/v1/payments", exact: true })).toBeVisible();
  await expect(agent.getByRole("cell", { name: "expires_in_minutes?" })).toBeVisible();
});
