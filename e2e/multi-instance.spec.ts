// Several app instances on one PostgreSQL database, as a load balancer would spread requests over them: two
// `next start` on two ports (A and B), one database, one receipts folder. Runs in the PostgreSQL pass only
// (playwright.config.ts, E2E_ENGINE=postgres).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { PNG_1X1, signIn } from "./helpers";

const BASE_PORT = Number(process.env.E2E_PORT || 3100);
const PORT_A = BASE_PORT + 41;
const PORT_B = BASE_PORT + 42;
const DATABASE = "dp_multi";
const DATA_DIR = path.resolve(".e2e-data-multi");
const origin = (port: number) => `http://localhost:${port}`;

test.describe.configure({ mode: "serial" });

/** One instance: scripts/e2e-server.mjs in a process group of its own, so `kill -9` takes the Next.js server too. */
function startInstance(port: number, fresh: boolean): ChildProcess {
  return spawn(process.execPath, ["scripts/e2e-server.mjs", String(port), DATA_DIR, ...(fresh ? [] : ["--keep"])], {
    env: { ...process.env, E2E_PG_DATABASE: DATABASE },
    stdio: "ignore",
    detached: true,
  });
}

async function ready(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${origin(port)}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`instance on ${port} did not start`);
}

function kill9(server: ChildProcess | null): Promise<void> {
  return new Promise((resolve) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once("exit", () => resolve());
    process.kill(-server.pid!, "SIGKILL");
  });
}

type Delivery = { id: string; type: string; paymentId: number };

/** A webhook receiver that verifies every request; `hold` decides whether to leave a request unanswered. */
async function receiver(secret: string, hold: (d: Delivery, nth: number) => boolean = () => false) {
  const got: Delivery[] = [];
  let onHeld: (() => void) | null = null;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const payload = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as { type: string; data: { id: number } };
      const d = { id: String(req.headers["webhook-id"]), type: payload.type, paymentId: payload.data.id };
      const nth = got.filter((g) => g.id === d.id).length;
      got.push(d);
      if (hold(d, nth)) return onHeld!(); // never answered: the sender is killed meanwhile
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, held, close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

let a: ChildProcess | null = null;
let b: ChildProcess | null = null;
let sql: pg.Client;
let apiKey: string;

async function api(request: APIRequestContext, port: number, method: "GET" | "POST", p: string, body?: unknown) {
  const res = await request.fetch(`${origin(port)}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { "content-type": "application/json" } : {}) },
    data: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status(), body: await res.json() };
}

const newSecret = () => "whsec_" + crypto.randomBytes(24).toString("base64");

/** Makes a webhook endpoint for `events` pointing at `url` the only enabled one, straight in the shared database. */
async function onlyEndpoint(url: string, events: string[], secret: string): Promise<void> {
  await sql.query("UPDATE webhook_endpoints SET enabled = false");
  await sql.query("INSERT INTO webhook_endpoints (url, events, secret, enabled, created_at, updated_at) VALUES ($1, $2, $3, true, $4, $4)", [url, JSON.stringify(events), secret, Date.now()]);
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  a = startInstance(PORT_A, true);
  await ready(PORT_A);
  sql = new pg.Client({ connectionString: Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${DATABASE}` }).toString() });
  await sql.connect();
  apiKey = "dp_live_" + crypto.randomBytes(24).toString("base64url");
  await sql.query("INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES ('multi', $1, $2, $3)", [
    apiKey.slice(0, 16),
    crypto.createHash("sha256").update(apiKey).digest("hex"),
    Date.now(),
  ]);
});

test.afterAll(async () => {
  await kill9(a);
  await kill9(b);
  await sql?.end();
});

test("an instance killed in the middle of a delivery: another instance delivers it, with the same webhook-id", async ({ request }) => {
  test.setTimeout(600_000);
  // Only A runs: it claims the delivery, the receiver leaves the first request hanging, and A dies.
  const secret = newSecret();
  const holding = await receiver(secret, (_d, nth) => nth === 0);
  await onlyEndpoint(holding.url, ["payment.cancelled"], secret);

  const created = await api(request, PORT_A, "POST", "/payments", { amount: "12.50", currency: "EUR", description: "Killed mid-delivery", order_id: "kill-1" });
  expect(created.status).toBe(201);
  expect((await api(request, PORT_A, "POST", `/payments/${created.body.id}/cancel`)).status).toBe(200);
  await holding.held;
  await kill9(a);
  a = null;

  // B starts on the same database and takes the delivery over once A's claim has run out.
  b = startInstance(PORT_B, false);
  await ready(PORT_B);
  await expect.poll(() => holding.got.length, { timeout: 300_000, intervals: [1000] }).toBe(2);
  expect(holding.got[1]).toEqual(holding.got[0]);
  expect(holding.got[0]).toMatchObject({ type: "payment.cancelled", paymentId: created.body.id });
  await expect
    .poll(async () => (await sql.query("SELECT d.status FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE e.payment_id = $1", [created.body.id])).rows, { timeout: 60_000 })
    .toEqual([{ status: "delivered" }]);
  holding.close();

  // A comes back for the next story: both instances run from here on.
  a = startInstance(PORT_A, false);
  await ready(PORT_A);
});

