import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { listEndpoints } from "@/db/webhooks";
import { Flash } from "@/components/dashboard/flash";
import { EndpointForm } from "@/components/settings/endpoint-form";
import { saveEndpointAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("admin");
  const params = await searchParams;
  const endpoints = listEndpoints(getDb());
  return (
    <>
      <Flash params={params} messages={{ deleted: "Endpoint deleted.", not_found: "That endpoint no longer exists." }} />
      <p className="mb-4 text-slate-600">
        Your shop hears about each payment’s outcome here, signed per Standard Webhooks and retried until it answers 2xx. See the{" "}
        <Link href="/dashboard/api#webhooks" className="font-medium text-accent-700 underline">integration guide</Link>.
      </p>
      {endpoints.length > 0 && (
        <ul className="mb-6 space-y-3">
          {endpoints.map((e) => (
            <li key={e.id} data-testid="endpoint-row" className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
              <div className="min-w-0">
                <Link href={`/dashboard/settings/webhooks/${e.id}`} className="break-all font-mono text-sm font-semibold text-accent-700 underline">
                  {e.url}
                </Link>
                <p className="text-sm text-slate-600">{e.events.join(", ")}</p>
                {e.disabledReason && <p className="text-sm text-red-800">Disabled: {e.disabledReason}</p>}
              </div>
              <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${e.enabled ? "bg-emerald-50 text-emerald-900 ring-emerald-300" : "bg-slate-100 text-slate-700 ring-slate-300"}`}>
                {e.enabled ? "● Enabled" : "○ Disabled"}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-endpoint" className="max-w-2xl rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="new-endpoint" className="mb-3 text-lg font-semibold">Add an endpoint</h2>
        <EndpointForm action={saveEndpointAction.bind(null, null)} initial={{ url: "", events: ["payment.submitted", "payment.approved", "payment.cancelled", "payment.expired"] }} submitLabel="Add endpoint" />
      </section>
    </>
  );
}
