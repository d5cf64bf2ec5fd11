// npm run bench: seeds a throw-away database, serves the production build with `next start`, drives it with autocannon,
// and prints one table of req/s, latency and errors with ratios to the framework's and the database's own limits.
// Usage: npm run bench -- [--payments 1000000] [--duration 10] [--warmup 3] [--connections 50]
//                         [--compare FILE|latest|none] [--rebuild] [--reuse-db] [--no-server] [--out bench/results] [--only id,id]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { closeDb, openDb, sqliteConnections } from "@/db/connection";
import { encodeCursor } from "@/lib/cursor";
import { formatReference } from "@/lib/reference";
import { launchBrowser, captureAction, scriptsOf, signIn, sumKb } from "./browser";
import { pickQueryInputs, queryPlans, timeApiCreate, timeDecision, timeQueries, timeSubmit } from "./queries";
import { timeStatementImport } from "./bank";
import {
  driftWarning,
  evaluateTargets,
  formatCompare,
  formatReport,
  machineInfo,
  readReport,
  writeReport,
  type BenchReport,
  type ScenarioResult,
} from "./report";
import { approveTemplate, clickTemplate, consumer, randomPicker, runScenario, visitAll, type Scenario } from "./scenarios";
import { seedBenchDb, type SeedResult } from "./seed";
import { ensureBuild, startServer } from "./server";

export type Args = {
  payments: number;
  duration: number;
  warmup: number;
  connections: number;
  /** A result to print the change against: a file, "latest" (the newest in --out) or null for none. */
  compare: string | null;
  rebuild: boolean;
  reuseDb: boolean;
  server: boolean;
  out: string;
  tmp: string;
  only: string[] | null;
  writePool: number;
  /** Node.js flags for the server instead of npm start's (e.g. "--max-old-space-size=256", "--cpu-prof"). */
  nodeOptions: string | null;
};

/** The committed result every run is compared with unless told otherwise; new runs go to bench/results/ (git-ignored). */
export const BASELINE = "bench/baseline.json";

const USAGE = `npm run bench -- [options]
  --payments N      payments to seed (default 1000000; 100000 is a quick run)
  --duration S      measured seconds per scenario (default 10)
  --warmup S        warm-up seconds per scenario, not recorded (default 3)
  --connections C   concurrent connections (default 50)
  --compare FILE    print the change against an earlier result: a JSON file, "latest" (the newest in --out)
                    or "none" (default ${BASELINE}, the committed baseline)
  --rebuild         build the production server even if the last build is fresh
  --reuse-db        keep the seeded database of an earlier run with the same --payments (for quick iterations)
  --no-server       seed and measure in-process only (no build, no HTTP)
  --only a,b        run only these scenario ids (plus the static page and the reference points)
  --out DIR         where to write the JSON result (default bench/results, ignored by git)
  --node-options S  Node.js flags for the server instead of npm start's, e.g. "--max-old-space-size=256" or
                    "--cpu-prof --cpu-prof-dir=/tmp/prof" (a profile written when the server stops)
  --write-pool N    at least N open payments with a method and N submitted ones, for the writes (default 10000)
  --tmp DIR         where the seeded database goes (default bench/tmp)`;

export function parseArgs(argv: string[]): Args {
  const a: Args = {
    payments: 1_000_000,
    duration: 10,
    warmup: 3,
    connections: 50,
    compare: BASELINE,
    rebuild: false,
    reuseDb: false,
    server: true,
    out: "bench/results",
    tmp: "bench/tmp",
    only: null,
    writePool: 10_000,
    nodeOptions: null,
  };
  const num = (v: string | undefined, name: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} needs a number ≥ ${min}\n\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--payments":
        a.payments = Math.floor(num(value(), flag, 100));
        break;
      case "--duration":
        a.duration = num(value(), flag, 1);
        break;
      case "--warmup":
        a.warmup = num(value(), flag, 0);
        break;
      case "--connections":
        a.connections = Math.floor(num(value(), flag, 1));
        break;
      case "--compare":
        a.compare = value() ?? null;
        if (a.compare === "none") a.compare = null;
        break;
      case "--rebuild":
        a.rebuild = true;
        break;
      case "--reuse-db":
        a.reuseDb = true;
        break;
      case "--no-server":
        a.server = false;
        break;
      case "--out":
        a.out = value();
        break;
      case "--tmp":
        a.tmp = value();
        break;
      case "--only":
        a.only = value().split(",").map((s) => s.trim()).filter(Boolean);
        break;
      case "--write-pool":
        a.writePool = Math.floor(num(value(), flag, 0));
        break;
      case "--node-options":
        a.nodeOptions = value();
        break;
      case "--help":
      case "-h":
        throw new Error(USAGE);
      default:
        throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return a;
}

function latestResult(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  return files.length ? path.join(dir, files[files.length - 1]) : null;
}

