// An endpoint's delivery log: each event sent to it, its state, a Resend button, and every attempt with its answer.
import Link from "next/link";
import type { deliveriesOfEndpoint } from "@/db/webhooks";
import { ActionButton } from "@/components/ui/action-button";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { plainCellClass, plainRowClass, Table } from "@/components/ui/table";
import { formatReference } from "@/lib/reference";
import { MAX_ATTEMPTS } from "@/lib/webhooks/retry";

type Delivery = Awaited<ReturnType<typeof deliveriesOfEndpoint>>[number];

const tones: Record<Delivery["status"], BadgeTone> = { pending: "warning", delivered: "success", failed: "danger" };

const ATTEMPT_COLUMNS = [{ label: "Time" }, { label: "Status" }, { label: "Duration" }, { label: "Response" }];

/** Every attempt: a small card per attempt on a phone (nothing scrolls sideways), a table row from md up. */
function Attempts({ log }: { log: Delivery["attemptLog"] }) {
  return (
    <div className="mt-2">
      <Table look="plain" caption="Attempts" columns={ATTEMPT_COLUMNS} wrapperClassName="" headClassName="hidden md:table-header-group">
        {log.map((a) => (
          <tr key={a.id} className={`grid grid-cols-[auto_auto_1fr] gap-x-3 py-1.5 md:table-row md:py-0 ${plainRowClass}`}>
            <td className={`whitespace-nowrap ${plainCellClass}`}><LocalTime ms={a.attemptedAt} /></td>
            <td className={`font-mono ${plainCellClass}`}>{a.statusCode ?? (a.error ? "no answer" : "—")}</td>
            <td className={`tabular ${plainCellClass}`}>{a.durationMs} ms</td>
            <td className={`col-span-3 font-mono text-xs text-slate-700 [overflow-wrap:anywhere] md:max-w-md md:truncate ${plainCellClass}`} title={a.error ?? a.responseExcerpt ?? ""}>
              {a.error ?? a.responseExcerpt ?? ""}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

/** What the delivery's badge says: a delivery waiting for its next try is retrying, not merely pending. */
function deliveryState(d: Delivery): { label: string; tone: BadgeTone } {
  if (d.status === "pending" && d.attempts > 0) return { label: "retrying", tone: "warning" };
  return { label: d.status, tone: tones[d.status] };
}

function DeliveryItem({ d, resend }: { d: Delivery; resend: () => Promise<void> }) {
  const state = deliveryState(d);
  return (
    <Card as="li" padding="sm" data-testid="delivery">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm font-semibold">{d.type}</span>
          <Badge tone={state.tone}>{state.label}</Badge>
          {d.paymentId && (
            <Link href={`/dashboard/payments/${d.paymentId}`} className="font-mono text-sm text-accent-700 underline">
              <span className="sr-only">Payment </span>
              {d.paymentReference ? formatReference(d.paymentReference) : `#${d.paymentId}`}
            </Link>
          )}
          <span className="font-mono text-xs text-slate-600 [overflow-wrap:anywhere]">{d.msgId}</span>
        </div>
        <ActionButton action={resend} subject={`${d.type} ${d.msgId}`}>
          Resend
        </ActionButton>
      </div>
      {d.status === "pending" && d.nextAttemptAt && (
        <p className="mt-1 text-sm text-slate-700" data-testid="delivery-next">
          {d.attempts > 0 ? <>Retrying: attempt {d.attempts + 1} of {MAX_ATTEMPTS}, next at </> : <>First attempt at </>}
          <LocalTime ms={d.nextAttemptAt} />
        </p>
      )}
      {d.attemptLog.length > 0 && <Attempts log={d.attemptLog} />}
    </Card>
  );
}

/** `resend` binds the Resend action to one delivery's id. */
export function DeliveryLog({ deliveries, resend }: { deliveries: Delivery[]; resend: (deliveryId: number) => () => Promise<void> }) {
  return (
    <section aria-labelledby="log" className="mt-6">
      <h3 id="log" className="mb-3 font-semibold">Delivery log</h3>
      {deliveries.length === 0 ? (
        <EmptyState className="py-10">No deliveries yet. Send a test event to try your receiver.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {deliveries.map((d) => (
            <DeliveryItem key={d.id} d={d} resend={resend(d.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
