// GET /api/v1/payments/{id}
import { getDb } from "@/db/client";
import { paymentById } from "@/db/payments";
import { linesOfPayment } from "@/db/bank/payment-lines";
import { toApiPayment } from "@/lib/api/payment";
import { parseId } from "@/lib/parse-id";
import { authenticate, authorize, handler, json, otherMethods, paymentNotFound } from "../../http";
import { publicOrigin } from "@/lib/public-origin";

export const GET = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = await authenticate(req);
  if ("response" in auth) return auth.response;
  const id = parseId((await ctx.params).id);
  const db = await getDb();
  const found = id ? await paymentById(db, id) : undefined;
  // A payment the key may not see answers exactly as a missing one.
  const refused = authorize(auth.key, "readPayment", found);
  if (refused) return refused.response;
  if (!found) return paymentNotFound();
  return json(200, toApiPayment(found, await linesOfPayment(db, found), publicOrigin(req.headers)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
