"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, FieldGroup, inputClass } from "@/components/ui/field";
import { ApiKeyScopes } from "@/components/settings/api-key-scopes";
import { API_SCOPES, DEFAULT_SCOPES, SCOPE_LABELS, type ApiScope } from "@/lib/api/scopes";
import type { FormAction, FormState } from "@/lib/form-state";

/** The answer carries the new key once, when it was created. */
type KeyValues = { name: string; scopes: string[] };
export type NewKeyState = FormState<KeyValues> & { created?: { name: string; key: string; scopes: ApiScope[] } };

export function NewApiKeyForm({ action: createKey }: { action: FormAction<KeyValues, NewKeyState> }) {
  const [state, action, pending] = useActionState(createKey, {});
  const v = state.values ?? { name: "", scopes: DEFAULT_SCOPES };
  const e = state.fieldErrors ?? {};
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
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-emerald-950">
            It may: <ApiKeyScopes scopes={state.created.scopes} />
          </div>
        </div>
      )}
      <form action={action} noValidate className="space-y-4" key={state.created?.key ?? JSON.stringify(state.values ?? null)}>
        <div className="max-w-md">
          <Field id="key-name" label="Name" hint="Who uses it, e.g. “Web shop”." error={e.name}>
            {(a) => <input {...a} name="name" defaultValue={v.name} className={inputClass} />}
          </Field>
        </div>
        <FieldGroup id="key-scopes" legend="What this key may do" error={e.scopes}>
          <div className="mt-2 grid gap-2 md:grid-cols-3">
            {API_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 rounded-lg p-2 ring-1 ring-slate-200">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={v.scopes.includes(scope)}
                  aria-labelledby={`scope-${scope}`}
                  aria-describedby={`scope-${scope}-hint`}
                  className="mt-1 size-4 shrink-0 accent-accent-600"
                />
                <span>
                  <span id={`scope-${scope}`} className="block text-sm font-medium">{SCOPE_LABELS[scope].label}</span>
                  <span id={`scope-${scope}-hint`} className="block text-xs text-slate-600">
                    {SCOPE_LABELS[scope].hint} <code className="text-slate-500">{scope}</code>
                  </span>
                </span>
              </label>
            ))}
          </div>
        </FieldGroup>
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          Create key
        </button>
      </form>
    </div>
  );
}
