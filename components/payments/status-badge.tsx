// A payment's status in colour and in words.
import type { PaymentStatus } from "@/lib/payment-status";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<PaymentStatus, BadgeTone> = { open: "neutral", submitted: "warning", approved: "success", cancelled: "danger", expired: "muted" };

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
    <Badge tone={tones[status]} icon={icons[status]}>
      {label ?? STATUS_LABELS[status]}
    </Badge>
  );
}
