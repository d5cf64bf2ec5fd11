// Mail the jobs write on a schedule rather than on a change: staff digests of waiting payments, and reminders to payers
// whose link is about to expire. Both are safe with several instances: a digest is written under a conditional UPDATE
// of the user's last_digest_at, a reminder under its dedupe key.
import { and, asc, count, eq, gt, isNotNull, isNull, lte, notExists, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "./connection";
import { businessProfile, emailOutbox, payments, statusIs, users } from "./tables";
import { enqueuePayerMail, enqueueStaffMail, staffPayment } from "./email-outbox";
import { mailIsConfigured } from "@/lib/email/config";

/** How many waiting payments a digest lists by name (the oldest); it says how many more there are. */
export const DIGEST_LIST_LIMIT = 20;

/**
 * Writes a digest for every staff member who chose one and whose interval has passed, when a payment was submitted
 * since their last one (no news, no mail). `scale` shrinks the intervals (MAIL_TIME_SCALE). Returns how many.
 */
export async function writeDueDigests(db: Db, now = Date.now(), scale = 1): Promise<number> {
  if (!mailIsConfigured()) return 0;
  const subscribers = await db
    .select({ id: users.id, email: users.email, name: users.name, digestMinutes: users.digestMinutes, lastDigestAt: users.lastDigestAt })
    .from(users)
    .where(and(eq(users.active, true), eq(users.pendingMail, "digest")));
  let written = 0;
  for (const u of subscribers) {
    const since = u.lastDigestAt;
    if (since != null && now - since < Math.round(u.digestMinutes * 60_000 * scale)) continue;
    written += await writeTransaction(db, async (tx) => {
      // Only the instance whose UPDATE moves last_digest_at on from the value read writes the digest.
      const moved = await tx
        .update(users)
        .set({ lastDigestAt: now })
        .where(and(eq(users.id, u.id), eq(users.pendingMail, "digest"), since == null ? isNull(users.lastDigestAt) : eq(users.lastDigestAt, since)))
        .returning({ id: users.id });
      // Never had one: from now on. The first digest covers what arrives after the choice.
      if (moved.length === 0 || since == null) return 0;
      const waiting = statusIs("submitted");
      const [fresh] = await tx.select({ n: count() }).from(payments).where(and(waiting, gt(payments.submittedAt, since)));
      if (fresh.n === 0) return 0;
      const [total] = await tx.select({ n: count() }).from(payments).where(waiting);
      const listed = await tx.select().from(payments).where(waiting).orderBy(asc(payments.submittedAt), asc(payments.id)).limit(DIGEST_LIST_LIMIT);
      return enqueueStaffMail(
        tx,
        [u],
        `digest:${now}`,
        { kind: "pending_digest", payments: listed.map(staffPayment), totalWaiting: total.n },
        now,
      );
    });
  }
  return written;
}

/**
 * Writes a reminder for each open payment with a customer e-mail whose link expires within the business's
 * reminder_hours_before and that was created with more time than that (a link made for two hours gets no "expires in
 * a day" mail). Once per payment. Off while the business profile's hours are unset. Returns how many it wrote.
 */
export async function writeDueReminders(db: Db, now = Date.now(), batch = 200): Promise<number> {
  if (!mailIsConfigured()) return 0;
  const [profile] = await db.select({ hours: businessProfile.reminderHoursBefore }).from(businessProfile).where(eq(businessProfile.id, 1));
  const hours = profile?.hours;
  if (!hours || hours <= 0) return 0;
  const window = hours * 3_600_000;
  const due = await db
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        statusIs("open"),
        isNotNull(payments.customerEmail),
        gt(payments.expiresAt, now),
        lte(payments.expiresAt, now + window),
        lte(payments.createdAt, sql`${payments.expiresAt} - ${window}`),
        notExists(
          db
            .select({ one: sql`1` })
            .from(emailOutbox)
            .where(and(eq(emailOutbox.paymentId, payments.id), eq(emailOutbox.kind, "expiry_reminder"))),
        ),
      ),
    )
    .limit(batch);
  if (due.length === 0) return 0;
  return writeTransaction(db, async (tx) => {
    let n = 0;
    for (const { id } of due) {
      const [p] = await tx.select().from(payments).where(and(eq(payments.id, id), eq(payments.status, "open"), gt(payments.expiresAt, now)));
      if (p && (await enqueuePayerMail(tx, "expiry_reminder", p, now))) n++;
    }
    return n;
  });
}
