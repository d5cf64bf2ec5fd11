// The PostgreSQL twin of db/schema.ts: the same tables, property names, SQL names, indexes and row types, so the query
// modules work unchanged on either database. What the columns mean is written in db/schema.ts; this file only says
// where PostgreSQL differs. db/schema-agreement.test.ts compares the two table by table.
//
// - Amounts and millisecond timestamps are bigint in number mode: a PostgreSQL integer ends at 2^31 (2.1e9), which a
//   timestamp in milliseconds passed in 1970. Numbers stay exact below 2^53 (configurePgTypes in db/migrate-pg.ts).
// - Ids are identity columns "by default", so an explicit id (business_profile id 1, page_cache_state id 1) inserts.
// - Enums are text columns with the same lib/ constants as on SQLite, not PostgreSQL enum types: adding a status then
//   needs no migration, exactly as on SQLite.
// - JSON columns are jsonb.
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { DEFAULT_SCOPES } from "@/lib/api/scopes";
import { METHOD_KINDS, RECEIPT_MODES, type MethodDetail } from "@/lib/method-kinds";
import type { MethodTranslations } from "@/lib/method-translations";
import { ACTOR_TYPES, PAYMENT_STATUSES, REFUND_DUE_SQL } from "@/lib/payment-status";
import { QR_STANDARDS } from "@/lib/qr/standards";
import { REQUEST_STATUSES } from "@/lib/request-status";
import { ROLES } from "@/lib/roles";
import { DELIVERY_STATUSES, type WebhookEventType } from "@/lib/webhooks/events";
import { PENDING_MAIL_CHOICES } from "@/lib/email/outbox-states";
import { LOCALES } from "@/lib/i18n";
// A type import only: it is erased, so no sqlite-core code loads with this module.
import type { MethodSnapshot } from "./schema";

export type { MethodSnapshot };

/** Milliseconds since the epoch. */
const timestamp = (name: string) => bigint(name, { mode: "number" });

/** A generated id that still accepts an explicit value, like SQLite's INTEGER PRIMARY KEY. */
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at").notNull(),
    pendingMail: text("pending_mail", { enum: PENDING_MAIL_CHOICES }).notNull().default("none"),
    digestMinutes: integer("digest_minutes").notNull().default(60),
    lastDigestAt: timestamp("last_digest_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    clientAddress: text("client_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);
export type Session = typeof sessions.$inferSelect;

export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  firstFailureAt: timestamp("first_failure_at").notNull(),
  lastFailureAt: timestamp("last_failure_at").notNull(),
});

export const apiRateBuckets = pgTable("api_rate_buckets", {
  key: text("key").primaryKey(),
  /** Tokens left, in thousandths of a token (a bigint: the burst of a limit above ~21 million a minute overflows an integer). */
  milliTokens: bigint("milli_tokens", { mode: "number" }).notNull(),
  /** When milliTokens was counted (ms since the epoch). */
  countedAt: timestamp("counted_at").notNull(),
});

export const businessProfile = pgTable("business_profile", {
  id: id(),
  name: text("name").notNull(),
  supportContact: text("support_contact").notNull().default(""),
  defaultCurrency: text("default_currency").notNull().default("EUR"),
  defaultHoursOpen: integer("default_hours_open").notNull().default(72),
  defaultLocale: text("default_locale", { enum: LOCALES }).notNull().default("en"),
  reminderHoursBefore: integer("reminder_hours_before"),
  /** The logo on the payer's page: a file in UPLOAD_DIR with a random name, its type checked by its bytes (lib/logo.ts). */
  logoFile: text("logo_file"),
  logoMime: text("logo_mime"),
});
export type BusinessProfile = typeof businessProfile.$inferSelect;

/** The one row (id = 1) is inserted and its settings version raised by the triggers of drizzle-pg/0001. */
export const pageCacheState = pgTable("page_cache_state", {
  id: id(),
  settingsVersion: integer("settings_version").notNull().default(1),
  /**
   * NOT MAINTAINED on PostgreSQL, always 0: SQLite keeps it with triggers on payments (drizzle/0005), which here would
   * make every submit and decision on every instance queue on this one row. The Pending count is counted instead, over
   * the partial index payments_submitted_idx. The column stays so that both schemas have the same row types.
   */
  submittedCount: integer("submitted_count").notNull().default(0),
});

