// POST /api/v1/payments/{id}/cancel: the shop withdraws a payment the customer has not confirmed yet.
import { getDb } from "@/db/client";
import { decidePayment, paymentById } from "@/db/payments";
import { linesOfPayment } from "@/db/bank/payment-lines";
import { toApiPayment } from "@/lib/api/payment";
import { parseId } from "@/lib/parse-id";
import { CancelPaymentBody } from "@/lib/api/schemas";
import { requestLog } from "@/server/request-log";
import { kickWebhookDeliveries } from "@/server/jobs";
import { authenticate, authorize, handler, json, otherMethods, paymentNotFound, problem, readJson, validationProblem } from "../../../http";
import { publicOrigin } from "@/lib/public-origin";

export const POST = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authenticate(req);
  if ("response" in auth) return auth.response;
  const id = parseId((await ctx.params).id);
  const found = id ? await paymentById(await getDb(), id) : undefined;
  // Only payments created through the API; one the key may not see answers exactly as a missing one.
  const refused = authorize(auth.key, "cancelPayment", found);
  if (refused) return refused.response;
  if (!found) return paymentNotFound();
  let reason: string | undefined;
  if (req.headers.get("content-length") !== "0" && req.body) {
    const body = await readJson(req);
    if ("response" in body) return body.response;
    const parsed = CancelPaymentBody.safeParse(body.value ?? {});
    if (!parsed.success) return validationProblem(parsed.error);
    reason = parsed.data.reason;
  }
  const db = await getDb();
  // Past its expiry, the payment expires in this write and the cancellation is refused (409, expired).
  const result = await decidePayment(db, {
    paymentId: found.id,
    decision: "cancel",
    reason: reason || "Cancelled by the shop.",
    actor: { type: "api_key", id: String(auth.key.id) },
  });
  const line = { event: "payment.decision", paymentId: found.id, reference: found.reference, decision: "cancel", actor: `api_key:${auth.key.id}`, outcome: result.ok ? result.payment.status : result.error };
  requestLog(req.headers).info(line, "payment decision");
  if (!result.ok) {
    if (result.error === "not_found") return paymentNotFound();
    return problem(409, "Only an open payment can be cancelled.", `The payment is ${result.status}.`, { payment_status: result.status });
  }
  kickWebhookDeliveries();
  // An open payment may have been paid in part before it was cancelled: its lines stay listed.
  return json(200, toApiPayment(result.payment, await linesOfPayment(db, result.payment), publicOrigin(req.headers)));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
