// The PostgreSQL twin of db/schema-email.ts (what the columns mean is written there), re-exported from db/schema-pg.ts.
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { EMAIL_KINDS, EMAIL_STATES } from "@/lib/email/outbox-states";
import { LOCALES } from "@/lib/i18n";
// Used only inside references(() => …), which runs after both modules have loaded.
import { payments, users } from "./schema-pg";

const timestamp = (name: string) => bigint(name, { mode: "number" });
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    dedupeKey: text("dedupe_key").notNull(),
    kind: text("kind", { enum: EMAIL_KINDS }).notNull(),
    paymentId: integer("payment_id").references(() => payments.id),
    userId: integer("user_id").references(() => users.id),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    locale: text("locale", { enum: LOCALES }).notNull(),
    mail: jsonb("mail").$type<unknown>().notNull(),
    status: text("status", { enum: EMAIL_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at"),
    lockedUntil: timestamp("locked_until"),
    claimToken: text("claim_token"),
    lastAttemptAt: timestamp("last_attempt_at"),
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
