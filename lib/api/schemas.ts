// The REST API's request and response shapes, as zod schemas: the handlers parse with them and the OpenAPI document
// is generated from them, so the two cannot drift apart.
import { z } from "zod";
import { amountInCurrency, MAX_OPEN_MINUTES, notifyNeedsEmail, paymentText } from "../payment-input";
import { PAYMENT_STATUSES } from "../payment-status";
import { WEBHOOK_EVENT_TYPES } from "../webhooks/events";
import { API_SCOPES } from "./scopes";

/** The create body: lib/payment-input.ts's rules, under the API's snake_case names (the differences are listed there). */
export const CreatePaymentBody = z
  .strictObject({
    amount: z.string().describe('Decimal string in major units, e.g. "19.99"; at most as many decimals as the currency has.'),
    currency: z.string().describe("ISO 4217 code, e.g. EUR."),
    description: paymentText.description,
    order_id: paymentText.orderId,
    customer_email: paymentText.customerEmail.optional().meta({ format: "email" }),
    customer_name: paymentText.customerName.optional(),
    return_url: paymentText.returnUrl.optional().describe('Where "Back to the shop" takes the customer.'),
    expires_in_minutes: z.int("Whole minutes.").min(5, "At least 5 minutes.").max(MAX_OPEN_MINUTES, "At most 90 days.").optional(),
    metadata: z
      .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
      .refine((m) => Object.keys(m).length <= 20, "At most 20 keys.")
      .optional()
      .describe("Your own data, returned as given in the payment and its webhooks."),
    notify_customer: z.boolean().optional().describe("E-mail the payment link to customer_email (which is then required), in the business's default language."),
  })
  .superRefine(amountInCurrency, { when: () => true })
  .superRefine(notifyNeedsEmail("customer_email", (v) => v.notify_customer === true));
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const CancelPaymentBody = z.strictObject({
  reason: z.string().trim().max(500, "At most 500 characters.").optional().describe("Shown to the customer."),
});

export const ListPaymentsQuery = z.strictObject({
  status: z.enum(PAYMENT_STATUSES).optional(),
  created_after: z.iso.datetime({ offset: true, error: "An ISO 8601 date-time, e.g. 2026-11-27T00:00:00Z." }).optional(),
  cursor: z.string().max(200).optional().describe("The next_cursor of the previous page."),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ApiBankLine = z
  .object({
    id: z.int().describe("The statement line's id (as in the statement import's answer)."),
    amount: z.string().describe("What the line brought, decimal string in major units (all of it counts towards the payment)."),
    amount_minor: z.int().describe("The same in the currency's minor unit."),
    currency: z.string(),
    booking_date: z.string().describe("The day the bank booked it, YYYY-MM-DD."),
    value_date: z.string().nullable().describe("The value date, YYYY-MM-DD, where the statement has one."),
    bank_reference: z.string().nullable().describe("The bank's own reference for the transaction (camt AcctSvcrRef), where known."),
    end_to_end_id: z.string().nullable().describe("The payer's end-to-end id, where known."),
    structured_reference: z.string().nullable().describe("The structured creditor reference (an RF reference), where given."),
    remittance_text: z.string().nullable().describe("The transfer's free text, as the payer wrote it."),
    payer_name: z.string().nullable(),
    payer_account: z.string().nullable().describe("The payer's IBAN or other account number."),
    matched_by: z.enum(["automatic", "person"]).describe("automatic: the matcher found the reference; person: someone matched it in the dashboard."),
  })
  .describe("A bank statement line that pays the payment.");
export type ApiBankLine = z.infer<typeof ApiBankLine>;

export const ApiPayment = z.object({
  id: z.int(),
  object: z.literal("payment"),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.string().describe("Decimal string in major units."),
  amount_minor: z.int().describe("Integer amount in the currency's minor unit."),
  currency: z.string(),
  description: z.string(),
  order_id: z.string().nullable(),
  reference: z.string().describe("Short code the customer writes in the transfer's memo, e.g. K7M2-QX9P."),
  url: z.string().describe("The customer's payment page."),
  customer_email: z.string().nullable(),
  customer_name: z.string().nullable(),
  return_url: z.string().nullable(),
  method: z.object({ id: z.int(), name: z.string() }).nullable(),
  transaction_id: z.string().nullable().describe("What the customer entered when confirming."),
  cancellation_reason: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  expires_at: z.string(),
  submitted_at: z.string().nullable(),
  decided_at: z.string().nullable(),
  amount_received: z.string().describe("What imported bank statement lines paid so far, decimal string in major units."),
  amount_received_minor: z.int(),
  amount_refunded: z
    .string()
    .describe("What the merchant recorded sending back to the payer (paid too much, or paid towards a payment then cancelled or expired), decimal string in major units."),
  amount_refunded_minor: z.int(),
  bank_confirmed_at: z.string().nullable().describe("When a bank statement line showed it paid (within the account's fee tolerance)."),
  bank_lines: z
    .array(ApiBankLine)
    .describe(
      "The imported bank statement lines that pay this payment, oldest first: several when it was paid in parts. Lines a person unmatched or ignored are not listed; their amount no longer counts in amount_received. Empty for a new payment (also in an idempotent replay of its creation).",
    ),
});
export type ApiPayment = z.infer<typeof ApiPayment>;

export const PaymentList = z.object({
  object: z.literal("list"),
  data: z.array(ApiPayment),
  next_cursor: z.string().nullable(),
});

export const ApiMethod = z.object({
  id: z.int(),
  name: z.string(),
  kind: z.string(),
  currencies: z.array(z.string()).describe("Empty means every currency."),
  min_amount: z.string().nullable(),
  max_amount: z.string().nullable(),
});

export const MethodList = z.object({ object: z.literal("list"), data: z.array(ApiMethod) });

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  required_scope: z.enum(API_SCOPES).optional().describe("With 403: the scope the key would need."),
});

export const WebhookPayload = z.object({
  type: z.enum(WEBHOOK_EVENT_TYPES),
  timestamp: z.string(),
  data: ApiPayment,
});

export const STATEMENT_LINE_STATES = ["matched", "underpaid", "overpaid", "review", "suggested", "unmatched", "outgoing"] as const;

export const ImportStatementQuery = z.object({
  bank_account_id: z.coerce.number().int().positive().describe("The bank account (Settings → Bank accounts) the statement is of."),
  file_name: z.string().max(200).optional().describe("Shown in the dashboard's list of statements."),
});

export const StatementImport = z.object({
  object: z.literal("statement_import"),
  statement_id: z.int(),
  bank_account_id: z.int(),
  summary: z
    .object({
      matched: z.int(),
      underpaid: z.int(),
      overpaid: z.int(),
      review: z.int(),
      suggested: z.int(),
      unmatched: z.int(),
      outgoing: z.int().describe("Debits and reversals: never matched."),
      duplicate: z.int().describe("Lines an earlier (overlapping) statement already brought in: skipped."),
    })
    .describe("How many lines of the file ended in each state."),
  lines: z.array(
    z.object({
      id: z.int(),
      position: z.string().describe('Where the line is in the file, e.g. "entry 3, transaction 2" or "line 14".'),
      state: z.enum(STATEMENT_LINE_STATES),
      payment_id: z.int().nullable().describe("The payment the line pays (or, to review, names)."),
    }),
  ),
});
