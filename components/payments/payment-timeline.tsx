// A payment's history, oldest first, in staff's words (lib/payment-timeline.ts): who did what and when.
import type { eventsOfPayment } from "@/db/payment-lists";
import { timelineEntries } from "@/lib/payment-timeline";
import { CardSection } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

type PaymentEventRow = Awaited<ReturnType<typeof eventsOfPayment>>[number];

export function PaymentTimeline({ events, method }: { events: PaymentEventRow[]; method: { name: string; at: number | null } | null }) {
  return (
    <CardSection id="timeline" title="Timeline" titleClassName="mb-3 font-semibold" className="self-start">
      <ol className="space-y-4 border-l-2 border-slate-200 pl-4" data-testid="timeline">
        {timelineEntries(events, method).map((e) => (
          <li key={e.key} className="relative">
            <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-accent-600" />
            <p className="text-sm font-medium">{e.title}</p>
            <p className="text-sm text-slate-600">
              <LocalTime ms={e.at} />
            </p>
            {e.note && <p className="text-sm text-slate-800 [overflow-wrap:anywhere]">{e.note}</p>}
          </li>
        ))}
      </ol>
    </CardSection>
  );
}
