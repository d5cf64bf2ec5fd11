// The payer's choice of method: POST /pay/<token>/method from the page's "Pay" form (methodId), or its "Choose another
// method" form (change). No session: the 128-bit token in the URL is the only key. Answers 303 to the page, which
// shows the method's details, or the choice again with ?error=choose|unavailable beside it.
// A route handler, not a server action: the payer's page is cached and served through a rewrite (proxy.ts), carries no action ids, and must work without JavaScript.
import { getDb } from "@/db/client";
import { chooseMethod } from "@/db/payments";
import { declaredWithin, seeOther } from "@/lib/form-post";
import { payerPost, postLocale } from "../payer-post";

// A method id or a flag: anything bigger is not a choice.
const MAX_POST_BYTES = 16 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const checked = await payerPost(request, (await params).token);
  if ("response" in checked) return checked.response;
  const { payment, page } = checked;
  const db = await getDb();
  if (!declaredWithin(request.headers, MAX_POST_BYTES)) return seeOther(page);
  const form = await request.formData().catch(() => null);
  if (!form) return seeOther(page);

  // Not open any more (paid, decided, expired): chooseMethod changes nothing, and the page says where it stands.
  if (form.has("change")) {
    await chooseMethod(db, payment.id, null);
    return seeOther(page);
  }
  const methodId = Number(form.get("methodId"));
  if (!Number.isSafeInteger(methodId) || methodId <= 0) return seeOther(`${page}?error=choose`);
  const res = await chooseMethod(db, payment.id, methodId, Date.now(), postLocale(request));
  if (!res.ok && res.error === "method_unavailable") return seeOther(`${page}?error=unavailable`);
  return seeOther(page);
}
