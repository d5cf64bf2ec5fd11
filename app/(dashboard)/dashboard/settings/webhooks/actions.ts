"use server";
// Admins manage webhook endpoints.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createEndpoint, deleteEndpoint, endpointById, enqueueTestEvent, resendDelivery, rotateEndpointSecret, updateEndpoint } from "@/db/webhooks";
import { recordId } from "@/lib/form-state";
import { isWebhookEventType } from "@/lib/webhooks/events";
import { privateTargetsAllowed } from "@/lib/webhooks/address";
import { webhookUrlProblem } from "@/lib/webhooks/endpoint-url";
import { staffAction } from "@/server/staff-action";
import { kickWebhookDeliveries } from "@/server/jobs";
import { resolvedUrlProblem } from "@/server/webhook-request";

const EndpointForm = z.object({
  // Private and loopback hosts are refused here by name or address, and by what the name resolves to now; the
  // dispatcher checks the resolved address again at every delivery, as DNS answers change.
  url: z
    .string()
    .trim()
    .check(
      z.superRefine(async (url, ctx) => {
        const allowPrivate = privateTargetsAllowed();
        const problem = webhookUrlProblem(url, { allowPrivate }) ?? (allowPrivate ? null : await resolvedUrlProblem(url));
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    ),
  // Unknown event names are dropped, as a browser only sends the boxes it shows.
  events: z
    .array(z.string())
    .transform((events) => events.filter(isWebhookEventType))
    .refine((events) => events.length > 0, "Choose at least one event."),
});

export const saveEndpointAction = staffAction(
  { role: "admin", args: [recordId.nullable()], schema: EndpointForm },
  async ({ url, events }, _staff, endpointId) => {
    const db = await getDb();
    if (endpointId == null) {
      const e = await createEndpoint(db, { url, events });
      revalidatePath("/dashboard/settings/webhooks");
      redirect(`/dashboard/settings/webhooks/${e.id}?notice=created`);
    }
    if (!(await endpointById(db, endpointId))) redirect("/dashboard/settings/webhooks?error=not_found");
    await updateEndpoint(db, endpointId, { url, events });
    redirect(`/dashboard/settings/webhooks/${endpointId}?notice=saved`);
  },
);

export const setEndpointEnabledAction = staffAction({ role: "admin", args: [recordId, z.boolean()] }, async (_, _staff, endpointId, enabled) => {
  await updateEndpoint(await getDb(), endpointId, { enabled });
  if (enabled) kickWebhookDeliveries();
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=${enabled ? "enabled" : "disabled"}`);
});

export const sendTestEventAction = staffAction({ role: "admin", args: [recordId] }, async (_, _staff, endpointId) => {
  if (!(await enqueueTestEvent(await getDb(), endpointId))) redirect("/dashboard/settings/webhooks?error=not_found");
  kickWebhookDeliveries();
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=test`);
});

export const resendDeliveryAction = staffAction({ role: "admin", args: [recordId, recordId] }, async (_, _staff, endpointId, deliveryId) => {
  await resendDelivery(await getDb(), deliveryId);
  kickWebhookDeliveries();
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=resent`);
});

export const rotateSecretAction = staffAction({ role: "admin", args: [recordId] }, async (_, _staff, endpointId) => {
  await rotateEndpointSecret(await getDb(), endpointId);
  redirect(`/dashboard/settings/webhooks/${endpointId}?notice=rotated`);
});

export const deleteEndpointAction = staffAction({ role: "admin", args: [recordId] }, async (_, _staff, endpointId) => {
  await deleteEndpoint(await getDb(), endpointId);
  revalidatePath("/dashboard/settings/webhooks");
  redirect("/dashboard/settings/webhooks?notice=deleted");
});
