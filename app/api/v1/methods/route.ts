// GET /api/v1/methods: what customers can currently choose from.
import { getDb } from "@/db/client";
import { enabledMethods } from "@/db/methods";
import { authenticate, authorize, handler, json, otherMethods } from "../http";

export const GET = handler(async (req: Request) => {
  const auth = await authenticate(req);
  if ("response" in auth) return auth.response;
  const refused = authorize(auth.key, "listMethods");
  if (refused) return refused.response;
  const data = (await enabledMethods(await getDb())).map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind,
    currencies: m.currencies,
    min_amount: m.minAmount,
    max_amount: m.maxAmount,
  }));
  return json(200, { object: "list", data });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
