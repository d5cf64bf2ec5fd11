// POST /api/v1/payments (idempotent create) and GET /api/v1/payments (the shop's list).
import { getDb } from "@/db/client";
import { apiListPayments, createPaymentIdempotent, requestHash } from "@/db/api";
import { decodeCursor } from "@/lib/cursor";
import { cachedBusinessProfile } from "@/db/users";
import { paymentLines } from "@/db/bank/payment-lines";
import { toApiPayment } from "@/lib/api/payment";
import { CreatePaymentBody, ListPaymentsQuery } from "@/lib/api/schemas";
import { minorUnits } from "@/lib/payment-input";
import { authenticate, authorize, handler, json, otherMethods, problem, readJson, validationProblem } from "../http";
import { publicOrigin } from "@/lib/public-origin";
import { kickEmailOutbox } from "@/server/jobs";

export const POST = handler(async (req: Request) => {
  const auth = await authenticate(req);
  if ("response" in auth) return auth.response;
  const refused = authorize(auth.key, "createPayment");
  if (refused) return refused.response;
  const idempotencyKey = req.headers.get("idempotency-key");
  if (idempotencyKey != null && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    return problem(422, "Invalid Idempotency-Key header.", "Use 1–255 visible ASCII characters, e.g. a UUID.", { errors: [{ field: "Idempotency-Key", message: "1–255 visible ASCII characters." }] });
  }
  const body = await readJson(req);
  if ("response" in body) return body.response;
  const parsed = CreatePaymentBody.safeParse(body.value);
  if (!parsed.success) return validationProblem(parsed.error);
  const b = parsed.data;
  const currency = b.currency.toUpperCase();
  const db = await getDb();
  const now = Date.now();
  const minutes = b.expires_in_minutes ?? (await cachedBusinessProfile(db)).defaultHoursOpen * 60;
  const base = publicOrigin(req.headers);
  const result = await createPaymentIdempotent(db, {
    apiKeyId: auth.key.id,
    idempotencyKey,
    requestHash: requestHash("POST", "/api/v1/payments", body.raw),
    now,
    payment: {
      amount: minorUnits(b.amount, currency),
      currency,
      description: b.description,
      orderId: b.order_id,
      customerEmail: b.customer_email ?? null,
      customerName: b.customer_name || null,
      returnUrl: b.return_url ?? null,
      expiresAt: now + minutes * 60_000,
      metadata: b.metadata ?? null,
      notifyCustomer: b.notify_customer === true,
      createdByApiKeyId: auth.key.id,
      actor: { type: "api_key", id: String(auth.key.id) },
    },
    // A new payment has no bank lines yet; this answer is also what an idempotent replay repeats, byte for byte.
    render: (p) => ({ status: 201, body: JSON.stringify(toApiPayment(p, [], base)) }),
  });
  if (result.kind === "conflict") {
    return problem(422, "This Idempotency-Key was used with a different request.", "Use a new key for a new payment; repeat the identical request to get the first answer again.", {
      errors: [{ field: "Idempotency-Key", message: "Already used with a different request body." }],
    });
  }
  if (b.notify_customer && result.kind !== "replay") kickEmailOutbox();
  const id = (JSON.parse(result.response.body) as { id: number }).id;
  return json(result.response.status, result.response.body, {
    location: `/api/v1/payments/${id}`,
    ...(result.kind === "replay" ? { "idempotent-replayed": "true" } : {}),
  });
});

export const GET = handler(async (req: Request) => {
  const auth = await authenticate(req);
  if ("response" in auth) return auth.response;
  const refused = authorize(auth.key, "listPayments");
  if (refused) return refused.response;
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = ListPaymentsQuery.safeParse(params);
  if (!parsed.success) return validationProblem(parsed.error);
  const q = parsed.data;
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !cursor) return problem(422, "The request has invalid fields.", "cursor: not a cursor this API returned.", { errors: [{ field: "cursor", message: "Not a cursor this API returned." }] });
  const db = await getDb();
  const { rows, next } = await apiListPayments(db, {
    status: q.status,
    createdAfter: q.created_after ? Date.parse(q.created_after) : undefined,
    cursor,
    limit: q.limit,
  });
  // Every bank line of the page's payments in one query, never one per payment.
  const lines = await paymentLines(db, rows.map((p) => p.id));
  const base = publicOrigin(req.headers);
  return json(200, { object: "list", data: rows.map((p) => toApiPayment(p, lines.get(p.id) ?? [], base)), next_cursor: next });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
