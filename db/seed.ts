// Demo data: an admin, an agent, three methods (with their Russian for the payer's page), payments in every state, and
// the bank account the SEPA transfers arrive in, with a statement of it to try the import on. Safe to run again: it
// adds nothing twice.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { closeDb, openDatabase, writeTransaction, type Db } from "./connection";
import { chooseMethod, createPayment, decidePayment, expireDuePayments, submitPayment } from "./payments";
import { bankAccounts, paymentMethods, payments, type NewPaymentMethod, type Payment } from "./tables";
import { createUser, saveBusinessProfile, userByEmail } from "./users";
import { createBankAccount } from "./bank/accounts";
import { camt053 } from "@/lib/bank/camt-writer";
import { minorToDecimal } from "@/lib/money";
import { creditorReference, formatReference } from "@/lib/reference";
import { publicOrigin } from "@/lib/public-origin";

/** The demo shop's account: the SEPA method's details and QR code name it, and the demo bank account is it. */
export const DEMO_IBAN = "DE89370400440532013000";

export const DEMO_USERS = [
  { email: "admin@example.com", password: "admin-demo-pass", role: "admin", name: "Ada Admin" },
  { email: "agent@example.com", password: "agent-demo-pass", role: "agent", name: "Alex Agent" },
] as const;

export const DEMO_METHODS: Omit<NewPaymentMethod, "createdAt" | "updatedAt">[] = [
  {
    name: "SEPA bank transfer",
    kind: "bank_transfer",
    position: 1,
    currencies: ["EUR"],
    minAmount: "1",
    maxAmount: "15000",
    // The account holder, IBAN and BIC are the QR fields below, which the payer also copies (lib/payer-details.ts).
    details: [{ label: "Bank", value: "Commerzbank Köln" }],
    instructions:
      "1. In your banking app, start a **SEPA transfer** of exactly **{{amount}}**.\n2. Write **{{reference}}** in the *remittance information* (memo) field — nothing else.\n3. Pay before {{expires}}; a SEPA transfer usually arrives the next working day.",
    requiresTransactionId: false,
    receipt: "optional",
    qrStandard: "epc",
    qrFields: { name: "Demo Shop GmbH", iban: DEMO_IBAN, bic: "COBADEFFXXX" },
    translations: {
      ru: {
        name: "Банковский перевод SEPA",
        labels: { Bank: "Банк" },
        instructions:
          "1. В приложении банка начните **перевод SEPA** ровно на **{{amount}}**.\n2. Укажите **{{reference}}** в поле *назначение платежа* — и больше ничего.\n3. Оплатите до {{expires}}; перевод SEPA обычно приходит на следующий рабочий день.",
      },
    },
  },
  {
    name: "PayPal",
    kind: "e_wallet",
    position: 2,
    currencies: ["EUR", "USD", "GBP"],
    minAmount: null,
    maxAmount: "5000",
    details: [{ label: "PayPal account", value: "payments@demo-shop.example" }],
    instructions:
      "Send **{{amount}}** to the PayPal account above using *Send to a friend*, and put **{{reference}}** in the note. Then copy the PayPal transaction ID from the confirmation e-mail.",
    requiresTransactionId: true,
    receipt: "optional",
    translations: {
      ru: {
        name: "PayPal",
        labels: { "PayPal account": "Аккаунт PayPal" },
        instructions:
          "Отправьте **{{amount}}** на аккаунт PayPal выше через *«Перевод другу»* и укажите **{{reference}}** в примечании. Затем скопируйте номер транзакции PayPal из письма с подтверждением.",
      },
    },
  },
  {
    name: "Cash at our shop",
    kind: "cash",
    position: 3,
    currencies: [],
    minAmount: null,
    maxAmount: null,
    details: [
      { label: "Address", value: "Hauptstraße 1, 50667 Köln" },
      { label: "Opening hours", value: "Mon–Fri 10:00–18:00" },
    ],
    instructions: "Bring **{{amount}}** in cash and tell us the reference **{{reference}}** (order {{order}}).",
    requiresTransactionId: false,
    receipt: "off",
    translations: {
      ru: {
        name: "Наличными в нашем магазине",
        labels: { Address: "Адрес", "Opening hours": "Часы работы" },
        instructions: "Принесите **{{amount}}** наличными и назовите код платежа **{{reference}}** (заказ {{order}}).",
      },
    },
  },
];

