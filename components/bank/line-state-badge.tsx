// A statement line's state, in colour and words.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LINE_STATE_LABELS, type LineState } from "@/lib/bank/line-state";

const TONES: Record<LineState, BadgeTone> = {
  matched: "success",
  underpaid: "warning",
  overpaid: "info",
  review: "danger",
  suggested: "warning",
  unmatched: "neutral",
  ignored: "muted",
  outgoing: "muted",
};

export function LineStateBadge({ state }: { state: LineState }) {
  return <Badge tone={TONES[state]}>{LINE_STATE_LABELS[state]}</Badge>;
}
