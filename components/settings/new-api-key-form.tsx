"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { createApiKeyAction, type NewKeyState } from "@/app/(dashboard)/dashboard/settings/api-keys/actions";

export function NewApiKeyForm() {
  const [state, action, pending] = useActionState<NewKeyState, FormData>(createApiKeyAction, {});
  return (
    <div className="space-y-4">
      {state.created && (
        <div role="status" className="rounded-xl bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="font-semibold text-emerald-950">Key “{state.created.name}” created. Copy it now: it is shown only this once.</p>
          <div className="mt-2 flex items-center gap-2 rounded-lg bg-white px-3 py-2 ring-1 ring-emerald-200">
            <code className="min-w-0 flex-1 break-all text-sm" data-testid="new-api-key">
              {state.created.key}
            </code>
            <CopyButton value={state.created.key} label="Copy API key" />
          </div>
        </div>
      )}
      <form action={action} noValidate className="flex flex-wrap items-end gap-3" key={state.created?.key ?? state.name ?? ""}>
        <div className="min-w-64 flex-1">
          <Field id="key-name" label="Name" hint="Who uses it, e.g. “Web shop”." error={state.error}>
            {(a) => <input {...a} name="name" defaultValue={state.name ?? ""} className={inputClass} />}
          </Field>
        </div>
        <button type="submit" disabled={pending} className={buttonClass("primary", "mb-6")}>
          Create key
        </button>
      </form>
    </div>
  );
}
