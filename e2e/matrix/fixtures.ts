// Rows for the matrix to aim at, written with the app's own data layer into the matrix server's database: a staff
// account, a method, a webhook endpoint with a delivery, requests in each status, an API key, and payments in the
// states the payer's and the agents' routes act on. Made again whenever a call has changed the database, so each
// call finds them as described here.
import crypto from "node:crypto";
import { eq, max } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { createApiKey } from "@/db/api";
import { API_SCOPES } from "@/lib/api/scopes";
import { closeDb, openDatabase, writeTransaction, type Db } from "@/db/connection";
import { createMethod } from "@/db/methods";
import { chooseMethod, createPayment, decidePayment, submitPayment } from "@/db/payments";
import { changeRequestStatus, createRequest } from "@/db/requests";
import { emailOutbox, payments, users, webhookDeliveries } from "@/db/tables";
import { DEMO_METHODS, DEMO_USERS } from "@/db/seed";
import { hashPassword, userByEmail } from "@/db/users";
import { createEndpoint, enqueueTestEvent } from "@/db/webhooks";
import { createBankAccount } from "@/db/bank/accounts";
import { importStatement, readStatementFile } from "@/db/bank/import";
import { saveUpload } from "@/db/bank/uploads";
import { camt053 } from "@/lib/bank/camt-writer";
import { referenceCheckSymbol, REFERENCE_ALPHABET } from "@/lib/reference";

export type PaymentRef = { id: number; token: string; reference: string };

export type Fixtures = {
  /** An agent account made for the matrix (never the caller). */
  userId: number;
  /** An enabled method no payment has used (so it can be deleted), last in the list. */
  methodId: number;
  endpointId: number;
  deliveryId: number;
  /** A failed e-mail in the outbox (Resend may start it again). */
  emailId: number;
  /** Requests filed by the demo agent, one in each status an admin can act on. */
  requestIds: number[];
  apiKeyId: number;
  /** Open, no method chosen. */
  open: PaymentRef;
  /** Open with a method chosen: "I have paid" submits it. */
  chosen: PaymentRef;
  /** Submitted with a receipt, waiting for an agent. */
  submitted: PaymentRef;
  /** Paid in full by the fixtures' statement, then cancelled: its 12.34 is a refund to make. */
  refundable: PaymentRef;
  /** Well-formed, names no payment. */
  wrongToken: string;
  bankAccountId: number;
  /** A statement with a line paying a payment exactly (bank-confirmed, to approve), an unmatched line, a line whose
   * reference names a payment made after the import (the matcher, run again, matches it), a line to review that names a
   * cancelled payment (to keep and send back), and one paying `refundable`. */
  statementId: number;
  bankLineIds: number[];
  /** A statement file uploaded and not imported yet. */
  uploadId: string;
  /** A camt.053 file no import has seen (its id makes it unique). */
  statementFile: (id: string) => string;
};

const IBAN = "DE89370400440532013000";

const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

export class FixtureMaker {
  private passwordHash: string | null = null;
  private n = 0;

  private constructor(private db: Db, private dataDir: string) {}

  /**
   * Opens the matrix server's database: `url` is its DATABASE_URL, which must be this process's engine (db/tables.ts
   * chose it from DATABASE_URL when this module was first imported).
   */
  static async open(url: string, dataDir: string): Promise<FixtureMaker> {
    return new FixtureMaker(await openDatabase(url, { runMigrations: false }), dataDir);
  }

  async make(): Promise<Fixtures> {
    const db = this.db;
    const n = ++this.n;
    const now = Date.now();
    const agent = (await userByEmail(db, DEMO_USERS[1].email))!;
    const admin = (await userByEmail(db, DEMO_USERS[0].email))!;

    this.passwordHash ??= await hashPassword("matrix-target-password");
    const passwordHash = this.passwordHash;
    const [user] = await writeTransaction(db, (tx) =>
      tx
        .insert(users)
        .values({ email: `matrix-target-${n}-${now}@example.com`, name: `Matrix target ${n}`, passwordHash, role: "agent", active: true, createdAt: now })
        .returning(),
    );

    const template = DEMO_METHODS.find((m) => m.receipt === "optional" && m.currencies.includes("EUR")) ?? DEMO_METHODS[0];
    const method = (name: string) => createMethod(db, { ...template, name, enabled: true, currencies: ["EUR"], minAmount: null, maxAmount: null, hoursOpen: null });
    const used = await method(`Matrix method ${n}, chosen by payers`);
    const unused = await method(`Matrix method ${n}`);

    const endpoint = await createEndpoint(db, { url: `https://matrix-${n}.example/hook`, events: ["payment.approved"] });
    await enqueueTestEvent(db, endpoint.id);
    const [{ deliveryId }] = await db.select({ deliveryId: max(webhookDeliveries.id) }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));

    const byAgent = { id: agent.id, role: "agent" as const };
    const byAdmin = { id: admin.id, role: "admin" as const };
    const request = () =>
      createRequest(db, byAgent, { paymentSystem: `Matrix pay ${n}`, website: null, countries: "DE", currencies: ["EUR"], howCustomersPay: "By app", accountDetails: "Account: 1", comment: "" });
    const fresh = await request();
    const started = await request();
    await changeRequestStatus(db, { requestId: started.id, actor: byAdmin, to: "in_progress", expected: "new" });
    const declined = await request();
    await changeRequestStatus(db, { requestId: declined.id, actor: byAdmin, to: "declined", reason: "Matrix", expected: "new" });