export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: id(),
    name: text("name").notNull(),
    kind: text("kind", { enum: METHOD_KINDS }).notNull(),
    enabled: boolean("enabled").notNull().default(true),
    archived: boolean("archived").notNull().default(false),
    position: integer("position").notNull().default(0),
    currencies: jsonb("currencies").$type<string[]>().notNull(),
    minAmount: text("min_amount"),
    maxAmount: text("max_amount"),
    details: jsonb("details").$type<MethodDetail[]>().notNull(),
    instructions: text("instructions").notNull().default(""),
    requiresTransactionId: boolean("requires_transaction_id").notNull().default(false),
    receipt: text("receipt", { enum: RECEIPT_MODES }).notNull().default("optional"),
    hoursOpen: integer("hours_open"),
    qrStandard: text("qr_standard", { enum: QR_STANDARDS }),
    qrFields: jsonb("qr_fields").$type<Record<string, string>>().notNull().default({}),
    /** The name, instructions and detail labels in other languages (lib/method-translations.ts); the plain fields are the fallback. */
    translations: jsonb("translations").$type<MethodTranslations>().notNull().default({}),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("payment_methods_position_idx").on(t.position, t.id)],
);
export type PaymentMethod = typeof paymentMethods.$inferSelect;
export type NewPaymentMethod = typeof paymentMethods.$inferInsert;

