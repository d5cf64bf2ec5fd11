"use server";
// "New payment link": validates every field, then creates the payment and its first event.
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { createPayment } from "@/db/payments";
import { amountErrorMessage, isCurrency, parseAmount } from "@/lib/money";

const fields = ["amount", "currency", "description", "orderId", "customerName", "customerEmail", "returnUrl", "expiresInHours"] as const;
type FieldName = (typeof fields)[number];

export type NewPaymentState = {
  message?: string;
  fieldErrors?: Partial<Record<FieldName, string>>;
  values?: Partial<Record<FieldName, string>>;
};

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} can be at most ${max} characters.`).transform((s) => s || null);

const schema = z.object({
  amount: z.string().trim(),
  currency: z.string().trim().toUpperCase().refine(isCurrency, "Choose a currency from the list."),
  description: z.string().trim().min(1, "Say what the payment is for.").max(200, "Keep the description under 200 characters."),
  orderId: optionalText(100, "The order ID"),
  customerName: optionalText(200, "The name"),
  customerEmail: z
    .string()
    .trim()
    .max(254)
    .refine((s) => s === "" || z.email().safeParse(s).success, "Enter a valid email address, or leave it empty.")
    .transform((s) => s || null),
  returnUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), "Enter a full http(s):// address, or leave it empty.")
    .transform((s) => s || null),
  expiresInHours: z.coerce
    .number({ error: "Enter a number of hours." })
    .int("Enter a whole number of hours.")
    .min(1, "At least 1 hour.")
    .max(24 * 90, "At most 90 days (2160 hours)."),
});

export async function createPaymentLinkAction(_prev: NewPaymentState, formData: FormData): Promise<NewPaymentState> {
  const staff = await requireStaffAction();
  const values = Object.fromEntries(fields.map((f) => [f, String(formData.get(f) ?? "")])) as Record<FieldName, string>;
  const parsed = schema.safeParse(values);
  const fieldErrors: NewPaymentState["fieldErrors"] = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as FieldName;
      fieldErrors[key] ??= issue.message;
    }
  }
  // The amount is checked against the currency's exponent, so it needs a valid currency first.
  const currency = values.currency.trim().toUpperCase();
  let minor = 0;
  if (isCurrency(currency)) {
    const amount = parseAmount(values.amount, currency);
    if (amount.ok) minor = amount.minor;
    else fieldErrors.amount = amountErrorMessage(amount.error, currency);
  } else if (!values.amount.trim()) {
    fieldErrors.amount = "Enter an amount like 19.99.";
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) {
    return { message: "Please correct the fields marked below.", fieldErrors, values };
  }
  const data = parsed.data;
  const payment = createPayment(getDb(), {
    amount: minor,
    currency: data.currency,
    description: data.description,
    orderId: data.orderId,
    customerName: data.customerName,
    customerEmail: data.customerEmail,
    returnUrl: data.returnUrl,
    expiresAt: Date.now() + data.expiresInHours * 3600_000,
    createdByUserId: staff.id,
    actor: { type: "user", id: String(staff.id) },
  });
  redirect(`/dashboard/payments/${payment.id}?created=1`);
}
