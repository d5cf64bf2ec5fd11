import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { endpointHealth, listEndpoints, type EndpointHealth } from "@/db/webhooks";
import { Flash } from "@/components/dashboard/flash";
import { EndpointForm } from "@/components/settings/endpoint-form";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { saveEndpointAction } from "./actions";
import { Badge, OnOffBadge } from "@/components/ui/badge";
import { Card, CardSection } from "@/components/ui/card";

export const metadata: Metadata = { title: "Webhooks" };

/** Disabled, failing (with its recent failure rate), or enabled; failures count even while it is still enabled. */
function EndpointState({ enabled, health }: { enabled: boolean; health: EndpointHealth }) {
  const rate = health.attempts ? Math.round((health.failures / health.attempts) * 100) : 0;
  const recent = `${health.failures} of its last ${health.attempts} attempt${health.attempts === 1 ? "" : "s"} failed`;
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end sm:text-right">
      {!enabled ? (
        <OnOffBadge on={false} />
      ) : health.failures > 0 ? (
        <Badge tone={rate >= 50 ? "danger" : "warning"} icon="!">
          Failing: {rate}%
        </Badge>
      ) : (
        <OnOffBadge on />
      )}
      {health.failures > 0 && <span className="text-xs text-slate-600" data-testid="failure-rate">{recent}</span>}
    </div>
  );
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("admin");
  const params = await searchParams;
  const db = await getDb();
  const endpoints = await listEndpoints(db);
  const health = new Map(await Promise.all(endpoints.map(async (e) => [e.id, await endpointHealth(db, e.id)] as const)));
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
              <EndpointState enabled={e.enabled} health={health.get(e.id)!} />
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
