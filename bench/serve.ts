// The load half of the bench: serves the production build with `next start` on one seeded database (SQLite or
// PostgreSQL: only its DATABASE_URL differs), signs in, weighs the client JavaScript, captures one Confirm and one
// Approve click, and drives every scenario with autocannon. bench/run.ts calls it once per engine.
import path from "node:path";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { formatReference } from "@/lib/reference";
import { launchBrowser, captureAction, scriptsOf, signIn, sumKb } from "./browser";
import type { BenchReport, ScenarioResult, WriteRounds } from "./report";
import { writeRounds } from "./rounds";
import type { RowSource } from "./row-source";
import { approveTemplate, clickTemplate, consumer, randomPicker, runScenario, visitAll, type Scenario } from "./scenarios";
import { DEFAULT_MIX, FIRST_VIEWED, REPEAT_VIEWED, statusCounts, type SeedResult } from "./seed";
import { startServer } from "./server";
import type { Args } from "./run";

export type ServerPhase = {
  scenarios: ScenarioResult[];
  peakRss: number | null;
  serverMemory: BenchReport["serverMemory"] | null;
  clientJs: BenchReport["clientJs"];
  notes: string[];
  writeRounds: WriteRounds | null;
};

export type ServeOptions = {
  a: Args;
  buildDir: string;
  seeded: SeedResult;
  /** The server's DATABASE_URL: file:… or postgres://… */
  databaseUrl: string;
  /** The bench's own reads of the same database (pools of payments, write checks). */
  src: RowSource;
  /** A cursor deep in the Pending queue. */
  pendingDeep: Cursor | null;
  /** Where the server keeps uploads (one per engine, so receipts of one run do not mix). */
  dataDir: string;
  log: (s: string) => void;
};

/** Rejects if a step takes longer than `ms` (every wait in the bench is bounded). */
export function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]);
}

function sample<T>(rows: T[], n: number): T[] {
  if (rows.length <= n) return rows;
  const out: T[] = [];
  const step = rows.length / n;
  for (let i = 0; i < n; i++) out.push(rows[Math.floor(i * step)]);
  return out;
}

