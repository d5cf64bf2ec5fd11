// Webhooks end to end, with a real HTTP receiver on this machine verifying signatures with the standardwebhooks package.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { ownServer, storyDb, withProjectDb } from "./db";
import { chooseMethod, createApiKey, customerPage, staffPage } from "./helpers";

type Received = { id: string; type: string; paymentId: number | null; verified: boolean; answered: number };

/** A local receiver: verifies each request, records it, answers per `answer` (default 200). */
async function receiver(answer: (r: Received, nth: number) => number = () => 200) {
  const got: Received[] = [];
  let secret = "";
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      let verified = false;
      let payload: { type?: string; data?: { id?: number } } = {};
      try {
        payload = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as typeof payload;
        verified = true;
      } catch {
        payload = JSON.parse(raw || "{}");
      }
      const r: Received = { id: String(req.headers["webhook-id"]), type: String(payload.type), paymentId: payload.data?.id ?? null, verified, answered: 0 };
      r.answered = answer(r, got.filter((g) => g.id === r.id).length);
      got.push(r);
      res.writeHead(r.answered, { "content-type": "text/plain" }).end(r.answered === 200 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { got, port, setSecret: (s: string) => (secret = s), close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("submitted and approved arrive signed; a receiver that fails twice gets the same webhook-id a third time", async ({ browser, request }) => {
  // Fail the first two deliveries of payment.approved, as a receiver that is briefly down would.
  const rx = await receiver((r, nth) => (r.type === "payment.approved" && nth < 2 ? 500 : 200));
  const admin = await staffPage(browser, "admin");
  const key = await createApiKey(admin, "Webhook spec");
  await admin.goto("/dashboard/settings/webhooks");
  await admin.getByLabel("Endpoint URL").fill(`http://ftp.example/hook`);
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await expect(admin.locator("#url-error")).toContainText("https://");
  await admin.getByLabel("Endpoint URL").fill(`http://localhost:${rx.port}/hook`);
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await expect(admin.getByText("Endpoint added.")).toBeVisible();
  await admin.getByText("Reveal secret").click();
  rx.setSecret((await admin.getByTestId("endpoint-secret").textContent())!.trim());
  const endpointPage = admin.url().split("?")[0];

  try {
    // The test button proves the receiver works.
    await admin.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => rx.got.some((g) => g.type === "webhook.test" && g.verified)).toBe(true);

    const created = await request.post("/api/v1/payments", {
      headers: { authorization: `Bearer ${key}` },
      data: { amount: "75.00", currency: "EUR", description: "Webhook story", order_id: `wh-${Date.now()}`, return_url: "https://shop.example/done" },
    });
    const p = await created.json();

    const customer = await customerPage(browser);
    await customer.goto(p.url);
    await chooseMethod(customer, "SEPA bank transfer");
    await customer.getByRole("button", { name: "I have paid" }).click();
    await expect(customer.getByText("we are checking your payment")).toBeVisible();

    const agent = await staffPage(browser, "agent");
    await agent.goto("/dashboard");
    await agent.getByRole("button", { name: `Approve ${p.reference}` }).click();
    await expect(agent.getByText(`Payment ${p.reference} approved.`)).toBeVisible();

    const mine = () => rx.got.filter((g) => g.paymentId === p.id);
    await expect.poll(() => mine().filter((g) => g.answered === 200).map((g) => g.type), { timeout: 60_000 }).toEqual(["payment.submitted", "payment.approved"]);
    expect(mine().every((g) => g.verified)).toBe(true);
    const approved = mine().filter((g) => g.type === "payment.approved");
    expect(approved.map((g) => g.answered)).toEqual([500, 500, 200]);
    expect(new Set(approved.map((g) => g.id)).size).toBe(1);

    // The delivery log shows each attempt, and Resend sends the same event again.
    // The list shows the endpoint's recent failures, not just a green "Enabled".
    await admin.goto("/dashboard/settings/webhooks");
    const listed = admin.getByTestId("endpoint-row").filter({ hasText: `localhost:${rx.port}/hook` });
    await expect(listed.getByTestId("failure-rate")).toHaveText(/^2 of its last \d+ attempts failed$/);
    await expect(listed).toContainText("Failing:");

    await admin.goto(endpointPage);
    const row = admin.getByTestId("delivery").filter({ hasText: approved[0].id });
    await expect(row.getByRole("cell", { name: "500", exact: true })).toHaveCount(2);
    await expect(row.getByRole("cell", { name: "200", exact: true })).toHaveCount(1);
    // The payment is named by its reference, as staff know it.
    await expect(row.getByRole("link", { name: `Payment ${p.reference}` })).toBeVisible();

    // A delivery waiting for its next try says so (set up in the database: the suite's retries are too quick to see).
    await withProjectDb(async (db) => {
      const endpointId = Number(endpointPage.split("/").pop());
      const { id: eventId } = (await db.get<{ id: number }>("SELECT event_id AS id FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id LIMIT 1", endpointId))!;
      const now = Date.now();
      await db.run("INSERT INTO webhook_deliveries (event_id, endpoint_id, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'pending', 2, ?, ?)", eventId, endpointId, now + 3600_000, now);
    });
    await admin.reload();
    await expect(admin.getByTestId("delivery").first()).toContainText("retrying");
    await expect(admin.getByTestId("delivery-next").first()).toContainText("Retrying: attempt 3 of 10, next at");
    await row.getByRole("button", { name: /Resend/ }).click();
    await expect(admin.getByText("Sent again, with the same webhook-id.")).toBeVisible();
    await expect.poll(() => rx.got.filter((g) => g.id === approved[0].id).length).toBe(4);
  } finally {
    // Other stories go on; stop sending them here.
    await admin.goto(endpointPage);
    await admin.getByRole("button", { name: "Disable" }).click();
    await rx.close();
  }
});

test("an event left in the outbox when the server dies is delivered after a restart", async () => {
  test.setTimeout(300_000); // two server starts
  const port = Number(process.env.E2E_PORT || 3100) + 1;
  const dir = path.resolve(".e2e-data-restart");
  const data = ownServer(dir);
  // The first retry is due minutes after the failure (60 × the usual 5 s), so the kill below always comes
  // before it however slow the machine; after the restart the test moves it to now in the database.
  const env = { ...process.env, ...data.env, WEBHOOK_RETRY_SCALE: "60" };
  const start = (keep: boolean) => spawn(process.execPath, ["scripts/e2e-server.mjs", String(port), dir, ...(keep ? ["--keep"] : [])], { env, stdio: "ignore", detached: true });
  const ready = async () => {
    for (let i = 0; i < 480; i++) {
      try {
        if ((await fetch(`http://localhost:${port}/login`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error("server did not start");
  };
  const stop = (s: ChildProcess) =>
    new Promise<void>((r) => {
      if (s.exitCode !== null || s.signalCode !== null) return r();
      s.once("exit", () => r());
      // The whole process group: the launcher and the Next.js server it started, as a crash would.
      process.kill(-s.pid!, "SIGKILL");
    });

  // A receiver port that nobody listens on yet.
  const rx = await receiver();
  const rxPort = rx.port;
  await rx.close();

  let server = start(false);
  try {
    await ready();
    const db = storyDb(data);
    const key = "dp_live_" + crypto.randomBytes(24).toString("base64url");
    await db.run("INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES ('restart', ?, ?, ?)", key.slice(0, 16), crypto.createHash("sha256").update(key).digest("hex"), Date.now());
    const secret = "whsec_" + crypto.randomBytes(24).toString("base64");
    await db.run("INSERT INTO webhook_endpoints (url, events, secret, enabled, created_at, updated_at) VALUES (?, ?, ?, TRUE, ?, ?)", `http://127.0.0.1:${rxPort}/hook`, JSON.stringify(["payment.cancelled"]), secret, Date.now(), Date.now());

    const p = await (await fetch(`http://localhost:${port}/api/v1/payments`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ amount: "5", currency: "EUR", description: "Restart", order_id: "r-1" }),
    })).json();
    expect((await fetch(`http://localhost:${port}/api/v1/payments/${p.id}/cancel`, { method: "POST", headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    // The first attempt fails (nobody listening); then the server is killed before the retry.
    await expect.poll(async () => (await db.get<{ attempts: number }>("SELECT attempts FROM webhook_deliveries"))?.attempts ?? 0, { timeout: 60_000 }).toBe(1);
    await stop(server);
    const pending = (await db.get<{ status: string; msg_id: string }>("SELECT d.status, e.msg_id FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id"))!;
    expect(pending.status).toBe("pending");
    await db.run("UPDATE webhook_deliveries SET next_attempt_at = ?", Date.now()); // the retry is due now
    await db.close();

    // Now the receiver is up, where the endpoint points.
    const got: Received[] = [];
    const srv = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        const payload = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as { type: string; data: { id: number } };
        got.push({ id: String(req.headers["webhook-id"]), type: payload.type, paymentId: payload.data.id, verified: true, answered: 200 });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => srv.listen(rxPort, "127.0.0.1", r));
    server = start(true);
    await ready();
    await expect.poll(() => got.map((g) => [g.type, g.id, g.paymentId]), { timeout: 90_000 }).toEqual([["payment.cancelled", pending.msg_id, p.id]]);
    srv.close();
  } finally {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
