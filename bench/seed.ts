// Fills a throw-away database with a realistic mix of payments for the benchmark, fast: the schema comes from the app's
// own migrations (db/connection.ts openDb), the bulk rows from raw prepared better-sqlite3 statements in big transactions
// with the payment and event indexes dropped while loading and rebuilt afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { closeDb, openDb, writeTransaction, type Db } from "@/db/connection";
import { createApiKey } from "@/db/api";
import { API_SCOPES } from "@/lib/api/scopes";
import { createEndpoint } from "@/db/webhooks";
import { paymentMethods, type NewPaymentMethod, type PaymentMethod } from "@/db/tables";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { PAYMENT_STATUSES, type PaymentStatus } from "@/lib/payment-status";
import { createUser, saveBusinessProfile } from "@/db/users";
import { DEMO_METHODS, DEMO_USERS } from "@/db/seed";
import { snapshotOf } from "@/db/methods";
import { generateReference } from "@/lib/reference";

export const STATUSES = PAYMENT_STATUSES;
export type Status = PaymentStatus;

/** Share of each status in the seeded mix. Open payments: half have chosen a method (they are reading the details). */
export const DEFAULT_MIX: Record<Status, number> = { open: 0.03, submitted: 0.02, approved: 0.77, cancelled: 0.06, expired: 0.12 };

export const SEED_YEARS = 3;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

export type SeedOptions = {
  /** How many payments. */
  payments: number;
  /** The SQLite file to create (replaced if it exists). */
  file: string;
  now?: number;
  mix?: Record<Status, number>;
  /** At least this many open payments with a method, and as many submitted ones, for the write scenarios. */
  writePool?: number;
  /** Deterministic choices (statuses, amounts, methods, times); tokens and references stay random. */
  seed?: number;
  log?: (line: string) => void;
};

export type SeedResult = {
  file: string;
  payments: number;
  events: number;
  counts: Record<Status, number>;
  /** Open payments that have chosen a method. */
  openWithMethod: number;
  methods: { id: number; name: string; currencies: string[]; qr: string | null }[];
  agent: { id: number; email: string; password: string };
  admin: { id: number; email: string; password: string };
  apiKey: string;
  apiKeyId: number;
  seconds: { setup: number; insert: number; indexes: number; total: number };
  /** Payment and event rows per second while inserting (indexes excluded). */
  rowsPerSecond: number;
};

// ---- The six methods of a shop that sells in Europe, the US, India, Russia and Japan ----

