// A payment's events, oldest first: each status change, who made it and when, and each e-mail about it with its state.
import type { ReactNode } from "react";
import type { eventsOfPayment } from "@/db/payment-lists";
import type { EmailLogRow } from "@/db/email-outbox";
import { EmailStateBadge } from "@/components/email/email-state-badge";
import { EMAIL_KIND_LABELS } from "@/lib/email/outbox-states";
import { CardSection } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { STATUS_LABELS } from "./status-badge";

type PaymentEventRow = Awaited<ReturnType<typeof eventsOfPayment>>[number];

function actorLabel(e: PaymentEventRow): string {
  if (e.actorType === "user") return e.actorName ?? `user #${e.actorId}`;
  if (e.actorType === "bank") return "Bank statement";
  return e.actorType === "customer" ? "Customer" : e.actorType === "api_key" ? "API" : "System";
}

function EventItem({ e }: { e: PaymentEventRow }) {
  return (
    <>
      <p className="text-sm font-medium">
        {e.fromStatus === null
          ? "Created"
          : e.fromStatus === e.toStatus
            ? e.bankLineId
              ? "Bank statement line"
              : STATUS_LABELS[e.toStatus]
            : `${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]}`}
      </p>
      <p className="text-sm text-slate-600">
        {actorLabel(e)}
        {" · "}
        <LocalTime ms={e.createdAt} />
      </p>
      {e.reason && <p className="text-sm text-slate-800">“{e.reason}”</p>}
    </>
  );
}

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

export function PaymentTimeline({ events, emails = [] }: { events: PaymentEventRow[]; emails?: EmailLogRow[] }) {
  const items: { key: string; at: number; dot: string; node: ReactNode }[] = [
    ...events.map((e) => ({ key: `e${e.id}`, at: e.createdAt, dot: "bg-accent-600", node: <EventItem e={e} /> })),
    ...emails.map((m) => ({ key: `m${m.id}`, at: m.createdAt, dot: "bg-slate-400", node: <EmailItem m={m} /> })),
  ].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
  return (
    <CardSection id="timeline" title="Timeline" titleClassName="mb-3 font-semibold">
      <ol className="space-y-4 border-l-2 border-slate-200 pl-4">
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
