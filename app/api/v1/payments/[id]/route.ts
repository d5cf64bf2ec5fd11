// GET /api/v1/payments/{id}
import { getDb } from "@/db/client";
import { expireIfDue, paymentById } from "@/db/payments";
import { toApiPayment } from "@/lib/api/payment";
import { authenticate, authorize, handler, json, otherMethods, parseId, paymentNotFound } from "../../http";
import { siteUrlOf } from "@/app/site-url";

export const GET = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const auth = authenticate(req);
  if ("response" in auth) return auth.response;
  const id = parseId((await ctx.params).id);
  const found = id ? paymentById(getDb(), id) : undefined;
  // A payment the key may not see answers exactly as a missing one.
  const refused = authorize(auth.key, "readPayment", found);
  if (refused) return refused.response;
  if (!found) return paymentNotFound();
  return json(200, toApiPayment(expireIfDue(getDb(), found), siteUrlOf(req)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