/** Seeds, or with --reuse-db takes the database an earlier run seeded with the same size. */
async function seedOrReuse(a: Args, log: (s: string) => void): Promise<SeedResult> {
  const file = path.resolve(a.tmp, `bench-${a.payments}.db`);
  const meta = `${file}.json`;
  if (a.reuseDb && fs.existsSync(file) && fs.existsSync(meta)) {
    log(`Reusing the seeded database ${path.relative(process.cwd(), file)} (--reuse-db).`);
    return JSON.parse(fs.readFileSync(meta, "utf8")) as SeedResult;
  }
  log(`Seeding ${a.payments.toLocaleString("en")} payments into ${path.relative(process.cwd(), file)}…`);
  const seeded = await seedBenchDb({ payments: a.payments, file, writePool: a.server ? a.writePool : 0, log });
  fs.writeFileSync(meta, JSON.stringify(seeded, null, 2));
  log(
    `Seeded ${seeded.payments.toLocaleString("en")} payments and ${seeded.events.toLocaleString("en")} events in ${seeded.seconds.total.toFixed(1)} s ` +
      `(bulk insert ${seeded.rowsPerSecond.toLocaleString("en")} rows/s, indexes ${seeded.seconds.indexes.toFixed(1)} s).`,
  );
  return seeded;
}

/** Rejects if a step takes longer than `ms` (every wait in the bench is bounded). */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
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