export const BENCH_METHODS: Omit<NewPaymentMethod, "createdAt" | "updatedAt">[] = [
  // The demo's three (SEPA with an EPC QR code, PayPal, cash), then three more.
  ...DEMO_METHODS,
  {
    name: "Card transfer (RU)",
    kind: "card_transfer",
    position: 4,
    currencies: ["RUB"],
    minAmount: null,
    maxAmount: null,
    details: [
      { label: "Recipient", value: "ООО «Демо»" },
      { label: "Account", value: "40702810900000000001" },
      { label: "Bank", value: "АО «Банк»" },
    ],
    instructions: "Pay **{{amount}}** by bank transfer or scan the QR code in your bank's app; purpose: **{{reference}}**.",
    requiresTransactionId: false,
    receipt: "optional",
    qrStandard: "st00012",
    qrFields: { name: "ООО Демо", personalAcc: "40702810900000000001", bankName: "АО Банк", bic: "044525225", correspAcc: "30101810400000000225" },
  },
  {
    name: "UPI",
    kind: "e_wallet",
    position: 5,
    currencies: ["INR"],
    minAmount: null,
    maxAmount: "100000",
    details: [{ label: "UPI ID", value: "demoshop@okaxis" }],
    instructions: "Scan the QR code with any UPI app and pay **{{amount}}**; the note must say **{{reference}}**.",
    requiresTransactionId: true,
    receipt: "optional",
    qrStandard: "upi",
    qrFields: { pa: "demoshop@okaxis", pn: "Demo Shop" },
  },
  {
    name: "Bitcoin",
    kind: "crypto",
    position: 6,
    currencies: [],
    minAmount: "10",
    maxAmount: null,
    details: [{ label: "Address", value: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" }],
    instructions: "Send the equivalent of **{{amount}}** in BTC to the address above and write **{{reference}}** in the label.",
    requiresTransactionId: true,
    receipt: "off",
    qrStandard: "bip21",
    qrFields: { address: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", label: "Demo Shop" },
  },
];

/** Currency shares and, for each, which method customers choose (by name, with weights). */
const CURRENCIES: { code: string; share: number; minor: number; methods: [string, number][] }[] = [
  { code: "EUR", share: 0.55, minor: 100, methods: [["SEPA bank transfer", 0.6], ["PayPal", 0.25], ["Cash at our shop", 0.1], ["Bitcoin", 0.05]] },
  { code: "USD", share: 0.15, minor: 100, methods: [["PayPal", 0.7], ["Cash at our shop", 0.2], ["Bitcoin", 0.1]] },
  { code: "GBP", share: 0.1, minor: 100, methods: [["PayPal", 0.75], ["Cash at our shop", 0.25]] },
  { code: "INR", share: 0.08, minor: 100, methods: [["UPI", 0.9], ["Cash at our shop", 0.1]] },
  { code: "RUB", share: 0.07, minor: 100, methods: [["Card transfer (RU)", 0.85], ["Cash at our shop", 0.15]] },
  { code: "JPY", share: 0.05, minor: 1, methods: [["Cash at our shop", 0.7], ["Bitcoin", 0.3]] },
];

const PRODUCTS = [
  "Wool blanket, grey", "Ceramic tea set", "Linen shirt", "Leather wallet", "Gift card", "Postcards", "Matcha sample box",
  "Walnut cutting board", "Canvas tote bag", "Scented candle", "Espresso cups (4)", "Cotton bath towels", "Desk lamp",
  "Hand-thrown vase", "Silk scarf", "Notebook set", "Olive oil 1 l", "Merino socks (3 pairs)", "Bamboo sunglasses",
  "Travel mug", "Cast-iron pan", "Herb garden kit", "Yoga mat", "Wireless speaker", "Picture frame 30×40",
];
const FIRST = ["Marta", "Jon", "Aiko", "Priya", "Lukas", "Sofia", "Omar", "Anna", "Ivan", "Chloe", "Mateo", "Lea", "Ravi", "Yuki", "Noah"];
const LAST = ["Rossi", "Smith", "Tanaka", "Sharma", "Müller", "Garcia", "Haddad", "Kowalski", "Petrov", "Martin", "Silva", "Dubois"];

/** mulberry32: a small, fast, seeded PRNG so a run's mix is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Random bytes drawn from a large pre-filled buffer: a million crypto.randomBytes calls would dominate the seeding. */
class ByteSource {
  private buf = Buffer.alloc(0);
  private at = 0;
  take(n: number): Buffer {
    if (this.at + n > this.buf.length) {
      this.buf = crypto.randomBytes(1 << 20);
      this.at = 0;
    }
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}

/** The snapshot a payment keeps of its method, exactly as the app writes it. */
function snapshotJson(m: PaymentMethod): string {
  return JSON.stringify(snapshotOf(m));
}

/** Deletes a database file with its WAL and shared-memory files. */
export function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}


/** Open payments with a method (and a QR code) the customer page's scenarios view: repeat views, then first views. */
export const REPEAT_VIEWED = 500;
export const FIRST_VIEWED = 5000;
const VIEWED_WITH_METHOD = REPEAT_VIEWED + FIRST_VIEWED;

/**
 * How many payments of each status, and how many of the open ones have chosen a method. The write scenarios need a
 * different payment per request (Confirm: open with a method; Approve: submitted), and so do the customer page's first
 * views (open, with and without a method), so with `writePool` each of those three groups has at least that many
 * beside the ones the page views take, taken from the approved share.
 */
export function planCounts(n: number, mix: Record<Status, number>, writePool = 0): { counts: Record<Status, number>; openWithMethod: number } {
  const counts = statusCounts(n, mix);
  let openWithMethod = Math.ceil(counts.open / 2);
  // Confirm's pool is what the page views (bench/serve.ts) leave of the open payments with a method.
  const withMethodWanted = writePool > 0 ? writePool + VIEWED_WITH_METHOD : 0;
  const moreOpen = Math.max(0, Math.min(withMethodWanted - openWithMethod, counts.approved));
  counts.open += moreOpen;
  counts.approved -= moreOpen;
  openWithMethod += moreOpen;
  const moreOpenWithout = Math.max(0, Math.min(writePool - (counts.open - openWithMethod), counts.approved));
  counts.open += moreOpenWithout;
  counts.approved -= moreOpenWithout;
  const moreSubmitted = Math.max(0, Math.min(writePool - counts.submitted, counts.approved));
  counts.submitted += moreSubmitted;
  counts.approved -= moreSubmitted;
  return { counts, openWithMethod };
}

type Row = {
  createdAt: number;
  status: Status;
  withMethod: boolean;
};

/** The status of every payment and when it was created, oldest first (ids will follow creation time). */
export function planRows(n: number, mix: Record<Status, number>, now: number, rand: () => number, writePool = 0): Row[] {
  const span = SEED_YEARS * 365 * DAY;
  const { counts, openWithMethod } = planCounts(n, mix, writePool);
  const rows: Row[] = [];
  for (const status of STATUSES) {
    for (let i = 0; i < counts[status]; i++) {
      let createdAt: number;
      // Links still open were made in the last 60 days (shops give long expiries through the API); the Pending
      // backlog reaches back 90 days; decided and expired payments are spread over the whole period.
      if (status === "open") createdAt = now - 1 * HOUR - Math.floor(rand() * 60 * DAY);
      else if (status === "submitted") createdAt = now - 3 * HOUR - Math.floor(rand() * 90 * DAY);
      else createdAt = now - 7 * DAY - Math.floor(Math.pow(rand(), 0.8) * (span - 7 * DAY));
      rows.push({ createdAt, status, withMethod: status === "open" ? i < openWithMethod : true });
    }
  }
  rows.sort((a, b) => a.createdAt - b.createdAt);
  return rows;
}

/** How many payments of each status: the mix's shares, rounded, adding up to n exactly. */
export function statusCounts(n: number, mix: Record<Status, number>): Record<Status, number> {
  const total = STATUSES.reduce((s, k) => s + mix[k], 0);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, Math.floor((n * mix[s]) / total)])) as Record<Status, number>;
  let rest = n - STATUSES.reduce((s, k) => s + counts[k], 0);
  for (let i = 0; rest > 0; i = (i + 1) % STATUSES.length, rest--) counts[STATUSES[i]]++;
  return counts;
}

