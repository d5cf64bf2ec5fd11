// One webhook endpoint: its settings, secret, test button and the delivery log with every attempt.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { deliveriesOfEndpoint, endpointById } from "@/db/webhooks";
import { buttonClass } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { BackLink } from "@/components/ui/page-header";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EndpointSecret } from "@/components/webhooks/endpoint-secret";
import { Flash } from "@/components/dashboard/flash";
import { EndpointForm } from "@/components/settings/endpoint-form";
import { deleteEndpointAction, resendDeliveryAction, rotateSecretAction, saveEndpointAction, sendTestEventAction, setEndpointEnabledAction } from "../actions";
import { parseId } from "@/lib/parse-id";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function EndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("admin");
  const { id } = await params;
  const query = await searchParams;
  const db = await getDb();
  const rowId = parseId(id);
  const e = rowId ? await endpointById(db, rowId) : undefined;
  if (!e) notFound();
  const deliveries = await deliveriesOfEndpoint(db, e.id);
  return (
    <>
      <BackLink href="/dashboard/settings/webhooks">Webhooks</BackLink>
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
        <Notice tone="error">Disabled automatically: {e.disabledReason} Fix the receiver, then enable the endpoint and resend what failed.</Notice>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <CardSection id="settings" title="Settings" titleClassName="mb-3 font-semibold" level={3}>
          <EndpointForm action={saveEndpointAction.bind(null, e.id)} initial={{ url: e.url, events: e.events }} submitLabel="Save endpoint" />
        </CardSection>
        <EndpointSecret secret={e.secret} rotate={rotateSecretAction.bind(null, e.id)} remove={deleteEndpointAction.bind(null, e.id)} />
      </div>
      <DeliveryLog deliveries={deliveries} resend={(deliveryId) => resendDeliveryAction.bind(null, e.id, deliveryId)} />
    </>
  );
}
