// The dispatcher against real HTTP receivers on this machine: where it may connect (SSRF), that a slow receiver holds
// back no other endpoint, and that a huge answer is cut off after a few KB.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, write, closeDb } from "@/db/client";
import { webhookAttempts, webhookDeliveries } from "@/db/tables";
import { claimDueDeliveries, createEndpoint, enqueueTestEvent, updateEndpoint } from "@/db/webhooks";
import { kickWebhookDeliveries, startJobs } from "./jobs";
import { deliver } from "./webhook-delivery";
import { resolvedUrlProblem } from "./webhook-request";

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-webhooks-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  process.env.WEBHOOK_RETRY_SCALE = "1";
  startJobs();
});
afterAll(async () => {
  closeDb(await getDb());
  fs.rmSync(dir, { recursive: true, force: true });
});

type Request = { req: http.IncomingMessage; res: http.ServerResponse; body: string; closed: boolean };

/** A receiver on `host` that records each request and hands it to `answer` once its body has arrived. */
async function receiver(answer: (r: Request) => void = (r) => r.res.writeHead(200).end("ok"), host = "127.0.0.1") {
  const requests: Request[] = [];
  const server = http.createServer((req, res) => {
    const r: Request = { req, res, body: "", closed: false };
    req.socket.on("close", () => (r.closed = true));
    req.on("data", (c) => (r.body += c));
    req.on("end", () => {
      requests.push(r);
      answer(r);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  };
  return { requests, port, url: `http://${host}:${port}/hook`, close };
}

const endpoints: number[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  // Later tests must not see this test's endpoints or receivers.
  for (const id of endpoints.splice(0)) await updateEndpoint(await getDb(), id, { enabled: false });
  for (const s of servers.splice(0)) await s.close();
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

async function endpoint(url: string) {
  const e = await createEndpoint(await getDb(), { url, events: ["payment.approved"] });
  endpoints.push(e.id);
  return e;
}

const deliveriesOf = async (endpointId: number) => (await (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)));
const attemptsOf = async (endpointId: number) =>
  (await (await getDb())
    .select({ statusCode: webhookAttempts.statusCode, error: webhookAttempts.error, excerpt: webhookAttempts.responseExcerpt })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(eq(webhookDeliveries.endpointId, endpointId)));
// Real sockets and a real dispatcher: wait as long as a busy machine needs; a pass comes as soon as the check holds.
const until = (check: () => unknown) => vi.waitFor(check, { timeout: 90_000, interval: 20 });

describe("where webhooks may go", () => {
  it("without WEBHOOK_ALLOW_PRIVATE, a loopback URL written straight into the database is refused at delivery, and retried later", async () => {
    const rx = await receiver();
    servers.push(rx);
    const e = await endpoint(rx.url);
    await enqueueTestEvent(await getDb(), e.id);
    kickWebhookDeliveries();
    await until(async () => expect(await attemptsOf(e.id)).toHaveLength(1));
    const [attempt] = await attemptsOf(e.id);
    expect(attempt.statusCode).toBeNull();
    expect(attempt.error).toMatch(/^Refused: 127\.0\.0\.1 is a loopback address/);
    expect(rx.requests).toHaveLength(0);
    // The normal retry path: still pending, with a next attempt.
    const [d] = await deliveriesOf(e.id);
    expect(d.status).toBe("pending");
    expect(d.nextAttemptAt).toBeGreaterThan(Date.now());
  }, 120_000);

  it("refuses a name that resolves to a private address, checking every address it has", async () => {
    const rx = await receiver();
    servers.push(rx);
    const e = await endpoint(`https://hooks.shop.example:${rx.port}/hook`);
    await enqueueTestEvent(await getDb(), e.id);
    const [d] = (await claimDueDeliveries(await getDb(), Date.now(), { perEndpoint: 100, limit: 100 })).filter((x) => x.endpointId === e.id);
    const resolve = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.1.2.3", family: 4 },
    ];
    await deliver(await getDb(), d, { resolve });
    expect(await attemptsOf(e.id)).toEqual([{ statusCode: null, error: "Refused: hooks.shop.example resolves to 10.1.2.3, a private network address.", excerpt: null }]);

    // The same check when the admin saves the URL.
    expect(await resolvedUrlProblem("https://hooks.shop.example/hook", { resolve })).toBe(
      "hooks.shop.example resolves to 10.1.2.3, a private network address: webhooks go only to addresses on the public internet.",
    );
    expect(await resolvedUrlProblem("https://hooks.shop.example/hook", { resolve: async () => [{ address: "::ffff:169.254.169.254", family: 6 }] })).toMatch(
      /resolves to ::ffff:169\.254\.169\.254, a link-local address/,
    );
    expect(await resolvedUrlProblem("https://hooks.shop.example/hook", { resolve: async () => [{ address: "93.184.216.34", family: 4 }] })).toBeNull();
  });

  it("connects to the address it resolved and checked, once, keeping the name in Host", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    // Listening on 127.0.0.2, under a name the system resolver does not know: only the address handed over by the
    // resolver can be where the request went.
    const rx = await receiver(undefined, "127.0.0.2");
    servers.push(rx);
    const e = await endpoint(`http://hooks.localhost:${rx.port}/hook`);
    await enqueueTestEvent(await getDb(), e.id);
    const [d] = (await claimDueDeliveries(await getDb(), Date.now(), { perEndpoint: 100, limit: 100 })).filter((x) => x.endpointId === e.id);
    const lookups: string[] = [];
    await deliver(await getDb(), d, {
      resolve: async (host) => {
        lookups.push(host);
        return [{ address: "127.0.0.2", family: 4 }];
      },
    });
    expect(await attemptsOf(e.id)).toEqual([{ statusCode: 200, error: null, excerpt: "ok" }]);
    expect(lookups).toEqual(["hooks.localhost"]);
    expect(rx.requests.map((r) => r.req.headers.host)).toEqual([`hooks.localhost:${rx.port}`]);
  });
});

describe("delivery", () => {
  it("a receiver that does not answer holds back neither another endpoint's events nor more than 4 of its own", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    const slow = await receiver(() => {}); // never answers
    const fast = await receiver();
    servers.push(slow, fast);
    const s = await endpoint(slow.url);
    const f = await endpoint(fast.url);
    for (let i = 0; i < 6; i++) await enqueueTestEvent(await getDb(), s.id);
    kickWebhookDeliveries();
    await until(() => expect(slow.requests).toHaveLength(4));

    // While those four requests are open, an event for another endpoint goes out and is recorded.
    await enqueueTestEvent(await getDb(), f.id);
    kickWebhookDeliveries();
    await until(async () => expect((await deliveriesOf(f.id)).map((d) => d.status)).toEqual(["delivered"]));
    expect(slow.requests.map((r) => r.closed)).toEqual([false, false, false, false]);
    expect(await attemptsOf(s.id)).toHaveLength(0);
    // Four leased to this dispatcher, two waiting for a free slot.
    const leased = (await deliveriesOf(s.id)).filter((d) => d.lockedUntil != null && d.lockedUntil > Date.now());
    expect(leased).toHaveLength(4);
  }, 120_000);

  it("reads only the start of a huge answer and closes the connection", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    let written = 0;
    const rx = await receiver(({ res }) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, "x");
      // An endless body, written as fast as the reader takes it.
      const more = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
      };
      res.on("drain", more);
      more();
    });
    servers.push(rx);
    const e = await endpoint(rx.url);
    await enqueueTestEvent(await getDb(), e.id);
    kickWebhookDeliveries();
    await until(async () => expect(await attemptsOf(e.id)).toHaveLength(1));
    expect(await attemptsOf(e.id)).toEqual([{ statusCode: 200, error: null, excerpt: "x".repeat(500) }]);
    expect((await deliveriesOf(e.id))[0].status).toBe("delivered");
    await until(() => expect(rx.requests[0].closed).toBe(true));
    // Closed after what fits in the sockets' buffers, not after the 64 MB the audit's receiver sent.
    expect(written).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