/** The few rows the app's own functions write (users, profile, methods, API key, webhook endpoint), on either engine. */
export async function seedSetup(db: Db, now: number) {
  const users: Record<string, { id: number; email: string; password: string }> = {};
  for (const u of DEMO_USERS) {
    const res = await createUser(db, u);
    if (!res.ok) throw new Error(res.message);
    users[u.role] = { id: res.user.id, email: u.email, password: u.password };
  }
  await saveBusinessProfile(db, { name: "Demo Shop", supportContact: "support@demo-shop.example", defaultCurrency: "EUR", defaultHoursOpen: 72 });
  const methods: PaymentMethod[] = await writeTransaction(db, (tx) =>
    tx
      .insert(paymentMethods)
      .values(BENCH_METHODS.map((m) => ({ ...m, createdAt: now, updatedAt: now })))
      .returning(),
  );
  const { key: apiKey, row: apiKeyRow } = await createApiKey(db, "Shop (bench)", users.admin.id, API_SCOPES, now);
  // A listening endpoint, so every state change also writes its outbox rows (the bench server does not deliver them).
  await createEndpoint(db, { url: "https://shop.example/webhooks/payments", events: [...WEBHOOK_EVENT_TYPES] }, now);
  return { users, methods, apiKey, apiKeyRow };
}

/** The columns of a seeded payment row, in the order rowMaker gives their values. */
export const PAYMENT_COLUMNS = [
  "token", "reference", "status", "amount", "currency", "description", "order_id", "customer_name", "customer_email", "return_url",
  "expires_at", "link_expires_at", "method_id", "method_snapshot", "transaction_id", "receipt_file", "receipt_mime", "receipt_size",
  "decision_reason", "decided_by_user_id", "created_by_user_id", "created_by_api_key_id", "metadata",
  "created_at", "submitted_at", "decided_at", "updated_at", "version",
] as const;
/** The columns of a seeded event row, in the order rowMaker gives their values. */
export const EVENT_COLUMNS = ["payment_id", "actor_type", "actor_id", "from_status", "to_status", "reason", "created_at"] as const;

/**
 * The content of each payment and its events, drawn from `rand` in a fixed order, so that both engines get the same
 * statuses, amounts, methods and times from the same seed (tokens and references stay random).
 */
