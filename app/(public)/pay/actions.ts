"use server";
// The payer's actions. No session: the 128-bit token in the URL is the only key, and each action checks it again.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb, uploadPath, uploadsDir } from "@/db/client";
import { chooseMethod, paymentByTokenFresh, submitPayment } from "@/db/payments";
import { isWellFormedToken } from "@/lib/token";
import { checkReceipt } from "@/lib/receipt";
import { payerLocale } from "../locale";
import { kickWebhookDispatcher } from "@/server/webhook-dispatcher";

/**
 * Back to the payer's page, which now has a new state. With JavaScript, the browser's router keeps pages it thinks are
 * static for a while; revalidating the path tells it to drop its copy, in case it navigates there itself. (A form
 * posted without JavaScript loads the page anew anyway.)
 */
async function backToPage(token: string, error?: "choose" | "unavailable"): Promise<never> {
  if ((await headers()).has("next-action")) revalidatePath(`/pay/${token}`);
  redirect(error ? `/pay/${token}?error=${error}` : `/pay/${token}`);
}

function paymentOr404(token: string) {
  if (!isWellFormedToken(token)) redirect("/pay/not-found");
  const payment = paymentByTokenFresh(getDb(), token);
  if (!payment) redirect("/pay/not-found");
  return payment;
}

export async function chooseMethodAction(token: string, formData: FormData) {
  const payment = paymentOr404(token);
  const methodId = Number(formData.get("methodId"));
  if (!Number.isSafeInteger(methodId) || methodId <= 0) return backToPage(token, "choose");
  const res = chooseMethod(getDb(), payment.id, methodId);
  if (!res.ok && res.error === "method_unavailable") return backToPage(token, "unavailable");
  return backToPage(token);
}

export async function changeMethodAction(token: string) {
  const payment = paymentOr404(token);
  chooseMethod(getDb(), payment.id, null);
  return backToPage(token);
}

export type ConfirmState = {
  message?: string;
  fieldErrors?: { transactionId?: string; receipt?: string };
  values?: { transactionId: string };
};

export async function confirmPaymentAction(token: string, _prev: ConfirmState, formData: FormData): Promise<ConfirmState> {
  const payment = paymentOr404(token);
  // Pressed twice, or already decided: nothing to write; the page shows where the payment stands.
  if (payment.status !== "open" || !payment.methodSnapshot) return backToPage(token);
  const { t } = await payerLocale();
  const method = payment.methodSnapshot;

  const transactionId = String(formData.get("transactionId") ?? "").trim();
  const file = formData.get("receipt");
  const fieldErrors: ConfirmState["fieldErrors"] = {};

  if (method.requiresTransactionId && !transactionId) fieldErrors.transactionId = t.errTransactionIdRequired;
  if (transactionId.length > 100) fieldErrors.transactionId = t.errTransactionIdTooLong;

  let receipt: { bytes: Uint8Array; mime: string; ext: string } | null = null;
  const hasFile = file instanceof File && file.size > 0;
  if (method.receipt !== "off") {
    if (hasFile) {
      const bytes = new Uint8Array(await (file as File).arrayBuffer());
      const check = checkReceipt(bytes);
      if (check.ok) receipt = { bytes, mime: check.mime, ext: check.ext };
      else fieldErrors.receipt = check.error === "too_large" ? t.errReceiptTooLarge : check.error === "bad_type" ? t.errReceiptType : t.errReceiptRequired;
    } else if (method.receipt === "required") {
      fieldErrors.receipt = t.errReceiptRequired;
    }
  }
  if (fieldErrors.transactionId || fieldErrors.receipt) {
    // A browser cannot refill a file input, so say so when a good receipt was sent with another field's error.
    if (!fieldErrors.receipt && receipt) fieldErrors.receipt = t.errReceiptAgain;
    return { message: t.errFixBelow, fieldErrors, values: { transactionId } };
  }

  let stored: { file: string; mime: string; size: number } | null = null;
  if (receipt) {
    const dir = uploadsDir();
    await fs.mkdir(dir, { recursive: true });
    const name = `${crypto.randomBytes(16).toString("hex")}.${receipt.ext}`;
    await fs.writeFile(uploadPath(name), receipt.bytes, { flag: "wx", mode: 0o600 });
    stored = { file: name, mime: receipt.mime, size: receipt.bytes.length };
  }
  const res = submitPayment(getDb(), { paymentId: payment.id, transactionId: transactionId || null, receipt: stored });
  if (!res.ok && stored) await fs.rm(uploadPath(stored.file), { force: true });
  if (res.ok) kickWebhookDispatcher();
  return backToPage(token);
}

