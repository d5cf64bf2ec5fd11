// What a load balancer or an uptime check sees: GET /healthz answers 200 with the database's state, without a session,
// and no cache keeps the answer.
import { expect, test } from "@playwright/test";

test("/healthz answers 200 with the database reachable and migrated, without a session, never cached", async ({ playwright, baseURL }) => {
  // A fresh context: no cookie of any kind.
  const anonymous = await playwright.request.newContext({ baseURL });
  const res = await anonymous.get("/healthz", { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(res.headers()["cache-control"]).toContain("no-store");
  expect(await res.json()).toEqual({ status: "ok", database: "ok", migrations: "current" });
  await anonymous.dispose();
});
