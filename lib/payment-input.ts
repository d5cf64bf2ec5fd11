// What a new payment must say, one set of rules for the dashboard's "New payment link" form
// (app/(dashboard)/dashboard/new/actions.ts) and the REST API's create body (lib/api/schemas.ts). Where the two differ,
// they differ on purpose:
//  - names: the form's inputs are camelCase, the API's JSON is snake_case;
//  - the order ID: the API requires it (a shop matches webhooks to its order by it); the form does not (a person
//    sending a link by hand may have no order);
//  - how long the link stays open: whole hours in the form (1 hour to 90 days), minutes in the API (5 minutes to
//    90 days), each optional in the API and pre-filled in the form, defaulting to the business profile's hours;
//  - an empty box in the form means "none"; the API leaves the field out instead.
import { z } from "zod";
import { amountErrorMessage, isCurrency, parseAmount } from "./money";
import { isMailAddress } from "./email/config";

/** The longest a payment link stays open: 90 days. */
export const MAX_OPEN_MINUTES = 90 * 24 * 60;

const isHttpUrl = (s: string) => /^https?:\/\/\S+$/i.test(s) && URL.canParse(s);

/** Each text field's rule and message, for both shapes. */
export const paymentText = {
  description: z.string().trim().min(1, "Say what the payment is for.").max(200, "Keep the description under 200 characters."),
  orderId: z.string().trim().min(1, "Give the shop's order number.").max(100, "The order ID can be at most 100 characters."),
  customerName: z.string().trim().max(200, "The customer's name can be at most 200 characters."),
  // Also an address our mail goes to (lib/email/config.ts): the link may be e-mailed to it.
  customerEmail: z
    .string()
    .trim()
    .max(254, "Enter a valid email address.")
    .pipe(z.email("Enter a valid email address."))
    .refine(isMailAddress, "Enter a valid email address."),
  returnUrl: z.string().trim().max(2000, "Keep the address under 2,000 characters.").refine(isHttpUrl, "Enter a full http(s):// address."),
};

/**
 * The amount, checked against its currency's decimals (so only once the currency is known): its minor units, or
 * an issue at "amount" or "currency". Runs even when other fields failed, so every field's message shows at once.
 */
export function amountInCurrency(value: { amount?: unknown; currency?: unknown } | null, ctx: z.RefinementCtx): void {
  // Also called when other fields failed (`when` below), so nothing about the value is known yet.
  if (typeof value?.amount !== "string" || typeof value.currency !== "string") return;
  const currency = value.currency.trim().toUpperCase();
  if (!isCurrency(currency)) {
    ctx.addIssue({ code: "custom", path: ["currency"], message: "Unknown ISO 4217 currency code." });
    return;
  }
  const amount = parseAmount(value.amount, currency);
  if (!amount.ok) ctx.addIssue({ code: "custom", path: ["amount"], message: amountErrorMessage(amount.error, currency) });
}

export const NOTIFY_NEEDS_EMAIL = "Give the customer's email address to e-mail them the link.";

/** "E-mail the link to the customer" needs an address to send it to: an issue at the e-mail field otherwise. */
export function notifyNeedsEmail(field: string, notify: (v: Record<string, unknown>) => boolean) {
  return (value: Record<string, unknown> | null, ctx: z.RefinementCtx): void => {
    if (value && notify(value) && !value[field]) ctx.addIssue({ code: "custom", path: [field], message: NOTIFY_NEEDS_EMAIL });
  };
}

/** The minor units of an amount that passed amountInCurrency. */
export function minorUnits(amount: string, currency: string): number {
  const parsed = parseAmount(amount, currency.trim().toUpperCase());
  if (!parsed.ok) throw new Error("minorUnits: the amount was not checked");
  return parsed.minor;
}

/** A form box that may stay empty (null); otherwise `rule` applies, and its message adds "or leave it empty". */
function optionalBox(rule: z.ZodType<string, string>) {
  return z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (!s) return null;
      const parsed = rule.safeParse(s);
      if (parsed.success) return parsed.data;
      const message = parsed.error.issues[0].message;
      ctx.addIssue({ code: "custom", message: message.endsWith(" address.") ? message.replace(/\.$/, ", or leave it empty.") : message });
      return z.NEVER;
    });
}

/** The dashboard's "New payment link" form: what a person typed, every value a string. */
export const NewPaymentForm = z
  .object({
    amount: z.string(),
    currency: z.string().trim().toUpperCase(),
    description: paymentText.description,
    orderId: optionalBox(paymentText.orderId),
    customerName: optionalBox(paymentText.customerName),
    customerEmail: optionalBox(paymentText.customerEmail),
    returnUrl: optionalBox(paymentText.returnUrl),
    expiresInHours: z.coerce
      .number<string>({ error: "Enter a number of hours." })
      .int("Enter a whole number of hours.")
      .min(1, "At least 1 hour.")
      .max(MAX_OPEN_MINUTES / 60, `At most 90 days (${MAX_OPEN_MINUTES / 60} hours).`),
    /** The checkbox "E-mail the link to the customer": "on" when ticked. */
    notifyCustomer: z.string().optional().transform((v) => v === "on"),
  })
  .superRefine(amountInCurrency, { when: () => true })
  .superRefine(notifyNeedsEmail("customerEmail", (v) => v.notifyCustomer === true));
