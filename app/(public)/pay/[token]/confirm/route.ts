// The payer's "I have paid": POST /pay/<token>/confirm from the form on their page, with or without JavaScript. No
// session: the 128-bit token in the URL is the only key. Answers 303 to the page, which then shows where the payment
// stands, or shows the form again with its errors beside the fields (lib/confirm-form.ts).
// A route handler, not a server action: the receipt (up to 10 MB) is streamed to disk under a semaphore, which a server action's buffered, size-limited body cannot do.
import crypto from "node:crypto";
import { getDb, uploadPath, uploadsDir } from "@/db/client";
import { submitPayment } from "@/db/payments";
import { confirmErrors, encodeConfirmErrors, hasErrors, TYPED_MAX, type ConfirmErrors } from "@/lib/confirm-form";
import { seeOther } from "@/lib/form-post";
import { checkReceiptStart, MAX_RECEIPT_BYTES, type ReceiptCheck } from "@/lib/receipt";
import { Semaphore } from "@/lib/semaphore";
import { commitReceipt, discardReceipt, readReceiptPost, type StagedReceipt } from "@/server/receipt-upload";
import { payerPost, postLocale } from "../payer-post";
import { logger } from "@/server/logger";
import { kickWebhookDeliveries } from "@/server/jobs";

// The receipt and the form's few other fields; a bigger post is refused before it is read.
const MAX_POST_BYTES = MAX_RECEIPT_BYTES + 64 * 1024;
/** Receipts written at once in this process, and how many more may wait for a turn (their bodies unread meanwhile). */
const RECEIPT_SLOTS = 4;
const RECEIPT_QUEUE = 16;
/** How long a receipt waits for a turn before the payer is asked to send it again. */
const RECEIPT_WAIT_MS = 15_000;

const g = globalThis as unknown as { __dpReceiptSlots?: Semaphore };
const receiptSlots = (g.__dpReceiptSlots ??= new Semaphore(RECEIPT_SLOTS, RECEIPT_QUEUE));

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const checked = await payerPost(request, (await params).token);
  if ("response" in checked) return checked.response;
  const { payment, page } = checked;
  // Pressed twice, or already decided, or expired meanwhile: nothing to write; the page shows where the payment stands.
  if (payment.status !== "open" || !payment.methodSnapshot) return seeOther(page);
  const method = payment.methodSnapshot;

  const read = await readReceiptPost(request.body, request.headers, {
    dir: uploadsDir(),
    fileField: "receipt",
    acceptFile: method.receipt !== "off",
    maxFileBytes: MAX_RECEIPT_BYTES,
    maxBodyBytes: MAX_POST_BYTES,
    slots: receiptSlots,
    signal: request.signal,
    slotWaitMs: RECEIPT_WAIT_MS,
  });
  if (read.outcome === "malformed") return seeOther(page);
  const transactionId = (read.fields.get("transactionId") ?? "").trim();
  const part = read.outcome === "too_large" ? ({ status: "too_large" } as const) : read.receipt;
  const staged: StagedReceipt | null = part?.status === "staged" ? part.file : null;
  try {
    const check: ReceiptCheck | null =
      part?.status === "staged" ? checkReceiptStart(part.file.size, part.file.head) : part?.status === "too_large" ? { ok: false, error: "too_large" } : null;
    const errors: ConfirmErrors = confirmErrors(method, transactionId, check);
    // No turn came for the receipt: the payer sends it again (what they typed comes back into its box).
    if (part?.status === "busy") errors.receipt = "receipt-again";
    if (hasErrors(errors)) {
      const q = new URLSearchParams({ error: encodeConfirmErrors(errors) });
      if (transactionId) q.set("tx", transactionId.slice(0, TYPED_MAX));
      return seeOther(`${page}?${q}`);
    }

    const stored = staged && check?.ok ? { file: `${crypto.randomBytes(16).toString("hex")}.${check.ext}`, mime: check.mime, size: staged.size, name: staged.name } : null;
    const res = await submitPayment(await getDb(), { paymentId: payment.id, transactionId: transactionId || null, receipt: stored, payerLocale: postLocale(request), seen: payment });
    if (res.ok && stored && staged) {
      // Put in place only now that the payment names it; until then it was a temp file nobody reads. A rename within
      // one folder: it cannot half-fail, so an error here is the disk itself (the agent then sees no receipt).
      await commitReceipt(staged, uploadPath(stored.file)).catch((err) => logger.error({ err, paymentId: payment.id }, "receipt not stored"));
    }
    if (res.ok) kickWebhookDeliveries();
    return seeOther(page);
  } finally {
    // Refused, not submitted, or already committed (then there is nothing left to remove).
    if (staged) await discardReceipt(staged);
  }
}
