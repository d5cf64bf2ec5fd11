// A message's state in colour and words: queued, retrying, sent, failed.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { emailStateLabel, type EmailState } from "@/lib/email/outbox-states";

const tones = { queued: "muted", retrying: "warning", sent: "success", failed: "danger" } as const satisfies Record<string, BadgeTone>;

export function EmailStateBadge({ m }: { m: { status: EmailState; attempts: number } }) {
  const label = emailStateLabel(m);
  return <Badge tone={tones[label]}>{label}</Badge>;
}