export function rowMaker(c: { payments: number; now: number; rand: () => number; methods: PaymentMethod[]; agentId: number; apiKeyId: number }) {
  const { now, rand } = c;
  const byName = new Map(c.methods.map((m) => [m.name, m]));
  const snapshots = new Map(c.methods.map((m) => [m.id, snapshotJson(m)]));
  const currencyPick: [(typeof CURRENCIES)[number], number][] = CURRENCIES.map((x) => [x, x.share]);
  const bytes = new ByteSource();
  const references = new Set<string>();
  const customers = Math.max(10, Math.floor(c.payments / 5));
  const agentId = String(c.agentId);
  const keyId = String(c.apiKeyId);
  return (r: Row, id: number): { payment: unknown[]; events: unknown[][] } => {
    const currency = pickWeighted(rand, currencyPick);
    const method = byName.get(pickWeighted(rand, currency.methods))!;
    const amount = currency.code === "JPY" ? 500 + Math.floor(rand() * 50_000) : 100 + Math.floor(Math.pow(rand(), 2) * 50_000);
    const viaApi = rand() < 0.7;
    const customer = Math.floor(rand() * customers);
    const hasEmail = rand() < 0.8;
    let reference: string;
    do reference = generateReference((n) => bytes.take(n));
    while (references.has(reference));
    references.add(reference);
    const token = bytes.take(16).toString("base64url");
    const created = r.createdAt;
    const chosen = r.withMethod;
    const submittedAt = r.status === "submitted" || r.status === "approved" || (r.status === "cancelled" && id % 2 === 0)
      ? Math.min(now - 60_000, created + Math.floor((0.1 + rand() * 47.9) * HOUR))
      : null;
    const decidedAt = r.status === "approved" || r.status === "cancelled"
      ? Math.min(now - 30_000, (submittedAt ?? created) + Math.floor((0.5 + rand() * 71.5) * HOUR))
      : null;
    const linkExpiresAt = r.status === "open" ? created + 90 * DAY : created + 72 * HOUR;
    const methodId = chosen && r.status !== "expired" ? method.id : null;
    const needsTxn = method.requiresTransactionId && submittedAt != null;
    const transactionId = submittedAt != null && (needsTxn || rand() < 0.4) ? bytes.take(9).toString("hex").toUpperCase() : null;
    const receipt = submittedAt != null && method.receipt !== "off" && rand() < 0.2;
    const updatedAt = decidedAt ?? submittedAt ?? (r.status === "expired" ? linkExpiresAt : created);
    const version = r.status === "open" ? (methodId ? 2 : 1) : r.status === "expired" ? 2 : r.status === "submitted" ? 3 : submittedAt ? 4 : 3;
    const payment: unknown[] = [
      token,
      reference,
      r.status,
      amount,
      currency.code,
      PRODUCTS[id % PRODUCTS.length],
      viaApi ? `ORD-${100000 + id}` : rand() < 0.3 ? String(1000 + id) : null,
      rand() < 0.6 ? `${FIRST[customer % FIRST.length]} ${LAST[customer % LAST.length]}` : null,
      hasEmail ? `customer${customer}@example.com` : null,
      viaApi ? `https://shop.example/orders/${100000 + id}` : null,
      linkExpiresAt,
      linkExpiresAt,
      methodId,
      methodId ? snapshots.get(methodId)! : null,
      transactionId,
      receipt ? `${bytes.take(16).toString("hex")}.pdf` : null,
      receipt ? "application/pdf" : null,
      receipt ? 40_000 + Math.floor(rand() * 400_000) : null,
      r.status === "cancelled" ? "No transfer with this reference arrived." : null,
      decidedAt ? c.agentId : null,
      viaApi ? null : c.agentId,
      viaApi ? c.apiKeyId : null,
      viaApi ? JSON.stringify({ cart: `c-${id}` }) : null,
      created,
      submittedAt,
      decidedAt,
      updatedAt,
      version,
    ];
    const events: unknown[][] = [];
    events.push([id, viaApi ? "api_key" : "user", viaApi ? keyId : agentId, null, "open", null, created]);
    if (submittedAt != null) {
      events.push([id, "customer", null, "open", "submitted", null, submittedAt]);
    }
    if (r.status === "expired") {
      events.push([id, "system", null, "open", "expired", "The payment link expired.", linkExpiresAt]);
    } else if (decidedAt != null) {
      events.push([id, "user", agentId, submittedAt ? "submitted" : "open", r.status, r.status === "cancelled" ? "No transfer with this reference arrived." : null, decidedAt]);
    }
    return { payment, events };
  };
}