export const payments = pgTable(
  "payments",
  {
    id: id(),
    token: text("token").notNull(),
    reference: text("reference").notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    /** Minor units; bigint, as 2^31 minor units is only 21 million in a two-decimal currency. */
    amount: bigint("amount", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull(),
    orderId: text("order_id"),
    customerName: text("customer_name"),
    customerEmail: text("customer_email"),
    returnUrl: text("return_url"),
    expiresAt: timestamp("expires_at").notNull(),
    linkExpiresAt: timestamp("link_expires_at"),
    methodId: integer("method_id").references(() => paymentMethods.id),
    methodSnapshot: jsonb("method_snapshot").$type<MethodSnapshot>(),
    /** When the payer last chose the method in methodSnapshot, for the payment's timeline (not a status change). */
    methodChosenAt: timestamp("method_chosen_at"),
    transactionId: text("transaction_id"),
    receiptFile: text("receipt_file"),
    receiptMime: text("receipt_mime"),
    receiptSize: integer("receipt_size"),
    /** The receipt's file name on the payer's device, shown back to them and to agents; never used as a path. */
    receiptName: text("receipt_name"),
    decisionReason: text("decision_reason"),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdByApiKeyId: integer("created_by_api_key_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at").notNull(),
    submittedAt: timestamp("submitted_at"),
    decidedAt: timestamp("decided_at"),
    updatedAt: timestamp("updated_at").notNull(),
    /** Raised by every update; a trigger (drizzle-pg/0001) raises it when the update itself did not. */
    version: integer("version").notNull().default(1),
    payerLocale: text("payer_locale", { enum: LOCALES }),
    /** The sum of the bank statement lines matched to it, in minor units (lib/bank, db/bank). */
    amountReceived: bigint("amount_received", { mode: "number" }).notNull().default(0),
    /** When a bank statement line settled it: "Found in the bank statement". */
    bankConfirmedAt: timestamp("bank_confirmed_at"),
    /** What agents recorded sending back to the payer, in minor units (db/bank/refunds.ts). */
    amountRefunded: bigint("amount_refunded", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    uniqueIndex("payments_token_unique").on(t.token),
    uniqueIndex("payments_reference_unique").on(t.reference),
    // Pending queue and count: one status, so a change of status touches one entry, not two (statusIs, db/tables.ts).
    index("payments_submitted_idx").on(t.status, t.submittedAt, t.id).where(sql`status = 'submitted'`),
    index("payments_created_idx").on(t.createdAt, t.id),
    index("payments_status_created_idx").on(t.status, t.createdAt, t.id),
    index("payments_method_created_idx").on(t.methodId, t.createdAt, t.id),
    // The expiry sweep and the reminders: open payments by expiry.
    index("payments_open_expires_idx").on(t.status, t.expiresAt).where(sql`status = 'open'`),
    index("payments_order_idx").on(t.orderId),
    index("payments_email_idx").on(t.customerEmail),
    // Suggestions for a line without a reference: payments of its amount still open on its day (no status: no cost).
    index("payments_suggestion_idx").on(t.currency, t.amount, t.expiresAt),
    // "Approve all found in the bank statement": the count of submitted payments a statement line settled, read on
    // every Pending page — from a small covering partial index instead of the submitted rows themselves (70 ms → 0.4 ms at 1M).
    index("payments_bank_confirmed_idx").on(t.status, t.bankConfirmedAt).where(sql`bank_confirmed_at IS NOT NULL`),
    // Refunds to make: only the payments with money to send back (REFUND_DUE_SQL, db/bank/refunds.ts).
    index("payments_refund_due_idx").on(t.updatedAt, t.id).where(sql.raw(REFUND_DUE_SQL)),
  ],
);
export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

export const paymentEvents = pgTable(
  "payment_events",
  {
    id: id(),
    paymentId: integer("payment_id")
      .notNull()
      .references(() => payments.id),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    fromStatus: text("from_status", { enum: PAYMENT_STATUSES }),
    toStatus: text("to_status", { enum: PAYMENT_STATUSES }).notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at").notNull(),
    /** The bank statement line behind a match, unmatch or automatic approval. */
    bankLineId: integer("bank_line_id"),
  },
  (t) => [index("payment_events_payment_idx").on(t.paymentId, t.id)],
);
export type PaymentEvent = typeof paymentEvents.$inferSelect;

// ---- Connection requests ----

export const connectionRequests = pgTable(
  "connection_requests",
  {
    id: id(),
    requesterUserId: integer("requester_user_id")
      .notNull()
      .references(() => users.id),
    paymentSystem: text("payment_system").notNull(),
    website: text("website"),
    countries: text("countries").notNull().default(""),
    currencies: jsonb("currencies").$type<string[]>().notNull(),
    howCustomersPay: text("how_customers_pay").notNull().default(""),
    accountDetails: text("account_details").notNull().default(""),
    comment: text("comment").notNull().default(""),
    status: text("status", { enum: REQUEST_STATUSES }).notNull().default("new"),
    declineReason: text("decline_reason"),
    methodId: integer("method_id").references(() => paymentMethods.id),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [
    index("connection_requests_requester_idx").on(t.requesterUserId, t.updatedAt),
    index("connection_requests_status_idx").on(t.status, t.createdAt),
    index("connection_requests_created_idx").on(t.createdAt, t.id),
  ],
);
export type ConnectionRequest = typeof connectionRequests.$inferSelect;

export const requestComments = pgTable(
  "request_comments",
  {
    id: id(),
    requestId: integer("request_id")
      .notNull()
      .references(() => connectionRequests.id),
    authorUserId: integer("author_user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull().default(""),
    fromStatus: text("from_status", { enum: REQUEST_STATUSES }),
    toStatus: text("to_status", { enum: REQUEST_STATUSES }),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("request_comments_request_idx").on(t.requestId, t.id)],
);
export type RequestComment = typeof requestComments.$inferSelect;

// ---- Shop integration ----

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at").notNull(),
    lastUsedAt: timestamp("last_used_at"),
    revokedAt: timestamp("revoked_at"),
    // The same fixed default as on SQLite (db/schema.ts says why it is written out).
    scopes: jsonb("scopes")
      .$type<string[]>()
      .notNull()
      .default(sql.raw(`'${JSON.stringify(DEFAULT_SCOPES)}'::jsonb`)),
  },
  (t) => [uniqueIndex("api_keys_hash_unique").on(t.keyHash)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    apiKeyId: integer("api_key_id")
      .notNull()
      .references(() => apiKeys.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("idempotency_keys_unique").on(t.apiKeyId, t.key), index("idempotency_keys_created_idx").on(t.createdAt)],
);

export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id(),
  url: text("url").notNull(),
  events: jsonb("events").$type<WebhookEventType[]>().notNull(),
  secret: text("secret").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  disabledReason: text("disabled_reason"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: id(),
    msgId: text("msg_id").notNull(),
    type: text("type").notNull(),
    paymentId: integer("payment_id").references(() => payments.id),
    /** The JSON body as sent, kept as text (as on SQLite) so the signed bytes never change. */
    /** Empty when dataFrom names the event whose body it shares (see messageOf). */
    payload: text("payload").notNull(),
    createdAt: timestamp("created_at").notNull(),
    /** An event of the same change (same payment, same moment, same data) whose body this one sends with its own type. */
    dataFrom: integer("data_from"),
  },
  // No index, as on SQLite (db/schema.ts).
);
export type WebhookEvent = typeof webhookEvents.$inferSelect;

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    eventId: integer("event_id")
      .notNull()
      .references(() => webhookEvents.id),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at"),
    lastAttemptAt: timestamp("last_attempt_at"),
    lockedUntil: timestamp("locked_until"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: id(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    attemptedAt: timestamp("attempted_at").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.id)],
);
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

export { emailOutbox, type EmailOutboxRow } from "./schema-email-pg";
export * from "./schema-bank-pg";
