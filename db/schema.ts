// Tables and their inferred row types. The only module that knows the SQL dialect.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DEFAULT_SCOPES } from "@/lib/api/scopes";
import { METHOD_KINDS, RECEIPT_MODES, type MethodDetail, type MethodKind, type ReceiptMode } from "@/lib/method-kinds";
import type { MethodTranslations } from "@/lib/method-translations";
import { ACTOR_TYPES, PAYMENT_STATUSES, REFUND_DUE_SQL } from "@/lib/payment-status";
import { QR_STANDARDS, type QrStandard } from "@/lib/qr/standards";
import { REQUEST_STATUSES } from "@/lib/request-status";
import { ROLES } from "@/lib/roles";
import { DELIVERY_STATUSES, type WebhookEventType } from "@/lib/webhooks/events";
import { PENDING_MAIL_CHOICES } from "@/lib/email/outbox-states";
import { LOCALES } from "@/lib/i18n";

/** Milliseconds since the epoch, stored as an integer. */
const timestamp = (name: string) => integer(name, { mode: "number" });

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: timestamp("created_at").notNull(),
    /** E-mail about payments waiting for approval: each one, a digest every digestMinutes, or none (the account page). */
    pendingMail: text("pending_mail", { enum: PENDING_MAIL_CHOICES }).notNull().default("none"),
    digestMinutes: integer("digest_minutes").notNull().default(60),
    /** When this user's last digest was written (or the digest was chosen): the next covers what came after. */
    lastDigestAt: timestamp("last_digest_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * One row per signed-in browser. The session cookie carries the row's id; every request checks that the row still
 * exists, so signing out, a password change or reset, disabling a user or changing their role ends a session at once.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    /** 128-bit random, base64url; also the `sid` inside the (encrypted) session cookie. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** The address the sign-in came from and the browser's User-Agent, shown on the account page. */
    clientAddress: text("client_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);
export type Session = typeof sessions.$inferSelect;

// The sign-in throttle and the API rate limit: ./schema-limits.ts.
export { apiRateBuckets, loginThrottle } from "./schema-limits";

/** The one row (id = 1) describing the merchant to its customers. */
export const businessProfile = sqliteTable("business_profile", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  supportContact: text("support_contact").notNull().default(""),
  defaultCurrency: text("default_currency").notNull().default("EUR"),
  defaultHoursOpen: integer("default_hours_open").notNull().default(72),
  /** The language of payer mail when the payer never opened the payment page. */
  defaultLocale: text("default_locale", { enum: LOCALES }).notNull().default("en"),
  /** E-mail payers who have not confirmed this many hours before the link expires; null: no reminders. */
  reminderHoursBefore: integer("reminder_hours_before"),
  /** The logo on the payer's page: a file in UPLOAD_DIR with a random name, its type checked by its bytes (lib/logo.ts). */
  logoFile: text("logo_file"),
  logoMime: text("logo_mime"),
});
export type BusinessProfile = typeof businessProfile.$inferSelect;

/**
 * One row (id = 1): a counter that triggers (drizzle/0004) raise whenever a payment method or the business profile
 * changes, since both show on every payer's page. It is part of the key the payer's page is cached under.
 */
export const pageCacheState = sqliteTable("page_cache_state", {
  id: integer("id").primaryKey(),
  settingsVersion: integer("settings_version").notNull().default(1),
  /** How many payments are submitted and waiting (the dashboard's badge), kept by triggers on payments (0005). */
  submittedCount: integer("submitted_count").notNull().default(0),
});

export const paymentMethods = sqliteTable(
  "payment_methods",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: METHOD_KINDS }).notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    position: integer("position").notNull().default(0),
    /** ISO 4217 codes; empty means every currency. */
    currencies: text("currencies", { mode: "json" }).$type<string[]>().notNull(),
    /** Limits in major units as exact decimal strings ("10", "0.50"); null means no limit. */
    minAmount: text("min_amount"),
    maxAmount: text("max_amount"),
    details: text("details", { mode: "json" }).$type<MethodDetail[]>().notNull(),
    instructions: text("instructions").notNull().default(""),
    requiresTransactionId: integer("requires_transaction_id", { mode: "boolean" }).notNull().default(false),
    receipt: text("receipt", { enum: RECEIPT_MODES }).notNull().default("optional"),
    /** After the customer chooses this method they have at most this long to pay (never past the link's own expiry). */
    hoursOpen: integer("hours_open"),
    /** A standard QR payload built from qrFields + amount + reference (lib/qr); null for none. */
    qrStandard: text("qr_standard", { enum: QR_STANDARDS }),
    qrFields: text("qr_fields", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    /** The name, instructions and detail labels in other languages (lib/method-translations.ts); the plain fields are the fallback. */
    translations: text("translations", { mode: "json" }).$type<MethodTranslations>().notNull().default({}),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
  },
  (t) => [index("payment_methods_position_idx").on(t.position, t.id)],
);
export type PaymentMethod = typeof paymentMethods.$inferSelect;
export type NewPaymentMethod = typeof paymentMethods.$inferInsert;

/** What the customer saw when choosing a method; kept so later edits do not rewrite history. */
export type MethodSnapshot = {
  id: number;
  name: string;
  kind: MethodKind;
  details: MethodDetail[];
  instructions: string;
  requiresTransactionId: boolean;
  receipt: ReceiptMode;
  qrStandard?: QrStandard | null;
  qrFields?: Record<string, string>;
  translations?: MethodTranslations;
};

