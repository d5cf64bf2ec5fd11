// Agents' decisions: POST /dashboard/decide/approve and /dashboard/decide/cancel, from the page's one Approve form
// and one Cancel form (components/dashboard/decision-buttons.tsx), with or without JavaScript. The session and the
// role are checked here; the database's guarded update decides races. The answer is where to go next, with a notice
// or an error in the query (the same with and without JavaScript).
// A route handler, not a server action: the Pending rows are HTML strings (components/dashboard/pending-rows-html.ts), whose buttons post to a plain URL.
import { z } from "zod";
import { currentStaff } from "@/auth";
import { getDb } from "@/db/client";
import { decidePayment, paymentById } from "@/db/payments";
import { crossSiteRefused, declaredWithin, isCrossSite, notFound, seeOther } from "@/lib/form-post";
import { formatReference } from "@/lib/reference";
import { requestLog } from "@/server/request-log";
import { kickWebhookDeliveries } from "@/server/jobs";

type ReturnTo = "pending" | "detail";

function backTo(returnTo: ReturnTo, id: number, params: Record<string, string>, cursor?: string): string {
  const path = returnTo === "detail" ? `/dashboard/payments/${id}` : "/dashboard";
  // A deeper page of the Pending queue is returned to where it was.
  const q = new URLSearchParams(returnTo === "pending" && cursor ? { cursor, ...params } : params);
  return `${path}?${q}`;
}

// The payment comes from the value of the button pressed, the page to return to from the forms' hidden fields; they
// are checked like any other input.
const decisionTarget = z.object({
  paymentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  returnTo: z.enum(["pending", "detail"]).catch("pending"),
  // The Pending queue's page cursor (base64url), when the row was on a deeper page.
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
});

const cancelSchema = z.object({ reason: z.string().trim().min(1, "empty").max(500, "long") });

// The reason box takes 600 characters; what comes back in the URL to be shown again is cut there too.
const TYPED_MAX = 600;
const MAX_POST_BYTES = 64 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ decision: string }> }) {
  const { decision } = await params;
  if (decision !== "approve" && decision !== "cancel") return notFound();
  if (isCrossSite(request.headers)) return crossSiteRefused();

  const staff = await currentStaff();
  if (!staff) return seeOther("/login");
  // A payment id, a reason of at most 600 characters and two hidden fields: anything bigger is not a decision.
  if (!declaredWithin(request.headers, MAX_POST_BYTES)) return seeOther(backTo("pending", 0, { error: "not_found" }));
  const form = await request.formData().catch(() => null);
  const parsed = decisionTarget.safeParse({
    paymentId: form?.get("paymentId") ?? "",
    returnTo: form?.get("returnTo") ?? "",
    cursor: form?.get("cursor") ?? undefined,
  });
  if (!form || !parsed.success) return seeOther(backTo("pending", 0, { error: "not_found" }));
  const { paymentId, returnTo, cursor } = parsed.data;

  let reason: string | null = null;
  if (decision === "cancel") {
    // Each row's reason box is named after its payment: all of them belong to the page's one Cancel form.
    const typed = String(form.get(`reason-${paymentId}`) ?? form.get("reason") ?? "");
    const checked = cancelSchema.safeParse({ reason: typed });
    if (!checked.success) {
      // Back to the same page with the row's reason box open, its message (a key of CANCEL_ERRORS in
      // components/dashboard/pending-rows-html.ts) and what was typed.
      const key = checked.error.issues[0].message === "long" ? "long" : "empty";
      return seeOther(backTo(returnTo, paymentId, { cancel: String(paymentId), cancelError: key, reason: typed.slice(0, TYPED_MAX) }, cursor));
    }
    reason = checked.data.reason;
  }

  const result = await decidePayment(await getDb(), {
    paymentId,
    decision,
    reason,
    actor: { type: "user", id: String(staff.id) },
    userId: staff.id,
  });
  const line = { event: "payment.decision", paymentId, reference: result.ok ? result.payment.reference : undefined, decision, actor: `user:${staff.id}` };
  requestLog(request.headers).info({ ...line, outcome: result.ok ? result.payment.status : result.error }, "payment decision");
  if (!result.ok) {
    if (result.error === "not_found") return seeOther(backTo("pending", paymentId, { error: "not_found" }));
    const p = (await paymentById(await getDb(), paymentId))!;
    return seeOther(backTo(returnTo, paymentId, { error: "conflict", ref: formatReference(p.reference), status: result.status }, cursor));
  }
  kickWebhookDeliveries();
  const notice = decision === "approve" ? "approved" : "cancelled";
  return seeOther(backTo(returnTo, paymentId, { notice, ref: formatReference(result.payment.reference) }, cursor));
}
