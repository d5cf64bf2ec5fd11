// The payer's "I have paid": POST /pay/<token>/confirm from the form on their page, with or without JavaScript. No
// session: the 128-bit token in the URL is the only key. Answers 303 to the page, which then shows where the payment
// stands, or shows the form again with its errors beside the fields (lib/confirm-form.ts).
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { getDb, uploadPath, uploadsDir } from "@/db/client";
import { submitPayment } from "@/db/payments";
import { confirmErrors, encodeConfirmErrors, hasErrors, TYPED_MAX } from "@/lib/confirm-form";
import { declaredWithin, seeOther } from "@/lib/form-post";
import { checkReceipt, MAX_RECEIPT_BYTES } from "@/lib/receipt";
import { payerPost } from "../payer-post";
import { kickWebhookDispatcher } from "@/server/webhook-dispatcher";

// The receipt and the form's few other fields; a bigger post is not read at all.
const MAX_POST_BYTES = MAX_RECEIPT_BYTES + 64 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const checked = payerPost(request, (await params).token);
  if ("response" in checked) return checked.response;
  const { payment, page } = checked;
  // Pressed twice, or already decided, or expired meanwhile: nothing to write; the page shows where the payment stands.
  if (payment.status !== "open" || !payment.methodSnapshot) return seeOther(page);

  if (!declaredWithin(request.headers, MAX_POST_BYTES)) return seeOther(`${page}?error=receipt-size`);
  const form = await request.formData().catch(() => null);
  if (!form) return seeOther(page);

  const method = payment.methodSnapshot;
  const transactionId = String(form.get("transactionId") ?? "").trim();
  const file = form.get("receipt");
  const bytes = method.receipt !== "off" && file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  const check = bytes ? checkReceipt(bytes) : null;
  const errors = confirmErrors(method, transactionId, check);
  if (hasErrors(errors)) {
    const q = new URLSearchParams({ error: encodeConfirmErrors(errors) });
    if (transactionId) q.set("tx", transactionId.slice(0, TYPED_MAX));
    return seeOther(`${page}?${q}`);
  }

  let stored: { file: string; mime: string; size: number } | null = null;
  if (bytes && check?.ok) {
    await fs.mkdir(uploadsDir(), { recursive: true });
    const name = `${crypto.randomBytes(16).toString("hex")}.${check.ext}`;
    await fs.writeFile(uploadPath(name), bytes, { flag: "wx", mode: 0o600 });
    stored = { file: name, mime: check.mime, size: bytes.length };
  }
  const res = submitPayment(getDb(), { paymentId: payment.id, transactionId: transactionId || null, receipt: stored });
  if (!res.ok && stored) await fs.rm(uploadPath(stored.file), { force: true });
  if (res.ok) kickWebhookDispatcher();
  return seeOther(page);
}