export const payments = sqliteTable(
  "payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    token: text("token").notNull(),
    reference: text("reference").notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull(),
    orderId: text("order_id"),
    customerName: text("customer_name"),
    /** Lower-cased, so search by email is an index lookup. */
    customerEmail: text("customer_email"),
    returnUrl: text("return_url"),
    expiresAt: timestamp("expires_at").notNull(),
    /** The expiry the link was created with; a method's shorter window may bring expiresAt forward. */
    linkExpiresAt: timestamp("link_expires_at"),
    methodId: integer("method_id").references(() => paymentMethods.id),
    methodSnapshot: text("method_snapshot", { mode: "json" }).$type<MethodSnapshot>(),
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
    /** The shop's own data, returned as given (JSON object). */
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at").notNull(),
    submittedAt: timestamp("submitted_at"),
    decidedAt: timestamp("decided_at"),
    updatedAt: timestamp("updated_at").notNull(),
    version: integer("version").notNull().default(1),
    /** The language the payer last used on the payment page (their mail is written in it); null: never seen. */
    payerLocale: text("payer_locale", { enum: LOCALES }),
    /** The sum of the bank statement lines matched to it, in minor units (lib/bank, db/bank). */
    amountReceived: integer("amount_received").notNull().default(0),
    /** When a bank statement line settled it: "Found in the bank statement". */
    bankConfirmedAt: timestamp("bank_confirmed_at"),
    /** What agents recorded sending back to the payer, in minor units (db/bank/refunds.ts). */
    amountRefunded: integer("amount_refunded").notNull().default(0),
  },
  (t) => [
    uniqueIndex("payments_token_unique").on(t.token),
    uniqueIndex("payments_reference_unique").on(t.reference),
    // Pending queue and count (statusIs, db/tables.ts).
    index("payments_submitted_idx").on(t.status, t.submittedAt, t.id).where(sql`status = 'submitted'`),
    index("payments_created_idx").on(t.createdAt, t.id),
    index("payments_status_created_idx").on(t.status, t.createdAt, t.id),
    index("payments_method_created_idx").on(t.methodId, t.createdAt, t.id),
    index("payments_open_expires_idx").on(t.status, t.expiresAt).where(sql`status = 'open'`),
    index("payments_order_idx").on(t.orderId),
    index("payments_email_idx").on(t.customerEmail),
    // Suggestions for a line without a reference: payments of its amount still open on its day (no status: no cost).
    index("payments_suggestion_idx").on(t.currency, t.amount, t.expiresAt),
    // "Approve all found in the bank statement": its count on every Pending page, from a small partial index (0.4 ms at 1M).
    index("payments_bank_confirmed_idx").on(t.status, t.bankConfirmedAt).where(sql`bank_confirmed_at IS NOT NULL`),
    // Refunds to make: only the payments with money to send back (REFUND_DUE_SQL, db/bank/refunds.ts).
    index("payments_refund_due_idx").on(t.updatedAt, t.id).where(sql.raw(REFUND_DUE_SQL)),
  ],
);
export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

/** Append-only: one row for every change of a payment's status. */
export const paymentEvents = sqliteTable(
  "payment_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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


// ---- Connection requests: staff ask admins to set up a payment method ----

export const connectionRequests = sqliteTable(
  "connection_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requesterUserId: integer("requester_user_id")
      .notNull()
      .references(() => users.id),
    paymentSystem: text("payment_system").notNull(),
    website: text("website"),
    countries: text("countries").notNull().default(""),
    currencies: text("currencies", { mode: "json" }).$type<string[]>().notNull(),
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

/** The thread of a request: comments, and status changes logged with who and when. */
export const requestComments = sqliteTable(
  "request_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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

// ---- Shop integration: API keys, idempotency, webhooks through an outbox ----

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** The visible start of the key, e.g. "dp_live_ab12cd34", shown in lists. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key, hex; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at").notNull(),
    lastUsedAt: timestamp("last_used_at"),
    revokedAt: timestamp("revoked_at"),
    /** What the key may do (lib/api/scopes.ts); keys made before scopes existed keep every scope. */
    scopes: text("scopes", { mode: "json" })
      .$type<string[]>()
      .notNull()
      // What drizzle/0002 wrote as the column's default: every scope there was then, which DEFAULT_SCOPES still is.
      .default(sql.raw(`'${JSON.stringify(DEFAULT_SCOPES)}'`)),
  },
  (t) => [uniqueIndex("api_keys_hash_unique").on(t.keyHash)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    apiKeyId: integer("api_key_id")
      .notNull()
      .references(() => apiKeys.id),
    key: text("key").notNull(),
    /** SHA-256 of method + path + body: the same key with another request is a conflict. */
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("idempotency_keys_unique").on(t.apiKeyId, t.key), index("idempotency_keys_created_idx").on(t.createdAt)],
);

export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  url: text("url").notNull(),
  events: text("events", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
  /** Standard Webhooks secret: "whsec_" + base64. */
  secret: text("secret").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  disabledReason: text("disabled_reason"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

// The outbox: one row per event, written in the transaction of the change that caused it. No index: nothing looks an
// event up but by its id, and each index cost every state change a page written at random.
export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Standard Webhooks "webhook-id", stable across retries: 128 random bits, unique without a check. */
    msgId: text("msg_id").notNull(),
    type: text("type").notNull(),
    paymentId: integer("payment_id").references(() => payments.id),
    /** The JSON body as sent; empty when dataFrom names the event of the same change whose body it shares (messageOf). */
    payload: text("payload").notNull(),
    createdAt: timestamp("created_at").notNull(),
    dataFrom: integer("data_from"),
  },
);
export type WebhookEvent = typeof webhookEvents.$inferSelect;

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    /** Set while a dispatcher works on it, so two dispatchers never send the same delivery at once. */
    lockedUntil: timestamp("locked_until"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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

// ---- E-mail through an outbox (docs/email.md): its table is in ./schema-email.ts ----
export { emailOutbox, type EmailOutboxRow } from "./schema-email";
export * from "./schema-bank";