test("a payment paid through B, its receipt shown through A, Approve raced on both: one winner, one event, one webhook", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const secret = newSecret();
  const rx = await receiver(secret);
  await onlyEndpoint(rx.url, ["payment.submitted", "payment.approved", "payment.cancelled"], secret);

  // The shop creates the payment through A; the payer uses B for everything.
  const created = await api(request, PORT_A, "POST", "/payments", { amount: "40.00", currency: "EUR", description: "Two instances", order_id: "multi-1" });
  expect(created.status).toBe(201);
  const token = new URL(created.body.url).pathname.split("/").pop()!;
  const methods = await api(request, PORT_B, "GET", "/methods");
  const methodId = methods.body.data.find((m: { currencies: string[] }) => m.currencies.includes("EUR")).id;
  const payer = await browser.newContext();
  const chose = await payer.request.post(`${origin(PORT_B)}/pay/${token}/method`, { form: { methodId: String(methodId) }, headers: { origin: origin(PORT_B) }, maxRedirects: 0 });
  expect(chose.status()).toBe(303);
  const confirmed = await payer.request.post(`${origin(PORT_B)}/pay/${token}/confirm`, {
    multipart: { transactionId: "TX-MULTI-1", receipt: { name: "receipt.png", mimeType: "image/png", buffer: PNG_1X1 } },
    headers: { origin: origin(PORT_B) },
    maxRedirects: 0,
  });
  expect(confirmed.status()).toBe(303);
  // The payer's page rendered by A (and cached there) now says it is being checked.
  const before = await (await payer.request.get(`${origin(PORT_A)}/pay/${token}`)).text();
  expect(before).toMatch(/being checked/i);
  expect(before).not.toMatch(/approved/i);

  // The agent signs in on A; the same session works on B (the browser sends its cookie to both).
  const agentContext = await browser.newContext({ baseURL: origin(PORT_A) });
  const agent = await agentContext.newPage();
  await signIn(agent, "agent");
  const receipt = await agentContext.request.get(`${origin(PORT_A)}/dashboard/payments/${created.body.id}/receipt`);
  expect(receipt.status()).toBe(200);
  expect(receipt.headers()["content-type"]).toBe("image/png");
  expect(Buffer.from(await receipt.body()).equals(PNG_1X1)).toBe(true);
  expect((await agentContext.request.get(`${origin(PORT_B)}/dashboard/payments/${created.body.id}`, { maxRedirects: 0 })).status()).toBe(200);

  // Approve from both instances at the same moment.
  const approve = (port: number) =>
    agentContext.request.post(`${origin(port)}/dashboard/decide/approve`, {
      form: { paymentId: String(created.body.id), returnTo: "detail" },
      headers: { origin: origin(port) },
      maxRedirects: 0,
    });
  const answers = await Promise.all([approve(PORT_A), approve(PORT_B)]);
  const locations = answers.map((r) => new URL(r.headers()["location"], origin(PORT_A)).searchParams);
  expect(locations.map((q) => q.get("notice") ?? q.get("error")).sort()).toEqual(["approved", "conflict"]);

  const events = await sql.query("SELECT to_status FROM payment_events WHERE payment_id = $1 AND to_status = 'approved'", [created.body.id]);
  expect(events.rows).toHaveLength(1);
  const outbox = await sql.query("SELECT type FROM webhook_events WHERE payment_id = $1 ORDER BY id", [created.body.id]);
  expect(outbox.rows.map((r) => r.type)).toEqual(["payment.submitted", "payment.approved"]);

  // Both instances run dispatchers; each delivery is sent once (each attempt claimed by one instance).
  await expect
    .poll(async () => (await sql.query("SELECT count(*)::int AS n FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE e.payment_id = $1 AND d.status = 'delivered'", [created.body.id])).rows[0].n, { timeout: 120_000 })
    .toBe(2);
  const attempts = await sql.query("SELECT d.attempts FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE e.payment_id = $1", [created.body.id]);
  expect(attempts.rows).toEqual([{ attempts: 1 }, { attempts: 1 }]);
  const mine = rx.got.filter((g) => g.paymentId === created.body.id);
  expect(mine.map((g) => g.type).sort()).toEqual(["payment.approved", "payment.submitted"]);

  // A's cached payer page is not stale: it shows the approval B or A recorded.
  const after = await (await payer.request.get(`${origin(PORT_A)}/pay/${token}`)).text();
  expect(after).not.toEqual(before);
  expect(after).toMatch(/approved/i);

  // Signing out on A ends the session on B too, though B keeps sessions in memory (db/notified-cache.ts): a copy of
  // the cookie, which B has just let in, gets nowhere there afterwards.
  const copy = await browser.newContext();
  await copy.addCookies(await agentContext.cookies());
  const dashboardOnB = () => copy.request.get(`${origin(PORT_B)}/dashboard`, { maxRedirects: 0 });
  expect((await dashboardOnB()).status()).toBe(200);
  await agent.getByRole("button", { name: "Sign out" }).click();
  await expect(agent).toHaveURL(/\/login/);
  await expect.poll(async () => (await dashboardOnB()).headers()["location"] ?? "(no redirect)", { timeout: 10_000 }).toMatch(/\/login/);
  await copy.close();
  rx.close();
  await payer.close();
  await agentContext.close();
});