const HOUR = 3600_000;

export async function seed(db: Db, { quiet = false } = {}) {
  const log = quiet ? () => {} : console.log;
  for (const u of DEMO_USERS) {
    if (!(await userByEmail(db, u.email))) {
      const res = await createUser(db, u);
      if (!res.ok) throw new Error(res.message);
    }
  }
  await saveBusinessProfile(db, { name: "Demo Shop", supportContact: "support@demo-shop.example", defaultCurrency: "EUR", defaultHoursOpen: 72 });

  const now = Date.now();
  for (const m of DEMO_METHODS) {
    const [exists] = await db.select({ id: paymentMethods.id }).from(paymentMethods).where(eq(paymentMethods.name, m.name));
    if (!exists) await writeTransaction(db, (tx) => tx.insert(paymentMethods).values({ ...m, createdAt: now, updatedAt: now }));
  }
  const methods = await db.select().from(paymentMethods);
  const method = (name: string) => methods.find((m) => m.name === name)!;
  const agent = (await userByEmail(db, DEMO_USERS[1].email))!;
  const byAgent = { actor: { type: "user" as const, id: String(agent.id) }, createdByUserId: agent.id };

  const [hasPayments] = await db.select({ id: payments.id }).from(payments).limit(1);
  if (!hasPayments) {
    const base = { currency: "EUR", expiresAt: now + 72 * HOUR, ...byAgent };
    // Submitted, waiting in the Pending queue.
    const s1 = await createPayment(db, { ...base, amount: 4990, description: "Wool blanket, grey", orderId: "1001", customerName: "Marta Rossi", customerEmail: "marta@example.com", now: now - 5 * HOUR });
    await chooseMethod(db, s1.id, method("SEPA bank transfer").id, now - 5 * HOUR);
    await submitPayment(db, { paymentId: s1.id, transactionId: "SEPA-2026-11-27-0042", receipt: null, now: now - 4 * HOUR });
    const s2 = await createPayment(db, { ...base, amount: 12000, description: "Ceramic tea set", orderId: "1002", customerEmail: "jon@example.com", now: now - 2 * HOUR });
    await chooseMethod(db, s2.id, method("PayPal").id, now - 2 * HOUR);
    await submitPayment(db, { paymentId: s2.id, transactionId: "8MC585209K746392H", receipt: null, now: now - 90 * 60_000 });
    // Approved and cancelled: history.
    const a = await createPayment(db, { ...base, amount: 2500, description: "Gift card", orderId: "0998", now: now - 50 * HOUR });
    await chooseMethod(db, a.id, method("PayPal").id, now - 50 * HOUR);
    await submitPayment(db, { paymentId: a.id, transactionId: "5TY05013RG002845M", receipt: null, now: now - 49 * HOUR });
    await decidePayment(db, { paymentId: a.id, decision: "approve", userId: agent.id, actor: byAgent.actor, now: now - 48 * HOUR });
    const c = await createPayment(db, { ...base, amount: 8900, description: "Linen shirt", orderId: "0999", now: now - 30 * HOUR });
    await chooseMethod(db, c.id, method("SEPA bank transfer").id, now - 30 * HOUR);
    await submitPayment(db, { paymentId: c.id, transactionId: null, receipt: null, now: now - 29 * HOUR });
    await decidePayment(db, { paymentId: c.id, decision: "cancel", reason: "No transfer with this reference arrived.", userId: agent.id, actor: byAgent.actor, now: now - 5 * HOUR });
    // Expired: its time ran out.
    await createPayment(db, { ...base, amount: 1500, description: "Postcards", orderId: "0997", expiresAt: now - HOUR, now: now - 80 * HOUR });
    await expireDuePayments(db, now);
    // A JPY payment shows a zero-decimal currency.
    await createPayment(db, { ...base, currency: "JPY", amount: 3200, description: "Matcha sample box", orderId: "1003", now: now - HOUR });
  }

  // An open link to try, made anew if the demo's one has been used up.
  let open = (await db.select().from(payments).where(eq(payments.status, "open"))).find((p) => p.expiresAt > now + HOUR && p.currency === "EUR");
  if (!open) {
    open = await createPayment(db, { amount: 1999, currency: "EUR", description: "Handmade leather wallet", orderId: "1004", customerEmail: "customer@example.com", returnUrl: "https://demo-shop.example/orders/1004", expiresAt: now + 72 * HOUR, ...byAgent });
  }
  const [hasAccount] = await db.select({ id: bankAccounts.id }).from(bankAccounts).limit(1);
  if (!hasAccount) {
    await createBankAccount(db, { name: "Demo Shop GmbH · Commerzbank", currency: "EUR", accountNumber: DEMO_IBAN, methodIds: [method("SEPA bank transfer").id], autoApprove: false, feeTolerance: 0 }, now);
  }
  const submittedSepa = (await db.select().from(payments).where(eq(payments.status, "submitted"))).find((p) => p.methodId === method("SEPA bank transfer").id && p.currency === "EUR");
  log("Seeded the demo data");
  return { openToken: open.token, statement: demoStatement(open, submittedSepa, new Date(now).toISOString().slice(0, 10)) };
}

