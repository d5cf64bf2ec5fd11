// Payment methods as admins configure them: create, edit, order, enable, archive; never deleted from under a payment.
import { and, asc, count, desc, eq, max, sql } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "./connection";
import { prepared } from "./statement-cache";
import { connectionRequests, paymentMethods, payments, type MethodSnapshot, type NewPaymentMethod, type Payment, type PaymentMethod } from "./tables";
import { methodAccepts } from "@/lib/method-availability";
import { payerDetails } from "@/lib/payer-details";

export type MethodInput = Omit<NewPaymentMethod, "id" | "createdAt" | "updatedAt" | "position" | "archived">;

export async function methodById(db: Db, id: number): Promise<PaymentMethod | undefined> {
  return (await db.select().from(paymentMethods).where(eq(paymentMethods.id, id)))[0];
}

/** Every method in display order: active ones first, archived ones last. */
export async function listMethods(db: Db): Promise<PaymentMethod[]> {
  return db.select().from(paymentMethods).orderBy(asc(paymentMethods.archived), asc(paymentMethods.position), asc(paymentMethods.id));
}

export async function createMethod(db: Db, input: MethodInput, now = Date.now()): Promise<PaymentMethod> {
  return writeTransaction(db, (tx) => insertMethod(tx, input, now));
}

/** Inserts a method last in display order, inside the caller's transaction (which makes "last" hold). */
export async function insertMethod(tx: Tx, input: MethodInput, now: number): Promise<PaymentMethod> {
  const [last] = await tx.select({ p: max(paymentMethods.position) }).from(paymentMethods);
  const [method] = await tx
    .insert(paymentMethods)
    .values({ ...input, position: (last?.p ?? 0) + 1, archived: false, createdAt: now, updatedAt: now })
    .returning();
  return method;
}

/** Edits apply to future choices only: payments keep the snapshot taken when their customer chose the method. */
export async function updateMethod(db: Db, id: number, input: MethodInput, now = Date.now()): Promise<boolean> {
  return changeMethod(db, id, { ...input, updatedAt: now });
}

export async function setMethodEnabled(db: Db, id: number, enabled: boolean, now = Date.now()): Promise<boolean> {
  return changeMethod(db, id, { enabled, updatedAt: now });
}

export async function setMethodArchived(db: Db, id: number, archived: boolean, now = Date.now()): Promise<boolean> {
  // An archived method is also disabled, so unarchiving never surprises customers with a method nobody checked.
  return changeMethod(db, id, { archived, enabled: false, updatedAt: now });
}

async function changeMethod(db: Db, id: number, set: Partial<NewPaymentMethod>): Promise<boolean> {
  const changed = await writeTransaction(db, (tx) =>
    tx.update(paymentMethods).set(set).where(eq(paymentMethods.id, id)).returning({ id: paymentMethods.id }),
  );
  return changed.length === 1;
}

export async function paymentsUsingMethod(db: Db, id: number): Promise<number> {
  return (await db.select({ n: count() }).from(payments).where(eq(payments.methodId, id)))[0].n;
}

/** Deletes a method no payment has ever chosen; otherwise refuses (archive it instead). */
export async function deleteUnusedMethod(db: Db, id: number): Promise<"deleted" | "in_use" | "not_found"> {
  return writeTransaction(db, async (tx) => {
    const used = (await tx.select({ n: count() }).from(payments).where(eq(payments.methodId, id)))[0].n;
    if (used > 0) return "in_use" as const;
    // A connection request keeps its history; it just no longer points at a method.
    await tx.update(connectionRequests).set({ methodId: null }).where(eq(connectionRequests.methodId, id));
    const deleted = await tx.delete(paymentMethods).where(eq(paymentMethods.id, id)).returning({ id: paymentMethods.id });
    return deleted.length === 1 ? ("deleted" as const) : ("not_found" as const);
  });
}

/** Swaps a method with its neighbour in display order. */
export async function moveMethod(db: Db, id: number, direction: "up" | "down"): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const [m] = await tx.select().from(paymentMethods).where(eq(paymentMethods.id, id));
    if (!m || m.archived) return false;
    const [neighbour] = await tx
      .select()
      .from(paymentMethods)
      .where(
        and(
          eq(paymentMethods.archived, false),
          direction === "up"
            ? sql`(${paymentMethods.position} < ${m.position} OR (${paymentMethods.position} = ${m.position} AND ${paymentMethods.id} < ${m.id}))`
            : sql`(${paymentMethods.position} > ${m.position} OR (${paymentMethods.position} = ${m.position} AND ${paymentMethods.id} > ${m.id}))`,
        ),
      )
      .orderBy(
        direction === "up" ? desc(paymentMethods.position) : asc(paymentMethods.position),
        direction === "up" ? desc(paymentMethods.id) : asc(paymentMethods.id),
      )
      .limit(1);
    if (!neighbour) return false;
    // Equal positions would make a swap a no-op, so renumber everything first.
    const all = (
      await tx
        .select({ id: paymentMethods.id })
        .from(paymentMethods)
        .where(eq(paymentMethods.archived, false))
        .orderBy(asc(paymentMethods.position), asc(paymentMethods.id))
    ).map((r) => r.id);
    const i = all.indexOf(m.id);
    const j = all.indexOf(neighbour.id);
    [all[i], all[j]] = [all[j], all[i]];
    for (const [idx, mid] of all.entries()) await tx.update(paymentMethods).set({ position: idx + 1 }).where(eq(paymentMethods.id, mid));
    return true;
  });
}

// ---- What payers see ----

export async function enabledMethods(db: Db): Promise<PaymentMethod[]> {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.enabled, true), eq(paymentMethods.archived, false)))
    .orderBy(asc(paymentMethods.position), asc(paymentMethods.id));
}

/** The methods a payer of this payment may choose, in display order. */
export async function methodsForPayment(db: Db, payment: Pick<Payment, "currency" | "amount">): Promise<PaymentMethod[]> {
  return (await enabledMethods(db)).filter((m) => methodAccepts(m, payment.currency, payment.amount));
}

// The All payments page's method filter reads them on every search: prepared once (./statement-cache).
const allMethodsQuery = prepared((db) => db.select().from(paymentMethods).orderBy(asc(paymentMethods.position), asc(paymentMethods.id)).prepare());

export async function allMethods(db: Db): Promise<PaymentMethod[]> {
  return allMethodsQuery(db).execute();
}

/** What a payment keeps of the method its payer chose. */
export function snapshotOf(m: PaymentMethod): MethodSnapshot {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    // The QR section's account fields are the payer's first details (lib/payer-details.ts).
    details: payerDetails(m),
    instructions: m.instructions,
    requiresTransactionId: m.requiresTransactionId,
    receipt: m.receipt,
    qrStandard: m.qrStandard,
    qrFields: m.qrFields,
    ...(Object.keys(m.translations ?? {}).length ? { translations: m.translations } : {}),
  };
}
