// The e-mail outbox's table (SQLite), re-exported by db/schema.ts; kept apart so that file stays readable. Its
// PostgreSQL twin is db/schema-email-pg.ts.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { EMAIL_KINDS, EMAIL_STATES } from "@/lib/email/outbox-states";
import { LOCALES } from "@/lib/i18n";
// Used only inside references(() => …), which runs after both modules have loaded.
import { payments, users } from "./schema";

const timestamp = (name: string) => integer(name, { mode: "number" });

/**
 * One row per message, written in the transaction of the change that causes it; the sending job (server/email-sender.ts)
 * claims due rows with a lease and records each attempt's outcome.
 */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** What makes the message unique ("payment:17:approved", "request:4:new:user:2"): enqueued twice, it exists once. */
    dedupeKey: text("dedupe_key").notNull(),
    kind: text("kind", { enum: EMAIL_KINDS }).notNull(),
    /** The payment it is about, for the payment's timeline; null for mail about other things. */
    paymentId: integer("payment_id").references(() => payments.id),
    /** The staff member it is for; null for payer mail. */
    userId: integer("user_id").references(() => users.id),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    locale: text("locale", { enum: LOCALES }).notNull(),
    /** The mail's data (lib/email/templates.ts AddressedMail), rendered when it is sent. */
    mail: text("mail", { mode: "json" }).$type<unknown>().notNull(),
    status: text("status", { enum: EMAIL_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at"),
    /** Set while a sender works on it; with claimToken, so two senders never send the same message at once. */
    lockedUntil: timestamp("locked_until"),
    claimToken: text("claim_token"),
    lastAttemptAt: timestamp("last_attempt_at"),
    /** The server's last answer (one line), or what went wrong on the way. */
    lastResponse: text("last_response"),
    lastCode: integer("last_code"),
    createdAt: timestamp("created_at").notNull(),
    sentAt: timestamp("sent_at"),
  },
  (t) => [
    uniqueIndex("email_outbox_dedupe_unique").on(t.dedupeKey),
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_payment_idx").on(t.paymentId, t.id),
    index("email_outbox_created_idx").on(t.createdAt, t.id),
  ],
);
export type EmailOutboxRow = typeof emailOutbox.$inferSelect;
