// One webhook endpoint: its settings, secret, test button and the delivery log with every attempt.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { deliveriesOfEndpoint, endpointById } from "@/db/webhooks";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmAction, smallButtonClass } from "@/components/ui/popover";
import { LocalTime } from "@/components/ui/local-time";
import { Flash } from "@/components/dashboard/flash";
import { EndpointForm } from "@/components/settings/endpoint-form";
import { deleteEndpointAction, resendDeliveryAction, rotateSecretAction, saveEndpointAction, sendTestEventAction, setEndpointEnabledAction } from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

const statusStyle = { pending: "bg-amber-50 text-amber-900 ring-amber-300", delivered: "bg-emerald-50 text-emerald-900 ring-emerald-300", failed: "bg-red-50 text-red-900 ring-red-300" };

export default async function EndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("admin");
  const { id } = await params;
  const query = await searchParams;
  const db = getDb();
  const e = /^\d{1,9}$/.test(id) ? endpointById(db, Number(id)) : undefined;
  if (!e) notFound();
  const deliveries = deliveriesOfEndpoint(db, e.id);
  const small = smallButtonClass;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/settings/webhooks" className="text-accent-700 underline">← Webhooks</Link>
      </p>
      <Flash
        params={query}
        messages={{
          created: "Endpoint added. Copy its signing secret into your shop, then send a test event.",
          saved: "Endpoint saved.",
          enabled: "Endpoint enabled; waiting deliveries are sent now.",
          disabled: "Endpoint disabled; events for it wait until you enable it again.",
          test: "Test event queued; it appears in the log below in a moment.",
          resent: "Sent again, with the same webhook-id.",
          rotated: "New secret made; update your shop, since the old one no longer verifies.",
        }}
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="break-all font-mono text-lg font-semibold">{e.url}</h2>
        <div className="flex flex-wrap gap-2">
          <form action={sendTestEventAction.bind(null, e.id)}>
            <button type="submit" className={buttonClass("secondary", "py-2")}>Send test event</button>
          </form>
          <form action={setEndpointEnabledAction.bind(null, e.id, !e.enabled)}>
            <button type="submit" className={buttonClass("secondary", "py-2")}>{e.enabled ? "Disable" : "Enable"}</button>
          </form>
        </div>
      </div>
      {!e.enabled && e.disabledReason && (
        <p role="alert" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">
          Disabled automatically: {e.disabledReason} Fix the receiver, then enable the endpoint and resend what failed.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="settings" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
          <h3 id="settings" className="mb-3 font-semibold">Settings</h3>
          <EndpointForm action={saveEndpointAction.bind(null, e.id)} initial={{ url: e.url, events: e.events }} submitLabel="Save endpoint" />
        </section>
        <section aria-labelledby="secret" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
          <h3 id="secret" className="font-semibold">Signing secret</h3>
          <p className="text-sm text-slate-600">Verify each delivery’s <code>webhook-signature</code> with it (Standard Webhooks).</p>
          <details>
            <summary className="cursor-pointer text-sm font-medium text-accent-700 underline">Reveal secret</summary>
            <div className="mt-2 flex items-center gap-2 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
              <code className="min-w-0 flex-1 break-all text-sm" data-testid="endpoint-secret">{e.secret}</code>
              <CopyButton value={e.secret} label="Copy signing secret" />
            </div>
          </details>
          <div className="flex flex-wrap gap-2">
            <ConfirmAction
              summary="Rotate secret"
              summaryClassName={small}
              align="left"
              message="Deliveries will be signed with a new secret at once."
              confirmLabel="Make a new secret"
              action={rotateSecretAction.bind(null, e.id)}
            />
            <ConfirmAction
              summary="Delete endpoint"
              align="left"
              message="Delete this endpoint and its delivery log?"
              confirmLabel="Delete for good"
              action={deleteEndpointAction.bind(null, e.id)}
            />
          </div>
        </section>
      </div>
      <section aria-labelledby="log" className="mt-6">
        <h3 id="log" className="mb-3 font-semibold">Delivery log</h3>
        {deliveries.length === 0 ? (
          <p className="rounded-2xl bg-white px-6 py-10 text-center text-slate-600 ring-1 ring-slate-200">No deliveries yet. Send a test event to try your receiver.</p>
        ) : (
          <ul className="space-y-3">
            {deliveries.map((d) => (
              <li key={d.id} data-testid="delivery" className="rounded-2xl bg-white p-4 ring-1 ring-slate-200">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-sm font-semibold">{d.type}</span>
                    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${statusStyle[d.status]}`}>{d.status}</span>
                    {d.paymentId && (
                      <Link href={`/dashboard/payments/${d.paymentId}`} className="text-sm text-accent-700 underline">payment #{d.paymentId}</Link>
                    )}
                    <span className="font-mono text-xs text-slate-500">{d.msgId}</span>
                  </div>
                  <form action={resendDeliveryAction.bind(null, e.id, d.id)}>
                    <button type="submit" className={small}>Resend<span className="sr-only"> {d.type} {d.msgId}</span></button>
                  </form>
                </div>
                {d.status === "pending" && d.nextAttemptAt && (
                  <p className="mt-1 text-sm text-slate-600">Next attempt: <LocalTime ms={d.nextAttemptAt} /></p>
                )}
                {d.attemptLog.length > 0 && (
                  <div className="mt-2 overflow-x-auto">
                  <table className="w-full min-w-[28rem] text-left text-sm">
                    <caption className="sr-only">Attempts</caption>
                    <thead className="text-xs text-slate-500">
                      <tr>
                        <th scope="col" className="py-1 pr-3 font-medium">Time</th>
                        <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                        <th scope="col" className="py-1 pr-3 font-medium">Duration</th>
                        <th scope="col" className="py-1 font-medium">Response</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.attemptLog.map((a) => (
                        <tr key={a.id} className="border-t border-slate-100 align-top">
                          <td className="whitespace-nowrap py-1 pr-3"><LocalTime ms={a.attemptedAt} /></td>
                          <td className="py-1 pr-3 font-mono">{a.statusCode ?? "—"}</td>
                          <td className="py-1 pr-3 tabular">{a.durationMs} ms</td>
                          <td className="max-w-md truncate py-1 font-mono text-xs text-slate-700" title={a.error ?? a.responseExcerpt ?? ""}>
                            {a.error ?? a.responseExcerpt ?? ""}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
