// E-mail through the outbox, end to end: a server of its own (PORT+30) sends to a real SMTP server on loopback
// (PORT+31, e2e/smtp-sink.ts). The payer gets the link, the confirmation and the approval; a cancellation carries its
// reason; an agent who chose every payment hears of the new one and an admin who chose the digest gets one digest; a
// 550 is failed and never retried, a 451 retried and delivered; a mail left unsent when the server dies goes out
// after the restart. MAIL_TIME_SCALE=0.001 turns the retry waits and the digest interval into milliseconds.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "./smtp-sink";
import { ownServer, storyDb, type ServerData } from "./db";
import { chooseMethod, USERS } from "./helpers";

const PORT = Number(process.env.E2E_PORT || 3100) + 30;
const SINK_PORT = PORT + 1;
const BASE = `http://localhost:${PORT}`;
const DIR = path.resolve(".e2e-data-email");
const PAYER = "payer@example.test";

// The story's server and its database (on a PostgreSQL project, a database of its own: set in beforeAll).
let data: ServerData & { env: Record<string, string> };

function startServer(keep: boolean, sinkUrl: string): ChildProcess {
  const env = { ...process.env, ...data.env, SMTP_URL: sinkUrl, MAIL_FROM: "Demo Shop <billing@demo-shop.example>", MAIL_TIME_SCALE: "0.001" };
  return spawn(process.execPath, ["scripts/e2e-server.mjs", String(PORT), DIR, ...(keep ? ["--keep"] : [])], { env, stdio: "ignore", detached: true });
}

async function ready() {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

/** The whole process group (the launcher and Next.js), as a crash would. */
function kill(s: ChildProcess) {
  return new Promise<void>((r) => {
    if (s.exitCode !== null || s.signalCode !== null) return r();
    s.once("exit", () => r());
    process.kill(-s.pid!, "SIGKILL");
  });
}

async function signedIn(browser: Browser, who: keyof typeof USERS): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: BASE })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS[who].email);
  await page.getByLabel("Password").fill(USERS[who].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Pending" })).toBeVisible();
  return page;
}

const to = (address: string, subject: RegExp) => (m: ReceivedMail) => m.envelopeTo.includes(address) && subject.test(m.subject);

test.describe.configure({ mode: "serial" });

let sink: SmtpSink;
let server: ChildProcess;
let apiKey: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  data = ownServer(DIR);
  sink = await startSmtpSink({ port: SINK_PORT });
  server = startServer(false, sink.url);
  await ready();
  // An API key for the shop's part of the story, as Settings → API keys would make it.
  apiKey = "dp_live_" + crypto.randomBytes(24).toString("base64url");
  const db = storyDb(data);
  await db.run("INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES ('mail story', ?, ?, ?)", apiKey.slice(0, 16), crypto.createHash("sha256").update(apiKey).digest("hex"), Date.now());
  await db.close();
});

test.afterAll(async () => {
  if (server) await kill(server);
  await sink?.close();
  fs.rmSync(DIR, { recursive: true, force: true });
});

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

