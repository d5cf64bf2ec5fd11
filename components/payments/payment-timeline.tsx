// A payment's events, oldest first: each status change, who made it and when.
import type { eventsOfPayment } from "@/db/payment-lists";
import { CardSection } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { STATUS_LABELS } from "./status-badge";

type PaymentEventRow = Awaited<ReturnType<typeof eventsOfPayment>>[number];

function actorLabel(e: PaymentEventRow): string {
  if (e.actorType === "user") return e.actorName ?? `user #${e.actorId}`;
  if (e.actorType === "bank") return "Bank statement";
  return e.actorType === "customer" ? "Customer" : e.actorType === "api_key" ? "API" : "System";
}

export function PaymentTimeline({ events }: { events: PaymentEventRow[] }) {
  return (
    <CardSection id="timeline" title="Timeline" titleClassName="mb-3 font-semibold">
      <ol className="space-y-4 border-l-2 border-slate-200 pl-4">
        {events.map((e) => (
          <li key={e.id} className="relative">
            <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-accent-600" />
            <p className="text-sm font-medium">{e.fromStatus === null ? "Created" : e.fromStatus === e.toStatus ? (e.bankLineId ? "Bank statement line" : STATUS_LABELS[e.toStatus]) : `${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]}`}</p>
            <p className="text-sm text-slate-600">
              {actorLabel(e)}
              {" · "}
              <LocalTime ms={e.createdAt} />
            </p>
            {e.reason && <p className="text-sm text-slate-800">“{e.reason}”</p>}
          </li>
        ))}
      </ol>
    </CardSection>
  );
}
