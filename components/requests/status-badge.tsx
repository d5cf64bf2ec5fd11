// A connection request's status in colour and in words.
import { REQUEST_STATUS_LABELS, type RequestStatus } from "@/lib/request-status";

const styles: Record<RequestStatus, string> = {
  new: "bg-sky-50 text-sky-900 ring-sky-300",
  in_progress: "bg-amber-50 text-amber-900 ring-amber-300",
  done: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  declined: "bg-red-50 text-red-900 ring-red-300",
};

const icons: Record<RequestStatus, string> = { new: "●", in_progress: "◔", done: "✓", declined: "✕" };

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${styles[status]}`}>
      <span aria-hidden="true">{icons[status]}</span>
      {REQUEST_STATUS_LABELS[status]}
    </span>
  );
}