/**
 * A camt.053 of the demo's bank account, to try the import on: the submitted SEPA payment paid in full (its reference
 * in the memo), part of the open link's amount (as an RF creditor reference), a transfer without a reference, a
 * supplier's refund nobody asked for, and the bank's fee.
 */
export function demoStatement(open: Payment, submitted: Payment | undefined, day: string): string {
  const eur = (minor: number) => minorToDecimal(minor, "EUR");
  const entries = [
    ...(submitted ? [{ amount: eur(submitted.amount), bookingDate: day, text: `Order ${formatReference(submitted.reference)}`, payerName: submitted.customerName ?? "Demo Payer", payerIban: "IT60X0542811101000000123456", bankRef: `DEMO-${submitted.reference}` }] : []),
    { amount: eur(Math.max(1, open.amount - 500)), bookingDate: day, structuredRef: creditorReference(open.reference), payerName: "Sam Customer", bankRef: `DEMO-${open.reference}` },
    { amount: "120.00", bookingDate: day, text: "Tea set", payerName: "Jon Example", bankRef: "DEMO-NOREF-1" },
    { amount: "75.00", bookingDate: day, text: "Refund invoice 2026-114", payerName: "Paper Supplies Ltd", bankRef: "DEMO-NOREF-2" },
    { amount: "2.50", bookingDate: day, direction: "debit" as const, text: "Account fee", bankRef: "DEMO-FEE" },
  ];
  return camt053({ id: `DEMO-${day}`, iban: DEMO_IBAN, currency: "EUR", entries });
}

const isMain = process.argv[1] && /seed\.ts$/.test(process.argv[1]);
if (isMain) {
  openDatabase().then(async (db) => {
    const { openToken, statement } = await seed(db);
    const url = publicOrigin();
    // Today's statement, written again on each run (its references are those of today's demo payments).
    const statementFile = path.join(process.env.DEMO_STATEMENT_DIR ?? "data", "demo-statement.xml");
    fs.mkdirSync(path.dirname(statementFile), { recursive: true });
    fs.writeFileSync(statementFile, statement);
    console.log(`\nDemo sign-in (${url}/login):`);
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(6)} ${u.email} / ${u.password}`);
    console.log(`\nAn open payment link to try as a customer:\n  ${url}/pay/${openToken}\n`);
    console.log(`A bank statement to import (Statements → Import a statement):\n  ${path.resolve(statementFile)}\n`);
    await closeDb(db);
  });
}