export async function main(argv: string[], log: (s: string) => void = console.log): Promise<{ report: BenchReport; file: string }> {
  const a = parseArgs(argv);
  const started = new Date();
  const notes: string[] = [];
  const machine = machineInfo();
  log(`Direct Payments benchmark: ${a.payments.toLocaleString("en")} payments, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`);
  const compareWith = a.compare === "latest" ? latestResult(a.out) : a.compare && fs.existsSync(a.compare) ? a.compare : null;
  if (a.compare && a.compare !== "latest" && !compareWith) log(`No ${a.compare} to compare with; the run is printed on its own.`);

  const build = a.server ? await ensureBuild({ force: a.rebuild, log }) : null;
  const seeded = await seedOrReuse(a, log);

  // ---- In-process: plans, query times, one decision transaction; the server is not running yet ----
  log("In-process: query plans, query times, one Approve, Confirm and API create transaction (app against raw better-sqlite3)…");
  const db = openDb(`file:${seeded.file}`);
  const { reader } = sqliteConnections(db);
  const inputs = pickQueryInputs(reader);
  const plans = queryPlans(db, inputs);
  const inProcess = await timeQueries(db, inputs, a.payments >= 100_000 ? 200 : 50);
  const submittedForTx = (
    reader.prepare("SELECT id FROM payments WHERE status = 'submitted' ORDER BY id DESC LIMIT 400").all() as { id: number }[]
  ).map((r) => r.id);
  const decision = await timeDecision(db, submittedForTx, seeded.agent.id, 200);
  if (decision) inProcess.push(decision);
  // One Confirm on the newest open payments with a method (the HTTP Confirm pool is read later, of those still open).
  const openForTx = (
    reader
      .prepare("SELECT id FROM payments WHERE status = 'open' AND method_id IS NOT NULL AND expires_at > ? ORDER BY id DESC LIMIT 400")
      .all(Date.now() + 3600_000) as { id: number }[]
  ).map((r) => r.id);
  const submit = await timeSubmit(db, openForTx, 200);
  if (submit) inProcess.push(submit);
  inProcess.push(await timeApiCreate(db, seeded.apiKeyId, 200));
  log("In-process: a 10,000-line camt.053 imported and matched, against parsing it alone…");
  const bank = await timeStatementImport(db, 10_000);
  inProcess.push(bank.result);
  plans.push(...bank.plans);
  notes.push(`The bank statement import matched its 10,000 lines as: ${bank.summary}.`);
  closeDb(db);
  for (const p of plans.filter((x) => x.fullScan)) log(`  FULL SCAN in ${p.name}: ${p.summary}`);

  const scenarios: ScenarioResult[] = [];
  let peakRss: number | null = null;
  let serverMemory: BenchReport["serverMemory"] | null = null;
  let clientJs: BenchReport["clientJs"] = null;

  if (a.server && build) {
    const dataDir = path.resolve(a.tmp, "data");
    const server = await startServer({ appDir: build.dir, dbFile: seeded.file, dataDir, nodeOptions: a.nodeOptions, log });
    const browser = await launchBrowser();
    const ro = new Database(seeded.file, { readonly: true, fileMustExist: true });
    try {
      const base = server.url;
      const count = (q: string, ...p: unknown[]) => (ro.prepare(q).get(...p) as { n: number }).n;

      // Pools of real payments. The payer's page is cached per state (proxy.ts), so it is measured twice: repeat views
      // of CACHED_POOL payments loaded once before (a payer reloading, or coming back), and first views, each request
      // a payment nobody has looked at yet (a render every time).
      const CACHED_POOL = 500;
      const openNoMethod = (ro.prepare("SELECT token FROM payments WHERE status = 'open' AND method_id IS NULL").all() as { token: string }[]).map((r) => r.token);
      const withMethod = ro.prepare("SELECT token, method_id AS m FROM payments WHERE status = 'open' AND method_id IS NOT NULL ORDER BY id").all() as { token: string; m: number }[];
      const qrMethods = new Set(seeded.methods.filter((m) => m.qr).map((m) => m.id));
      const withQr = withMethod.filter((r) => qrMethods.has(r.m)).map((r) => r.token);
      const cachedOpen = openNoMethod.slice(0, CACHED_POOL);
      const firstOpen = openNoMethod.slice(CACHED_POOL);
      const cachedDetails = withQr.slice(0, CACHED_POOL);
      const firstDetails = withQr.slice(CACHED_POOL, CACHED_POOL + 5000);
      const readSet = new Set([...cachedDetails, ...firstDetails]);
      const confirmPool = withMethod.filter((r) => !readSet.has(r.token)).map((r) => r.token);
      const maxId = count("SELECT max(id) AS n FROM payments");
      const lookups = sample(
        ro.prepare("SELECT reference, customer_email AS email FROM payments WHERE customer_email IS NOT NULL AND id % 97 = 0").all() as { reference: string; email: string }[],
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
      let approvePool: (() => number | null) | null = null;
      // Read when the first Approve starts, so it includes what Confirm just submitted.
      const takeApprove = () =>
        (approvePool ??= consumer(
          (ro.prepare("SELECT id FROM payments WHERE status = 'submitted' ORDER BY submitted_at, id").all() as { id: number }[]).map((r) => r.id),
        ))();
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
      const deep = inputs.pendingDeep ? `/dashboard?cursor=${encodeCursor(inputs.pendingDeep)}` : "/dashboard";
      let apiN = 0;
      const runId = Date.now().toString(36);
      const C = a.connections;

      const all: Scenario[] = [
        { id: "static", group: "8", name: "Static page /status (framework ceiling)", connections: C, expected: [200], next: () => page("/status") },
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
          verify: (since) => {
            try {
              return count("SELECT count(*) AS n FROM bench_rows WHERE created_at >= ?", since);
            } catch {
              return 0;
            }
          },
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
      for (const s of selected) {
        server.takeWindowPeakMb();
        const r = await runScenario(s, { baseUrl: base, duration: a.duration, warmup: a.warmup, log });
        r.rssMb = Math.round(server.takeWindowPeakMb());
        scenarios.push(r);
      }
    } finally {
      ro.close();
      await browser.close().catch(() => {});
      peakRss = server.peakRssMb();
      serverMemory = { atPeak: server.memoryAtPeak(), afterRun: await server.memory(true) };
      await server.stop();
    }
    notes.push(
      "Confirm and Approve replay the form post a real click sends (captured once with Playwright in a browser with JavaScript; the same post is sent without it), each with another payment, and get the 303 to the page that shows the outcome. Loading that page is a request of its own (the customer page's first view, the Pending queue), measured above.",
      "Webhook delivery is off in the bench server (WEBHOOKS_DISABLED=1); the outbox rows are still written in each state change's transaction.",
    );
    if (seeded.counts.open + seeded.counts.submitted > 0.06 * seeded.payments) {
      notes.push(`Small run: open and submitted payments were raised to ${a.writePool.toLocaleString("en")} each (from the approved share) so that every write hits a different payment.`);
    }
  }

  const drift = driftWarning(scenarios);
  if (drift) notes.unshift(`${drift} (load average now ${os.loadavg().map((x) => x.toFixed(2)).join(" ")})`);
  const partial = { scenarios, inProcess, plans, serverPeakRssMb: peakRss, clientJs };
  const report: BenchReport = {
    version: 1,
    date: started.toISOString(),
    machine,
    options: { payments: a.payments, duration: a.duration, warmup: a.warmup, connections: a.connections, ...(a.nodeOptions ? { nodeOptions: a.nodeOptions } : {}) },
    seed: { payments: seeded.payments, events: seeded.events, counts: seeded.counts, seconds: seeded.seconds, rowsPerSecond: seeded.rowsPerSecond },
    ...(build ? { build: { reused: build.reused, seconds: build.seconds } } : {}),
    serverPeakRssMb: peakRss,
    ...(serverMemory ? { serverMemory } : {}),
    clientJs,
    scenarios,
    inProcess,
    plans,
    targets: evaluateTargets(partial),
    notes,
  };
  log("");
  log(formatReport(report));
  const file = writeReport(report, a.out);
  log(`\nWrote ${path.relative(process.cwd(), file)}`);
  if (compareWith) {
    try {
      log("\n" + formatCompare(report, readReport(compareWith), path.basename(compareWith)));
    } catch (err) {
      log(`Could not compare with ${compareWith}: ${(err as Error).message}`);
    }
  }
  return { report, file };
}

const isMain = process.argv[1] && /bench[\\/]run\.ts$/.test(process.argv[1]);
if (isMain) {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
