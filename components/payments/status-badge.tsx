// A payment's status in colour and in words.
import type { PaymentStatus } from "@/lib/payment-status";

const styles: Record<PaymentStatus, string> = {
  open: "bg-slate-100 text-slate-800 ring-slate-300",
  submitted: "bg-amber-50 text-amber-900 ring-amber-300",
  approved: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  cancelled: "bg-red-50 text-red-900 ring-red-300",
  expired: "bg-slate-100 text-slate-600 ring-slate-300",
};

// Signs from the fonts every system has (an emoji such as ⌛ shows as an empty box where there is no emoji font).
const icons: Record<PaymentStatus, string> = { open: "○", submitted: "◔", approved: "✓", cancelled: "✕", expired: "⊘" };

export const STATUS_LABELS: Record<PaymentStatus, string> = {
  open: "Open",
  submitted: "Pending check",
  approved: "Approved",
  cancelled: "Cancelled",
  expired: "Expired",
};

export function PaymentStatusBadge({ status, label }: { status: PaymentStatus; label?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${styles[status]}`}>
      <span aria-hidden="true">{icons[status]}</span>
      {label ?? STATUS_LABELS[status]}
    </span>
  );
}