export async function seedBenchDb(opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now();
  const mix = opts.mix ?? DEFAULT_MIX;
  const rand = prng(opts.seed ?? 20261127);
  const file = path.resolve(opts.file);
  const t0 = performance.now();

  // 1. The real schema, and the few rows the app's own functions should write: users, profile, methods, key, endpoint.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  removeDb(file);
  const db = openDb(`file:${file}`);
  const { users, methods, apiKey, apiKeyRow } = await seedSetup(db, now);
  await closeDb(db);
  const tSetup = performance.now();

  // 2. Bulk rows, raw.
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("locking_mode = EXCLUSIVE");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("cache_size = -1048576"); // 1 GiB while loading
  // The event log's index is built after loading (its rows only ever append). The payments' indexes stay in place
  // while their rows go in, as a live database's do: an index built afterwards has full leaves, so the first write
  // into each leaf would split it (the first API creates on such a seed wrote a quarter more pages than on one grown
  // by use; bench/wal-pages.ts counts them).
  const indexSql = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payment_events' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const ix of indexSql) sqlite.exec(`DROP INDEX "${ix.name}"`);

  const insPayment = sqlite.prepare(`INSERT INTO payments (${PAYMENT_COLUMNS.join(", ")}) VALUES (${PAYMENT_COLUMNS.map(() => "?").join(", ")})`);
  const insEvent = sqlite.prepare(`INSERT INTO payment_events (${EVENT_COLUMNS.join(", ")}) VALUES (${EVENT_COLUMNS.map(() => "?").join(", ")})`);

  const makeRow = rowMaker({ payments: opts.payments, now, rand, methods, agentId: users.agent.id, apiKeyId: apiKeyRow.id });
  const plan = planRows(opts.payments, mix, now, rand, opts.writePool ?? 0);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let events = 0;
  let openWithMethod = 0;
  let id = 0;
  const BATCH = 50_000;
  const tInsert0 = performance.now();

  const insertBatch = sqlite.transaction((rows: Row[]) => {
    for (const r of rows) {
      id++;
      const { payment, events: evs } = makeRow(r, id);
      insPayment.run(...payment);
      for (const e of evs) insEvent.run(...e);
      events += evs.length;
      const methodId = payment[PAYMENT_COLUMNS.indexOf("method_id")];
      counts[r.status]++;
      if (r.status === "open" && methodId) openWithMethod++;
    }
  });

  for (let i = 0; i < plan.length; i += BATCH) {
    insertBatch(plan.slice(i, i + BATCH));
    if (plan.length > BATCH) log(`  seeded ${Math.min(i + BATCH, plan.length).toLocaleString("en")} / ${plan.length.toLocaleString("en")} payments`);
  }
  const tInsert = performance.now();
  for (const ix of indexSql) sqlite.exec(ix.sql);
  const tIndexes = performance.now();
  sqlite.pragma("locking_mode = NORMAL");
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  // Loaded without syncing: put it on disk now, as a live database's pages are, or the kernel writes the file back
  // during the measurements that follow (an import into a just-seeded database ran half as fast).
  const fd = fs.openSync(file, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const tEnd = performance.now();

  return seedResult(file, { users, methods, apiKey, apiKeyRow }, { payments: opts.payments, events, counts, openWithMethod }, { t0, tSetup, tInsert0, tInsert, tIndexes, tEnd });
}

/** What a seeding made, on either engine: seedSetup's rows, the row counts, and the phases' times (performance.now()). */
export function seedResult(
  file: string,
  setup: Awaited<ReturnType<typeof seedSetup>>,
  rows: { payments: number; events: number; counts: Record<Status, number>; openWithMethod: number },
  t: { t0: number; tSetup: number; tInsert0: number; tInsert: number; tIndexes: number; tEnd: number },
): SeedResult {
  const insertSeconds = (t.tInsert - t.tInsert0) / 1000;
  return {
    file,
    ...rows,
    methods: setup.methods.map((m) => ({ id: m.id, name: m.name, currencies: m.currencies, qr: m.qrStandard ?? null })),
    agent: setup.users.agent,
    admin: setup.users.admin,
    apiKey: setup.apiKey,
    apiKeyId: setup.apiKeyRow.id,
    seconds: { setup: (t.tSetup - t.t0) / 1000, insert: insertSeconds, indexes: (t.tIndexes - t.tInsert) / 1000, total: (t.tEnd - t.t0) / 1000 },
    rowsPerSecond: Math.round((rows.payments + rows.events) / Math.max(insertSeconds, 1e-6)),
  };
}
