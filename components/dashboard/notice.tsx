// The message after an action, carried in the URL so it also shows without JavaScript.
import { STATUS_LABELS } from "@/components/payments/status-badge";
import { isPaymentStatus } from "@/lib/payment-status";
import { Notice } from "@/components/ui/notice";

export function ActionNotice({ params }: { params: Record<string, string | string[] | undefined> }) {
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const ref = one("ref")?.slice(0, 20) ?? "";
  const notice = one("notice");
  const error = one("error");
  let text: string | null = null;
  let tone: "ok" | "error" = "ok";
  if (notice === "approved") text = `Payment ${ref} approved.`;
  else if (notice === "cancelled") text = `Payment ${ref} cancelled.`;
  else if (error === "conflict") {
    const status = one("status");
    tone = "error";
    text = `Payment ${ref} was already decided by someone else: it is now ${isPaymentStatus(status) ? STATUS_LABELS[status].toLowerCase() : "changed"}. Nothing was changed.`;
  } else if (error === "not_found") {
    tone = "error";
    text = "That payment does not exist.";
  } else if (error === "forbidden") {
    tone = "error";
    text = "Only an admin can open that page.";
  }
  if (!text) return null;
  return <Notice tone={tone === "ok" ? "success" : "error"}>{text}</Notice>;
}
