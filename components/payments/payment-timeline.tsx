// A payment's history, oldest first, in staff's words (lib/payment-timeline.ts): who did what and when, and each e-mail
// about it with its state.
import type { ReactNode } from "react";
import type { eventsOfPayment } from "@/db/payment-lists";
import type { EmailLogRow } from "@/db/email-outbox";
import { EmailStateBadge } from "@/components/email/email-state-badge";
import { EMAIL_KIND_LABELS } from "@/lib/email/outbox-states";
import { timelineEntries } from "@/lib/payment-timeline";
import { CardSection } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

type PaymentEventRow = Awaited<ReturnType<typeof eventsOfPayment>>[number];

function EmailItem({ m }: { m: EmailLogRow }) {
  return (
    <div data-testid="timeline-email">
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
        <span>E-mail: {EMAIL_KIND_LABELS[m.kind]}</span>
        <EmailStateBadge m={m} />
      </p>
      <p className="break-all text-sm text-slate-600">
        to {m.toAddress}
        {" · "}
        <LocalTime ms={m.sentAt ?? m.lastAttemptAt ?? m.createdAt} />
        {m.attempts > 1 && ` · ${m.attempts} attempts`}
      </p>
      {m.status !== "sent" && m.lastResponse && <p className="break-words font-mono text-xs text-slate-700">{m.lastResponse}</p>}
    </div>
  );
}

export function PaymentTimeline({
  events,
  emails = [],
  method,
}: {
  events: PaymentEventRow[];
  emails?: EmailLogRow[];
  method: { name: string; at: number | null } | null;
}) {
  const items: { key: string; at: number; dot: string; node: ReactNode }[] = [
    ...timelineEntries(events, method).map((e) => ({
      key: e.key,
      at: e.at,
      dot: "bg-accent-600",
      node: (
        <>
          <p className="text-sm font-medium">{e.title}</p>
          <p className="text-sm text-slate-600">
            <LocalTime ms={e.at} />
          </p>
          {e.note && <p className="text-sm text-slate-800 [overflow-wrap:anywhere]">{e.note}</p>}
        </>
      ),
    })),
    ...emails.map((m) => ({ key: `m${m.id}`, at: m.createdAt, dot: "bg-slate-400", node: <EmailItem m={m} /> })),
  ];
  // Stable: the entries come in order already; e-mails go after what caused them at the same millisecond.
  items.sort((a, b) => a.at - b.at);
  return (
    <CardSection id="timeline" title="Timeline" titleClassName="mb-3 font-semibold" className="self-start">
      <ol className="space-y-4 border-l-2 border-slate-200 pl-4" data-testid="timeline">
        {items.map((item) => (
          <li key={item.key} className="relative">
            <span aria-hidden="true" className={`absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full ${item.dot}`} />
            {item.node}
          </li>
        ))}
      </ol>
    </CardSection>
  );
}
