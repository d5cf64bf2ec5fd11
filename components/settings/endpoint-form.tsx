"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, FieldGroup, inputClass } from "@/components/ui/field";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import type { FormAction } from "@/lib/form-state";

const EVENTS = WEBHOOK_EVENT_TYPES.map((type) => [type, WEBHOOK_EVENT_LABELS[type]] as const);

export function EndpointForm({
  action,
  initial,
  submitLabel,
}: {
  action: FormAction<{ url: string; events: string[] }>;
  initial: { url: string; events: string[] };
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? initial;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(state.values ?? null)}>
      <Field id="url" label="Endpoint URL" hint="An https:// address on the public internet, e.g. https://shop.example/webhooks/payments (private and local addresses are refused)." error={e.url}>
        {(a) => <input {...a} name="url" type="url" defaultValue={v.url} className={inputClass} />}
      </Field>
      <FieldGroup id="events" legend="Events" error={e.events}>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {EVENTS.map(([type, label]) => (
            <label key={type} className="flex items-start gap-2 rounded-lg p-2 ring-1 ring-slate-200">
              <input type="checkbox" name="events" value={type} defaultChecked={v.events.includes(type)} className="mt-1 size-4 accent-accent-600" />
              <span>
                <span className="block font-mono text-sm">{type}</span>
                <span className="block text-xs text-slate-600">{label}</span>
              </span>
            </label>
          ))}
        </div>
      </FieldGroup>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
