// Payment methods as admins configure them: create, edit, order, enable, archive; never deleted from under a payment.
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "./connection";
import { connectionRequests, paymentMethods, payments, type MethodSnapshot, type NewPaymentMethod, type Payment, type PaymentMethod } from "./schema";
import { methodAccepts } from "@/lib/method-availability";

export type MethodInput = Omit<NewPaymentMethod, "id" | "createdAt" | "updatedAt" | "position" | "archived">;

export function methodById(db: Db, id: number): PaymentMethod | undefined {
  return db.select().from(paymentMethods).where(eq(paymentMethods.id, id)).get();
}

/** Every method in display order: active ones first, archived ones last. */
export function listMethods(db: Db): PaymentMethod[] {
  return db
    .select()
    .from(paymentMethods)
    .orderBy(asc(paymentMethods.archived), asc(paymentMethods.position), asc(paymentMethods.id))
    .all();
}

export function createMethod(db: Db, input: MethodInput, now = Date.now()): PaymentMethod {
  return writeTransaction(db, (tx) => insertMethod(tx, input, now));
}

/** Inserts a method last in display order, inside the caller's transaction (which makes "last" hold). */
export function insertMethod(tx: Tx, input: MethodInput, now: number): PaymentMethod {
  const last = tx.select({ p: sql<number>`coalesce(max(${paymentMethods.position}), 0)` }).from(paymentMethods).get();
  return tx
    .insert(paymentMethods)
    .values({ ...input, position: (last?.p ?? 0) + 1, archived: false, createdAt: now, updatedAt: now })
    .returning()
    .get();
}

/** Edits apply to future choices only: payments keep the snapshot taken when their customer chose the method. */
export function updateMethod(db: Db, id: number, input: MethodInput, now = Date.now()): boolean {
  return db.update(paymentMethods).set({ ...input, updatedAt: now }).where(eq(paymentMethods.id, id)).run().changes === 1;
}

export function setMethodEnabled(db: Db, id: number, enabled: boolean, now = Date.now()): boolean {
  return db.update(paymentMethods).set({ enabled, updatedAt: now }).where(eq(paymentMethods.id, id)).run().changes === 1;
}

export function setMethodArchived(db: Db, id: number, archived: boolean, now = Date.now()): boolean {
  // An archived method is also disabled, so unarchiving never surprises customers with a method nobody checked.
  return db
    .update(paymentMethods)
    .set({ archived, enabled: false, updatedAt: now })
    .where(eq(paymentMethods.id, id))
    .run().changes === 1;
}

export function paymentsUsingMethod(db: Db, id: number): number {
  return db.select({ n: count() }).from(payments).where(eq(payments.methodId, id)).get()!.n;
}

/** Deletes a method no payment has ever chosen; otherwise refuses (archive it instead). */
export function deleteUnusedMethod(db: Db, id: number): "deleted" | "in_use" | "not_found" {
  return writeTransaction(db, (tx) => {
    const used = tx.select({ n: count() }).from(payments).where(eq(payments.methodId, id)).get()!.n;
    if (used > 0) return "in_use" as const;
    // A connection request keeps its history; it just no longer points at a method.
    tx.update(connectionRequests).set({ methodId: null }).where(eq(connectionRequests.methodId, id)).run();
    return tx.delete(paymentMethods).where(eq(paymentMethods.id, id)).run().changes === 1 ? ("deleted" as const) : ("not_found" as const);
  });
}

/** Swaps a method with its neighbour in display order. */
export function moveMethod(db: Db, id: number, direction: "up" | "down"): boolean {
  return writeTransaction(db, (tx) => {
    const m = tx.select().from(paymentMethods).where(eq(paymentMethods.id, id)).get();
    if (!m || m.archived) return false;
    const neighbour = tx
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
      .limit(1)
      .get();
    if (!neighbour) return false;
    // Equal positions would make a swap a no-op, so renumber everything first.
    const all = tx
      .select({ id: paymentMethods.id })
      .from(paymentMethods)
      .where(eq(paymentMethods.archived, false))
      .orderBy(asc(paymentMethods.position), asc(paymentMethods.id))
      .all()
      .map((r) => r.id);
    const i = all.indexOf(m.id);
    const j = all.indexOf(neighbour.id);
    [all[i], all[j]] = [all[j], all[i]];
    all.forEach((mid, idx) => tx.update(paymentMethods).set({ position: idx + 1 }).where(eq(paymentMethods.id, mid)).run());
    return true;
  });
}

// ---- What payers see ----

export function enabledMethods(db: Db): PaymentMethod[] {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.enabled, true), eq(paymentMethods.archived, false)))
    .orderBy(asc(paymentMethods.position), asc(paymentMethods.id))
    .all();
}

/** The methods a payer of this payment may choose, in display order. */
export function methodsForPayment(db: Db, payment: Pick<Payment, "currency" | "amount">): PaymentMethod[] {
  return enabledMethods(db).filter((m) => methodAccepts(m, payment.currency, payment.amount));
}

export function allMethods(db: Db): PaymentMethod[] {
  return db.select().from(paymentMethods).orderBy(asc(paymentMethods.position), asc(paymentMethods.id)).all();
}

/** What a payment keeps of the method its payer chose. */
export function snapshotOf(m: PaymentMethod): MethodSnapshot {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    details: m.details,
    instructions: m.instructions,
    requiresTransactionId: m.requiresTransactionId,
    receipt: m.receipt,
    qrStandard: m.qrStandard,
    qrFields: m.qrFields,
  };
}
