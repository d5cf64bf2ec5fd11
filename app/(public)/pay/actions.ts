"use server";
// The payer's choice of method ("I have paid" posts to pay/[token]/confirm/route.ts). No session: the 128-bit token
// in the URL is the only key, and each action checks it again.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { chooseMethod, paymentByTokenFresh } from "@/db/payments";
import { isWellFormedToken } from "@/lib/token";

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