test("payer and staff mail: the link, the confirmation, new work, the digest, the approval and a cancellation's reason", async ({ browser }) => {
  const agent = await signedIn(browser, "agent");
  const admin = await signedIn(browser, "admin");

  await test.step("the agent chooses every payment, the admin a digest", async () => {
    await agent.goto("/dashboard/account");
    await agent.getByLabel("Every payment as it arrives").check();
    await agent.getByRole("button", { name: "Save e-mail choice" }).click();
    await expect(agent.getByText("Your e-mail choice is saved.")).toBeVisible();
    await admin.goto("/dashboard/account");
    await admin.getByLabel("A digest, at most once every").check();
    await admin.getByLabel("Digest interval").selectOption({ label: "15 minutes" });
    await admin.getByRole("button", { name: "Save e-mail choice" }).click();
    await expect(admin.getByText("Your e-mail choice is saved.")).toBeVisible();
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: test.info().outputPath("account-390.png"), fullPage: true });
    await admin.setViewportSize({ width: 1280, height: 800 });
  });

  let reference = "";
  let payLink = "";
  let detailUrl = "";
  await test.step("an invalid address is refused; the link is e-mailed to the customer", async () => {
    await agent.goto("/dashboard/new");
    await agent.getByLabel("Amount").fill("19.99");
    await agent.getByLabel("Description").fill("Mail story blanket");
    await agent.getByLabel("Customer email (optional)").fill("payer@example");
    await agent.getByLabel("E-mail the link to the customer").check();
    await agent.getByRole("button", { name: "Create payment link" }).click();
    await expect(agent.getByText("Enter a valid email address, or leave it empty.")).toBeVisible();
    await expect(agent.getByLabel("Description")).toHaveValue("Mail story blanket");
    await agent.getByLabel("Customer email (optional)").fill(PAYER);
    await agent.getByRole("button", { name: "Create payment link" }).click();
    await expect(agent.getByText("Payment link created")).toBeVisible();
    reference = (await agent.getByRole("heading", { level: 1 }).textContent())!.trim();
    payLink = (await agent.getByTestId("new-link").textContent())!.trim();
    detailUrl = agent.url().split("?")[0];
    const mail = await sink.waitFor(to(PAYER, /^Payment request/), 60_000);
    expect(mail.subject).toContain(reference);
    expect(mail.text).toContain(payLink);
    expect(mail.html).toContain(payLink);
  });

  await test.step("the payer confirms: they get the confirmation, the agent the new payment, the admin one digest", async () => {
    const payer = await (await browser.newContext({ baseURL: BASE })).newPage();
    // The payer follows the link in the mail.
    await payer.goto(payLink);
    await chooseMethod(payer, "PayPal");
    await payer.getByLabel(/^Transaction ID/).fill("9XK-MAIL-1");
    await payer.getByRole("button", { name: "I have paid" }).click();
    await expect(payer.getByText("we are checking your payment")).toBeVisible();
    const confirmation = await sink.waitFor((m) => m.envelopeTo.includes(PAYER) && m.text.includes("9XK-MAIL-1"), 60_000);
    expect(confirmation.subject).toContain(reference);
    const pending = await sink.waitFor(to(USERS.agent.email, new RegExp(reference)), 60_000);
    expect(pending.text).toContain("9XK-MAIL-1");
    // Staff mail links to the dashboard, never to the payer's secret page.
    expect(pending.text).not.toContain(payLink);
    const digest = await sink.waitFor((m) => m.envelopeTo.includes(USERS.admin.email) && m.text.includes(reference), 60_000);
    expect(digest.text).not.toContain(payLink);
  });

  await test.step("the agent approves: the payer hears, and the payment's timeline shows each mail", async () => {
    await agent.goto("/dashboard");
    await agent.getByTestId("pending-row").filter({ hasText: reference }).getByRole("button", { name: `Approve ${reference}` }).click();
    await expect(agent.getByText(`Payment ${reference} approved.`)).toBeVisible();
    const approved = await sink.waitFor((m) => m.envelopeTo.includes(PAYER) && m.subject.includes(reference) && /approved/.test(m.subject), 60_000);
    expect(approved.text).toContain("19.99");
    // The sink has it; the app records the server's answer a moment later.
    await expect(async () => {
      await agent.goto(detailUrl);
      await expect(agent.getByTestId("timeline-email").filter({ hasText: "Payment approved" })).toContainText("sent", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(agent.getByTestId("timeline-email").filter({ hasText: "Payment link" })).toContainText(PAYER);
    await expect(agent.getByTestId("timeline-email").filter({ hasText: "Confirmation received" })).toContainText("sent");
    await agent.screenshot({ path: test.info().outputPath("payment-timeline-1280.png"), fullPage: true });
  });

  await test.step("the shop cancels another payment with a reason: the mail carries it", async () => {
    const created = await api("POST", "/api/v1/payments", { amount: "5", currency: "EUR", description: "Cancel by mail", order_id: "m-1", customer_email: PAYER });
    expect(created.status).toBe(201);
    expect((await api("POST", `/api/v1/payments/${created.body.id}/cancel`, { reason: "Sold out <today> & tomorrow" })).status).toBe(200);
    const cancelled = await sink.waitFor((m) => m.envelopeTo.includes(PAYER) && m.subject.includes(created.body.reference) && /cancelled/.test(m.subject), 60_000);
    expect(cancelled.text).toContain("Sold out <today> & tomorrow");
    expect(cancelled.html).toContain("Sold out &lt;today&gt; &amp; tomorrow");
  });

  await test.step("the API refuses notify_customer without an address, and an invalid address", async () => {
    const noAddress = await api("POST", "/api/v1/payments", { amount: "5", currency: "EUR", description: "x", order_id: "m-2", notify_customer: true });
    expect(noAddress.status).toBe(422);
    expect(JSON.stringify(noAddress.body.errors)).toContain("customer_email");
    const bad = await api("POST", "/api/v1/payments", { amount: "5", currency: "EUR", description: "x", order_id: "m-3", customer_email: "a@b", notify_customer: true });
    expect(bad.status).toBe(422);
  });

  // Only one digest: nothing was submitted after it.
  expect(sink.messages.filter((m) => m.envelopeTo.includes(USERS.admin.email) && /waiting for approval/.test(m.subject))).toHaveLength(1);
  await agent.context().close();
  await admin.context().close();
});

test("a 550 is failed and not retried, a 451 is retried and delivered, and an unsent mail survives a crash", async ({ browser }) => {
  test.setTimeout(300_000); // a server restart
  const bounce = "bounce@example.test";
  const grey = "grey@example.test";
  sink.answer(bounce, { code: 550, message: "5.1.1 No such user here" });
  sink.answer(grey, { code: 451, message: "4.7.1 Greylisted, try again", times: 1 });
  for (const [email, order] of [[bounce, "b-1"], [grey, "g-1"]]) {
    expect((await api("POST", "/api/v1/payments", { amount: "7", currency: "EUR", description: "Retry story", order_id: order, customer_email: email, notify_customer: true })).status).toBe(201);
  }
  await sink.waitFor((m) => m.envelopeTo.includes(grey), 60_000);
  expect(sink.attempts(grey)).toBe(2);

  const admin = await signedIn(browser, "admin");
  await admin.goto("/dashboard/settings/email");
  await expect(admin.getByTestId("mail-state")).toContainText("On");
  const bounceRow = admin.getByTestId("email-row").filter({ hasText: bounce });
  await expect(async () => {
    await admin.goto("/dashboard/settings/email");
    await expect(admin.getByTestId("email-row").filter({ hasText: grey })).toContainText("sent", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(bounceRow).toContainText("failed");
  await expect(bounceRow).toContainText("No such user here");
  // The grey one needed a second round of the sender; the bounce was never tried again.
  expect(sink.attempts(bounce)).toBe(1);
  await admin.screenshot({ path: test.info().outputPath("settings-email-1280.png"), fullPage: true });
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.screenshot({ path: test.info().outputPath("settings-email-390.png"), fullPage: true });
  await admin.context().close();

  // The mail server goes away; a mail is written, tried, and waits when the app dies.
  await sink.close();
  const late = "late@example.test";
  expect((await api("POST", "/api/v1/payments", { amount: "9", currency: "EUR", description: "Crash story", order_id: "c-1", customer_email: late, notify_customer: true })).status).toBe(201);
  const db = storyDb(data);
  const row = () => db.get<{ status: string; attempts: number }>("SELECT status, attempts FROM email_outbox WHERE to_address = ?", late);
  await expect.poll(async () => (await row())?.attempts ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  await kill(server);
  expect((await row())?.status).toBe("pending");
  await db.run("UPDATE email_outbox SET next_attempt_at = ? WHERE to_address = ?", Date.now(), late); // due now
  await db.close();

  sink = await startSmtpSink({ port: SINK_PORT });
  server = startServer(true, sink.url);
  await ready();
  const mail = await sink.waitFor((m) => m.envelopeTo.includes(late), 90_000);
  expect(mail.subject).toContain("Demo Shop");
});
