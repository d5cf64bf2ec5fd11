"use server";
// Admins manage webhook endpoints. Each action checks the admin role itself.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { createEndpoint, deleteEndpoint, endpointById, enqueueTestEvent, resendDelivery, rotateEndpointSecret, updateEndpoint } from "@/db/webhooks";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/db/schema";
import { privateTargetsAllowed } from "@/lib/webhooks/address";
import { webhookUrlProblem } from "@/lib/webhooks/endpoint-url";
import { kickWebhookDispatcher } from "@/server/webhook-dispatcher";
import { resolvedUrlProblem } from "@/server/webhook-request";

export type EndpointFormState = { fieldErrors?: { url?: string; events?: string }; values?: { url: string; events: string[] } };

async function readForm(formData: FormData) {
  const url = String(formData.get("url") ?? "").trim();
  const events = formData.getAll("events").map(String).filter((e): e is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
  const fieldErrors: EndpointFormState["fieldErrors"] = {};
  // Private and loopback hosts are refused here by name or address, and by what the name resolves to now; the
  // dispatcher checks the resolved address again at every delivery, as DNS answers change.
  const allowPrivate = privateTargetsAllowed();
  const urlProblem = webhookUrlProblem(url, { allowPrivate }) ?? (allowPrivate ? null : await resolvedUrlProblem(url));
  if (urlProblem) fieldErrors.url = urlProblem;
  if (events.length === 0) fieldErrors.events = "Choose at least one event.";
  return { url, events, fieldErrors };
}

export async function saveEndpointAction(endpointId: number | null, _prev: EndpointFormState, formData: FormData): Promise<EndpointFormState> {
  await requireStaffAction("admin");
  const { url, events, fieldErrors } = await readForm(formData);
  if (fieldErrors.url || fieldErrors.events) return { fieldErrors, values: { url, events } };
  const db = getDb();
  if (endpointId == null) {
    const e = createEndpoint(db, { url, events });
    revalidatePath("/dashboard/settings/webhooks");
    redirect(`/dashboard/settings/webhooks/${e.id}?notice=created`);
  }
  if (!endpointById(db, endpointId)) redirect("/dashboard/settings/webhooks?error=not_found");
  updateEndpoint(db, endpointId, { url, events });
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=saved`);
}

export async function setEndpointEnabledAction(endpointId: number, enabled: boolean) {
  await requireStaffAction("admin");
  updateEndpoint(getDb(), endpointId, { enabled });
  if (enabled) kickWebhookDispatcher();
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=${enabled ? "enabled" : "disabled"}`);
}

export async function sendTestEventAction(endpointId: number) {
  await requireStaffAction("admin");
  if (!enqueueTestEvent(getDb(), endpointId)) redirect("/dashboard/settings/webhooks?error=not_found");
  kickWebhookDispatcher();
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=test`);
}

export async function resendDeliveryAction(endpointId: number, deliveryId: number) {
  await requireStaffAction("admin");
  resendDelivery(getDb(), deliveryId);
  kickWebhookDispatcher();
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=resent`);
}

export async function rotateSecretAction(endpointId: number) {
  await requireStaffAction("admin");
  rotateEndpointSecret(getDb(), endpointId);
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=rotated`);
}

export async function deleteEndpointAction(endpointId: number) {
  await requireStaffAction("admin");
  deleteEndpoint(getDb(), endpointId);
  revalidatePath("/dashboard/settings/webhooks");
  redirect("/dashboard/settings/webhooks?notice=deleted");
}
