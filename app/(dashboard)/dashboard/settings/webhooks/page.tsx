import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { listEndpoints } from "@/db/webhooks";
import { Flash } from "@/components/dashboard/flash";
import { EndpointForm } from "@/components/settings/endpoint-form";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { saveEndpointAction } from "./actions";
import { OnOffBadge } from "@/components/ui/badge";
import { Card, CardSection } from "@/components/ui/card";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("admin");
  const params = await searchParams;
  const endpoints = await listEndpoints(await getDb());
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
            <Card as="li" padding="sm" key={e.id} data-testid="endpoint-row" className="flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0">
                <Link href={`/dashboard/settings/webhooks/${e.id}`} className="break-all font-mono text-sm font-semibold text-accent-700 underline">
                  {e.url}
                </Link>
                <p className="text-sm text-slate-600">{e.events.join(", ")}</p>
                {e.disabledReason && <p className="text-sm text-red-800">Disabled: {e.disabledReason}</p>}
              </div>
              <OnOffBadge on={e.enabled} />
            </Card>
          ))}
        </ul>
      )}
      <CardSection id="new-endpoint" title="Add an endpoint" className="max-w-2xl">
        <EndpointForm action={saveEndpointAction.bind(null, null)} initial={{ url: "", events: [...WEBHOOK_EVENT_TYPES] }} submitLabel="Add endpoint" />
      </CardSection>
    </>
  );
}