export async function serveScenarios(o: ServeOptions): Promise<ServerPhase> {
  const { a, seeded, src, log } = o;
  const scenarios: ScenarioResult[] = [];
  const notes: string[] = [];
  let peakRss: number | null = null;
  let rounds: WriteRounds | null = null;
  let serverMemory: BenchReport["serverMemory"] | null = null;
  let clientJs: BenchReport["clientJs"] = null;
  const dataDir = o.dataDir;
  const server = await startServer({ appDir: o.buildDir, databaseUrl: o.databaseUrl, dataDir, nodeOptions: a.nodeOptions, log });
  const browser = await launchBrowser();
  try {
    const base = server.url;
    const count = (q: string, ...p: unknown[]) => src.count(q, ...p);

    // Pools of real payments. The payer's page is cached per state (proxy.ts), so it is measured twice: repeat views
    // of REPEAT_VIEWED payments loaded once before (a payer reloading, or coming back), and first views, each request
    // a payment nobody has looked at yet (a render every time).
    const openNoMethod = (await src.all<{ token: string }>("SELECT token FROM payments WHERE status = 'open' AND method_id IS NULL ORDER BY id")).map((r) => r.token);
    const withMethod = await src.all<{ token: string; m: number }>("SELECT token, method_id AS m FROM payments WHERE status = 'open' AND method_id IS NOT NULL ORDER BY id");
    const qrMethods = new Set(seeded.methods.filter((m) => m.qr).map((m) => m.id));
    const withQr = withMethod.filter((r) => qrMethods.has(r.m)).map((r) => r.token);
    const cachedOpen = openNoMethod.slice(0, REPEAT_VIEWED);
    const firstOpen = openNoMethod.slice(REPEAT_VIEWED);
    const cachedDetails = withQr.slice(0, REPEAT_VIEWED);
    const firstDetails = withQr.slice(REPEAT_VIEWED, REPEAT_VIEWED + FIRST_VIEWED);
    const readSet = new Set([...cachedDetails, ...firstDetails]);
    const confirmPool = withMethod.filter((r) => !readSet.has(r.token)).map((r) => r.token);
    const maxId = await count("SELECT max(id) AS n FROM payments");
    const lookups = sample(
      await src.all<{ reference: string; email: string }>("SELECT reference, customer_email AS email FROM payments WHERE customer_email IS NOT NULL AND id % 97 = 0 ORDER BY id"),
      5000,
    );

    // A staff session through the real login, and the client JavaScript of the customer page against the floor.
    const cookie = await within(90_000, "signing in", signIn(browser, base, seeded.agent.email, seeded.agent.password));
    log("Signed in as the agent through /login.");
    const floor = await within(60_000, "loading /status", scriptsOf(browser, `${base}/status`));
    const choose = await within(60_000, "loading the customer page", scriptsOf(browser, `${base}/pay/${cachedOpen[0]}`));
    const details = await within(60_000, "loading the customer page", scriptsOf(browser, `${base}/pay/${cachedDetails[0]}`));
    const encodings = [...new Set([...floor, ...choose, ...details].map((s) => s.encoding))].join("/");
    clientJs = {
      page: "/pay/<token> (method details: the larger of the two)",
      gzipKb: Math.max(sumKb(choose), sumKb(details)),
      floorPage: "/status",
      floorGzipKb: sumKb(floor),
      encoding: encodings || "none",
      pages: [
        { name: "customer page, choosing a method", kb: sumKb(choose), files: choose.length },
        { name: "customer page, method details", kb: sumKb(details), files: details.length },
        { name: "/status (framework floor)", kb: sumKb(floor), files: floor.length },
      ],
    };
    log(`Client JS: customer page ${sumKb(choose).toFixed(1)} / ${sumKb(details).toFixed(1)} KB, floor /status ${sumKb(floor).toFixed(1)} KB (${encodings}).`);

    // Capture one real Confirm and one real Approve click, to replay with other payments.
    // Writes use up payments: a database reused from earlier runs (--reuse-db) may have none left to confirm.
    if (confirmPool.length === 0) throw new Error("No open payment with a method is left to confirm (earlier runs used them up): run without --reuse-db.");
    const confirmToken = confirmPool.shift()!;
    log("Capturing one Confirm click…");
    const confirmClick = await within(90_000, "capturing Confirm", captureAction(browser, {
      url: `${base}/pay/${confirmToken}`,
      baseUrl: base,
      act: async (page) => {
        // Step 3, "Tell us you have paid", is a closed <details> until the payer opens it.
        const step = page.getByTestId("confirm-step");
        if ((await step.getAttribute("open")) === null) await step.locator("summary").click();
        await page.getByLabel(/Transaction ID/).fill("BENCH-TXN-0001");
        await page.getByRole("button", { name: "I have paid" }).click();
      },
    }));
    const confirmReq = clickTemplate(confirmClick, confirmToken);
    log("Capturing one Approve click…");
    const approveClick = await within(90_000, "capturing Approve", captureAction(browser, {
      url: `${base}/dashboard`,
      baseUrl: base,
      cookie,
      act: async (page) => {
        // A payment's own button ("Approve <reference>"), not "Approve all … found in the bank statement".
        await page.getByRole("button", { name: /^Approve (?!all )\S+$/ }).first().click();
      },
    }));
    const approve = approveTemplate(approveClick, { cookie });
    const takeConfirm = consumer(confirmPool);
    let takeApprove: () => number | null = () => null;
    // Read when the Approve scenario starts, so it includes what Confirm just submitted.
    const readApprovePool = async () => {
      takeApprove = consumer((await src.all<{ id: number }>("SELECT id FROM payments WHERE status = 'submitted' ORDER BY submitted_at, id")).map((r) => Number(r.id)));
    };
    log(`Captured the Confirm (${confirmClick.status}) and Approve (${approveClick.status}) requests; replaying them with other payments.`);

    const page = (p: string, extra: Record<string, string> = {}) => ({ method: "GET" as const, path: p, headers: { accept: "text/html,application/xhtml+xml", ...extra } });
    const pickOpen = randomPicker(cachedOpen);
    const pickDetails = randomPicker(cachedDetails);
    const takeFirstOpen = consumer(firstOpen);
    const takeFirstDetails = consumer(firstDetails);
    const payPage = (token: string | null) => (token ? page(`/pay/${token}`) : null);
    const warmCache = (tokens: string[]) => () => visitAll(base, tokens.map((t) => `/pay/${t}`));
    const pickLookup = randomPicker(lookups);
    const staff = { cookie };
    const deep = o.pendingDeep ? `/dashboard?cursor=${encodeCursor(o.pendingDeep)}` : "/dashboard";
    let apiN = 0;
    const runId = Date.now().toString(36);
    const C = a.connections;

    const all: Scenario[] = [
      { id: "static", group: "8", name: "Static page /status (framework ceiling)", connections: C, expected: [200], next: () => page("/status") },
      // Since every page carries a per-request CSP nonce, /status passes the proxy and renders: a file is the true ceiling.
      { id: "static-file", group: "8", name: "Static file /icon.svg (no proxy, no render)", connections: C, expected: [200], next: () => ({ method: "GET" as const, path: "/icon.svg" }) },
      {
        id: "ref-read",
        group: "8",
        name: "Route handler: read one row by id",
        connections: C,
        expected: [200],
        next: () => ({ method: "GET", path: `/api/bench/read/${1 + Math.floor(Math.random() * maxId)}` }),
      },
      { id: "customer-open", group: "1", name: "Customer page, choosing a method (repeat view)", connections: C, expected: [200], prepare: warmCache(cachedOpen), next: () => payPage(pickOpen()) },
      { id: "customer-open-1c", group: "1", name: "Customer page, choosing a method (repeat view)", connections: 1, expected: [200], prepare: warmCache(cachedOpen), next: () => payPage(pickOpen()) },
      { id: "customer-open-first", group: "1", name: "Customer page, choosing a method (first view)", connections: C, expected: [200], next: () => payPage(takeFirstOpen()) },
      { id: "customer-open-first-1c", group: "1", name: "Customer page, choosing a method (first view)", connections: 1, expected: [200], next: () => payPage(takeFirstOpen()) },
      { id: "customer-method", group: "2", name: "Customer page, details + QR (repeat view)", connections: C, expected: [200], prepare: warmCache(cachedDetails), next: () => payPage(pickDetails()) },
      { id: "customer-method-first", group: "2", name: "Customer page, details + QR (first view)", connections: C, expected: [200], next: () => payPage(takeFirstDetails()) },
      { id: "customer-method-first-1c", group: "2", name: "Customer page, details + QR (first view)", connections: 1, expected: [200], next: () => payPage(takeFirstDetails()) },
      { id: "pending-first", group: "5", name: "Pending queue, first page", connections: C, expected: [200], next: () => page("/dashboard", staff) },
      { id: "pending-deep", group: "5", name: "Pending queue, deep cursor", connections: C, expected: [200], next: () => page(deep, staff) },
      {
        id: "search-reference",
        group: "6",
        name: "All payments, search by reference",
        connections: C,
        expected: [200],
        next: () => page(`/dashboard/payments?q=${encodeURIComponent(formatReference(pickLookup()!.reference))}`, staff),
      },
      {
        id: "search-email",
        group: "6",
        name: "All payments, search by email",
        connections: C,
        expected: [200],
        next: () => page(`/dashboard/payments?q=${encodeURIComponent(pickLookup()!.email)}`, staff),
      },
      {
        id: "ref-insert",
        group: "8",
        name: "Route handler: insert one row",
        connections: C,
        expected: [201],
        next: () => ({ method: "POST", path: "/api/bench/insert", headers: { "content-type": "text/plain" }, body: "bench" }),
        // No table yet (no insert answered) counts as no rows.
        verify: (since) => count("SELECT count(*) AS n FROM bench_rows WHERE created_at >= ?", since).catch(() => 0),
      },
      {
        id: "confirm",
        group: "3",
        name: "Confirm (I have paid): form post, 303",
        connections: C,
        expected: [303],
        next: () => {
          const t = takeConfirm();
          return t ? confirmReq(t) : null;
        },
        verify: (since) => count("SELECT count(*) AS n FROM payments WHERE submitted_at >= ?", since),
      },
      {
        id: "approve",
        group: "4",
        name: "Approve (agent): form post, 303",
        connections: C,
        expected: [303],
        prepare: readApprovePool,
        next: () => {
          const id = takeApprove();
          return id == null ? null : approve.post(id);
        },
        verify: (since) => count("SELECT count(*) AS n FROM payments WHERE status = 'approved' AND decided_at >= ?", since),
      },
      {
        id: "api-create",
        group: "7",
        name: "API: POST /api/v1/payments",
        connections: C,
        expected: [201],
        next: () => {
          const n = ++apiN;
          return {
            method: "POST",
            path: "/api/v1/payments",
            headers: {
              authorization: `Bearer ${seeded.apiKey}`,
              "content-type": "application/json",
              "idempotency-key": `bench-${runId}-${n}`,
            },
            body: JSON.stringify({ amount: "19.99", currency: "EUR", description: "Leather wallet", order_id: `B-${runId}-${n}`, customer_email: `buyer${n % 5000}@example.com` }),
          };
        },
        verify: (since) => count("SELECT count(*) AS n FROM payments WHERE created_by_api_key_id = ? AND created_at >= ?", seeded.apiKeyId, since),
      },
      { id: "static-end", group: "8", name: "Static page /status, again at the end", connections: C, expected: [200], next: () => page("/status") },
    ];
    const always = new Set(["static", "static-end", "ref-read", "ref-insert"]);
    const selected = a.only ? all.filter((s) => always.has(s.id) || a.only!.includes(s.id)) : all;
    log(`Load: ${selected.length} scenarios × (${a.warmup} s warm-up + ${a.duration} s), ${C} connections unless marked 1…`);
    const measure = async (s: Scenario) => {
      server.takeWindowPeakMb();
      const r = await runScenario(s, { baseUrl: base, duration: a.duration, warmup: a.warmup, log });
      r.rssMb = Math.round(server.takeWindowPeakMb());
      scenarios.push(r);
    };
    for (const s of selected.filter((x) => x.id !== "static-end")) await measure(s);
    // The writes in alternating rounds, before the last static page (so that the drift check spans them too).
    rounds = await writeRounds(selected, { baseUrl: base, rounds: a.rounds, duration: Math.max(2, Math.round(a.duration / 2)), warmup: Math.min(1, a.warmup), log });
    for (const s of selected.filter((x) => x.id === "static-end")) await measure(s);
  } finally {
    await browser.close().catch(() => {});
    peakRss = server.peakRssMb();
    serverMemory = { atPeak: server.memoryAtPeak(), afterRun: await server.memory(true) };
    await server.stop();
  }
  notes.push(
    "Confirm and Approve replay the form post a real click sends (captured once with Playwright in a browser with JavaScript; the same post is sent without it), each with another payment, and get the 303 to the page that shows the outcome. Loading that page is a request of its own (the customer page's first view, the Pending queue), measured above.",
    "Webhook delivery is off in the bench server (WEBHOOKS_DISABLED=1); the outbox rows are still written in each state change's transaction.",
  );
  const planned = statusCounts(seeded.payments, DEFAULT_MIX);
  if (seeded.counts.approved < planned.approved) {
    const raised = `open ${seeded.counts.open.toLocaleString("en")}, submitted ${seeded.counts.submitted.toLocaleString("en")}`;
    notes.push(`Open and submitted payments were raised from the approved share (${raised}) so that every write hits a different payment (--write-pool ${a.writePool.toLocaleString("en")}).`);
  }
  return { scenarios, peakRss, serverMemory, clientJs, notes, writeRounds: rounds };
}
