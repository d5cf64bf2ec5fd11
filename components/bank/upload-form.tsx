"use client";
// Step one of an import: which bank account, which file.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";

export function UploadForm({ action, accounts }: { action: FormAction<{ bankAccountId: string }>; accounts: { id: number; label: string }[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const e = state.fieldErrors ?? {};
  const chosen = state.values?.bankAccountId ?? (accounts.length === 1 ? String(accounts[0].id) : "");
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(state.values ?? null)}>
      <FormAlert message={state.message} />
      <Field id="bankAccountId" label="Bank account" error={e.bankAccountId}>
        {(a) => (
          <select {...a} name="bankAccountId" defaultValue={chosen} className={inputClass}>
            {accounts.length !== 1 && <option value="">Choose…</option>}
            {accounts.map((acc) => (
              <option key={acc.id} value={acc.id}>
                {acc.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="statement" label="Statement file" hint="ISO 20022 camt.053 or camt.054 (XML), or your bank’s CSV export. Nothing is imported before you see the preview." error={e.statement}>
        {(a) => <input {...a} name="statement" type="file" accept=".xml,.csv,.txt,application/xml,text/xml,text/csv" className="block w-full text-sm" />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Reading…" : "Preview"}
      </button>
    </form>
  );
}
