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

function backTo(returnTo: ReturnTo, id: number, params: Record<string, string>, cursor?: string): string {
  const path = returnTo === "detail" ? `${returnTargets.detail}${id}` : returnTargets.pending;
  // A deeper page of the Pending queue is returned to where it was.
  const q = new URLSearchParams(returnTo === "pending" && cursor ? { cursor, ...params } : params);
  return `${path}?${q}`;
}

// The payment comes from the value of the button pressed, the page to return to from hidden fields of the page's one
// Approve form and one Cancel form (components/dashboard/decision-buttons.tsx), not from a bound copy of the action
// per row; they are checked here like any other input.
const decisionTarget = z.object({
  paymentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  returnTo: z.enum(["pending", "detail"]).catch("pending"),
  // The Pending queue's page cursor (base64url), when the row was on a deeper page.
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
});

type Target = { paymentId: number; returnTo: ReturnTo; cursor?: string };

function targetOf(formData: FormData): Target {
  const parsed = decisionTarget.safeParse({
    paymentId: formData.get("paymentId") ?? "",
    returnTo: formData.get("returnTo") ?? "",
    cursor: formData.get("cursor") ?? undefined,
  });
  if (!parsed.success) redirect(backTo("pending", 0, { error: "not_found" }));
  return parsed.data;
}

function decided({ paymentId, returnTo, cursor }: Target, result: ReturnType<typeof decidePayment>, notice: "approved" | "cancelled"): never {
  revalidatePath("/dashboard", "layout");
  kickWebhookDispatcher();
  if (!result.ok) {
    if (result.error === "not_found") redirect(backTo("pending", paymentId, { error: "not_found" }));
    const p = paymentById(getDb(), paymentId)!;
    redirect(backTo(returnTo, paymentId, { error: "conflict", ref: formatReference(p.reference), status: result.status }, cursor));
  }
  redirect(backTo(returnTo, paymentId, { notice, ref: formatReference(result.payment.reference) }, cursor));
}

export async function approvePaymentAction(formData: FormData) {
  const staff = await requireStaffAction();
  const target = targetOf(formData);
  const result = decidePayment(getDb(), {
    paymentId: target.paymentId,
    decision: "approve",
    actor: { type: "user", id: String(staff.id) },
    userId: staff.id,
  });
  decided(target, result, "approved");
}

const cancelSchema = z.object({
  reason: z.string().trim().min(1, "empty").max(500, "long"),
});

// The reason box takes 600 characters; what comes back in the URL to be shown again is cut there too.
const TYPED_MAX = 600;

export async function cancelPaymentAction(formData: FormData) {
  const staff = await requireStaffAction();
  const target = targetOf(formData);
  // Each row's reason box is named after its payment: all of them belong to the page's one Cancel form.
  const typed = String(formData.get(`reason-${target.paymentId}`) ?? formData.get("reason") ?? "");
  const parsed = cancelSchema.safeParse({ reason: typed });
  if (!parsed.success) {
    // Back to the same page with the row's reason box open, its message (a key of CANCEL_ERRORS in
    // components/dashboard/decision-buttons.tsx) and what was typed: the same with and without JavaScript.
    const key = parsed.error.issues[0].message === "long" ? "long" : "empty";
    const { paymentId, returnTo, cursor } = target;
    redirect(backTo(returnTo, paymentId, { cancel: String(paymentId), cancelError: key, reason: typed.slice(0, TYPED_MAX) }, cursor));
  }
  const result = decidePayment(getDb(), {
    paymentId: target.paymentId,
    decision: "cancel",
    reason: parsed.data.reason,
    actor: { type: "user", id: String(staff.id) },
    userId: staff.id,
  });
  decided(target, result, "cancelled");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
