"use server";
// Agents' decisions on payments. Each action checks the session itself; the database update is the race guard.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireStaffAction, signOut } from "@/auth";
import { getDb } from "@/db/client";
import { decidePayment, paymentById } from "@/db/payments";
import { formatReference } from "@/lib/reference";
import { kickWebhookDispatcher } from "@/server/webhook-dispatcher";

const returnTargets = { pending: "/dashboard", detail: "/dashboard/payments/" } as const;
type ReturnTo = keyof typeof returnTargets;

function backTo(returnTo: ReturnTo, id: number, params: Record<string, string>): string {
  const path = returnTo === "detail" ? `${returnTargets.detail}${id}` : returnTargets.pending;
  return `${path}?${new URLSearchParams(params)}`;
}

export async function approvePaymentAction(paymentId: number, returnTo: ReturnTo) {
  const staff = await requireStaffAction();
  const result = decidePayment(getDb(), {
    paymentId,
    decision: "approve",
    actor: { type: "user", id: String(staff.id) },
    userId: staff.id,
  });
  revalidatePath("/dashboard", "layout");
  kickWebhookDispatcher();
  if (!result.ok) {
    if (result.error === "not_found") redirect(backTo("pending", paymentId, { error: "not_found" }));
    const p = paymentById(getDb(), paymentId)!;
    redirect(backTo(returnTo, paymentId, { error: "conflict", ref: formatReference(p.reference), status: result.status }));
  }
  redirect(backTo(returnTo, paymentId, { notice: "approved", ref: formatReference(result.payment.reference) }));
}

const cancelSchema = z.object({
  reason: z.string().trim().min(1, "Give the reason the customer will see.").max(500, "Keep the reason under 500 characters."),
});

export type CancelState = { error?: string; reason?: string };

export async function cancelPaymentAction(paymentId: number, returnTo: ReturnTo, _prev: CancelState, formData: FormData): Promise<CancelState> {
  const staff = await requireStaffAction();
  const parsed = cancelSchema.safeParse({ reason: formData.get("reason") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0].message, reason: String(formData.get("reason") ?? "") };
  const result = decidePayment(getDb(), {
    paymentId,
    decision: "cancel",
    reason: parsed.data.reason,
    actor: { type: "user", id: String(staff.id) },
    userId: staff.id,
  });
  revalidatePath("/dashboard", "layout");
  kickWebhookDispatcher();
  if (!result.ok) {
    if (result.error === "not_found") redirect(backTo("pending", paymentId, { error: "not_found" }));
    const p = paymentById(getDb(), paymentId)!;
    redirect(backTo(returnTo, paymentId, { error: "conflict", ref: formatReference(p.reference), status: result.status }));
  }
  redirect(backTo(returnTo, paymentId, { notice: "cancelled", ref: formatReference(result.payment.reference) }));
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
