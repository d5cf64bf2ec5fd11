"use server";
// "New payment link": the form's rules are lib/payment-input.ts's, which the REST API shares.
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createPayment } from "@/db/payments";
import { minorUnits, NewPaymentForm } from "@/lib/payment-input";
import { staffAction } from "@/server/staff-action";
import { kickEmailOutbox } from "@/server/jobs";

export const createPaymentLinkAction = staffAction({ role: "staff", schema: NewPaymentForm }, async (input, staff) => {
  const payment = await createPayment(await getDb(), {
    amount: minorUnits(input.amount, input.currency),
    currency: input.currency,
    description: input.description,
    orderId: input.orderId,
    customerName: input.customerName,
    customerEmail: input.customerEmail,
    returnUrl: input.returnUrl,
    expiresAt: Date.now() + input.expiresInHours * 3600_000,
    createdByUserId: staff.id,
    notifyCustomer: input.notifyCustomer,
    actor: { type: "user", id: String(staff.id) },
  });
  if (input.notifyCustomer) kickEmailOutbox();
  redirect(`/dashboard/payments/${payment.id}?created=1`);
});