    const apiKey = (await createApiKey(db, `Matrix key ${n}`, admin.id, API_SCOPES)).row;

    const payment = (description: string) =>
      createPayment(db, {
        amount: 1234,
        currency: "EUR",
        description,
        expiresAt: now + 72 * 3600_000,
        createdByUserId: agent.id,
        actor: { type: "user", id: String(agent.id) },
      });
    const open = await payment(`Matrix open ${n}`);
    const chosen = await payment(`Matrix chosen ${n}`);
    await chooseMethod(db, chosen.id, used.id);
    const submitted = await payment(`Matrix submitted ${n}`);
    await chooseMethod(db, submitted.id, used.id);
    const file = `${crypto.randomBytes(16).toString("hex")}.png`;
    fs.mkdirSync(path.join(this.dataDir, "uploads"), { recursive: true });
    fs.writeFileSync(path.join(this.dataDir, "uploads", file), PNG_1X1);
    await submitPayment(db, { paymentId: submitted.id, transactionId: `MATRIX-${n}`, receipt: { file, mime: "image/png", size: PNG_1X1.length } });

    const bank = await createBankAccount(db, { name: `Matrix bank ${n}`, currency: "EUR", accountNumber: IBAN, methodIds: [], autoApprove: false, feeTolerance: 0 });
    const paid = await payment(`Matrix paid by the bank ${n}`);
    const cancelled = await payment(`Matrix cancelled before its money came ${n}`);
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Matrix", actor: { type: "user", id: String(admin.id) }, userId: admin.id });
    const refundable = await payment(`Matrix paid, then cancelled ${n}`);
    const randomBody = () => Array.from(crypto.randomBytes(7), (b) => REFERENCE_ALPHABET[b % 32]).join("");
    const body = randomBody();
    const laterRef = body + referenceCheckSymbol(body);
    const camtFile = (id: string, entries = [{ amount: "3.21", bookingDate: "2026-12-01", text: "no reference" }]) =>
      camt053({ id, iban: IBAN, currency: "EUR", entries });
    const read = await readStatementFile(
      db,
      bank.id,
      new TextEncoder().encode(
        camtFile(`MATRIX-${n}-${now}`, [
          { amount: "12.34", bookingDate: "2026-12-01", text: `Order ${paid.reference}` },
          { amount: "5.00", bookingDate: "2026-12-01", text: "Matrix no reference" },
          { amount: "12.34", bookingDate: "2026-12-01", text: `Later ${laterRef}` },
          { amount: "12.34", bookingDate: "2026-12-01", text: `Order ${cancelled.reference}` },
          { amount: "12.34", bookingDate: "2026-12-01", text: `Order ${refundable.reference}` },
        ]),
      ),
    );
    if (!read.ok) throw new Error(`Matrix statement: ${read.message}`);
    const imported = await importStatement(db, read, { fileName: "matrix.xml", actor: { userId: admin.id, apiKeyId: null } });
    if (!imported.ok) throw new Error(imported.message);
    await decidePayment(db, { paymentId: refundable.id, decision: "cancel", reason: "Matrix", actor: { type: "user", id: String(admin.id) }, userId: admin.id });
    const later = await payment(`Matrix paid before it existed ${n}`);
    await writeTransaction(db, (tx) => tx.update(payments).set({ reference: laterRef }).where(eq(payments.id, later.id)));
    const uploadId = await saveUpload(db, { bankAccountId: bank.id, fileName: "pending.xml", bytes: new TextEncoder().encode(camtFile(`MATRIX-UPLOAD-${n}-${now}`)), userId: agent.id });

    const [email] = await writeTransaction(db, (tx) =>
      tx
        .insert(emailOutbox)
        .values({
          dedupeKey: `matrix:${n}:${now}`,
          kind: "payment_link",
          paymentId: open.id,
          toAddress: `matrix-payer-${n}@example.com`,
          locale: "en",
          mail: { audience: "payer", mail: { kind: "payment_link", payment: { reference: open.reference, token: open.token, amount: open.amount, currency: open.currency, description: open.description, customerName: null, expiresAt: open.expiresAt } } },
          status: "failed",
          attempts: 1,
          lastResponse: "550 No such user here",
          lastCode: 550,
          createdAt: now,
        })
        .returning({ id: emailOutbox.id }),
    );

    return {
      bankAccountId: bank.id,
      statementId: imported.statementId,
      bankLineIds: imported.lines.map((l) => l.id),
      uploadId,
      statementFile: (id: string) => camtFile(id),
      userId: user.id,
      emailId: email.id,
      methodId: unused.id,
      endpointId: endpoint.id,
      deliveryId: deliveryId!,
      requestIds: [fresh.id, started.id, declined.id],
      apiKeyId: apiKey.id,
      open: { id: open.id, token: open.token, reference: open.reference },
      chosen: { id: chosen.id, token: chosen.token, reference: chosen.reference },
      submitted: { id: submitted.id, token: submitted.token, reference: submitted.reference },
      refundable: { id: refundable.id, token: refundable.token, reference: refundable.reference },
      wrongToken: crypto.randomBytes(16).toString("base64url"),
    };
  }

  close(): Promise<void> {
    return closeDb(this.db);
  }
}
