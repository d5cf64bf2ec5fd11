// A connection request's status in colour and in words.
import { REQUEST_STATUS_LABELS, type RequestStatus } from "@/lib/request-status";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<RequestStatus, BadgeTone> = { new: "info", in_progress: "warning", done: "success", declined: "danger" };

const icons: Record<RequestStatus, string> = { new: "●", in_progress: "◔", done: "✓", declined: "✕" };

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return (
    <Badge tone={tones[status]} icon={icons[status]}>
      {REQUEST_STATUS_LABELS[status]}
    </Badge>
  );
}
