"use client";
// A bank account: its name, currency, account number or IBAN, the methods paid into it, automatic approval and the
// bank fee tolerance.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, FieldGroup, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";

export type BankAccountValues = {
  name: string;
  currency: string;
  accountNumber: string;
  methodIds?: string[];
  autoApprove?: string;
  feeTolerance?: string;
};

export function BankAccountForm({
  action,
  initial,
  methods,
  currencies,
  submitLabel,
}: {
  action: FormAction<BankAccountValues>;
  initial: BankAccountValues;
  methods: { id: number; name: string }[];
  currencies: readonly string[];
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = { ...initial, ...(state.values ?? {}) };
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(state.values ?? null)}>
      <FormAlert message={state.message} />
      <Field id="name" label="Name" hint="How agents tell it apart, e.g. “Main EUR account”." error={e.name}>
        {(a) => <input {...a} name="name" defaultValue={v.name} className={inputClass} maxLength={100} />}
      </Field>
      <Field id="currency" label="Currency" error={e.currency}>
        {(a) => (
          <select {...a} name="currency" defaultValue={v.currency} className={inputClass}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="accountNumber" label="Account number or IBAN" hint="An IBAN is checked like in the method form; other account numbers as the bank writes them." error={e.accountNumber}>
        {(a) => <input {...a} name="accountNumber" defaultValue={v.accountNumber} className={`${inputClass} font-mono`} autoComplete="off" />}
      </Field>
      <FieldGroup id="methodIds" legend="Payment methods paid into this account" error={e.methodIds}>
        {methods.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No payment methods yet.</p>
        ) : (
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {methods.map((m) => (
              <label key={m.id} className="flex items-center gap-2 rounded-lg p-2 ring-1 ring-slate-200">
                <input type="checkbox" name="methodIds" value={m.id} defaultChecked={(v.methodIds ?? []).includes(String(m.id))} className="size-4 accent-accent-600" />
                <span className="text-sm">{m.name}</span>
              </label>
            ))}
          </div>
        )}
      </FieldGroup>
      <div className="space-y-1.5">
        <label className="flex items-start gap-2">
          <input type="checkbox" name="autoApprove" defaultChecked={v.autoApprove === "on" || v.autoApprove === "true"} className="mt-1 size-4 accent-accent-600" aria-describedby="autoApprove-hint" />
          <span className="text-sm font-medium text-slate-800">Approve automatically on an exact match</span>
        </label>
        <p id="autoApprove-hint" className="text-sm text-slate-600">
          A statement line with the payment’s reference and exactly its amount approves it without an agent. Off: the payment shows “Found in the bank statement” beside Approve.
        </p>
      </div>
      <Field id="feeTolerance" label="Bank fee tolerance" hint="A payment this much short still counts as paid (fees banks take on the way). Empty: it must be the whole amount." error={e.feeTolerance}>
        {(a) => <input {...a} name="feeTolerance" defaultValue={v.feeTolerance} inputMode="decimal" className={`${inputClass} max-w-40`} placeholder="0.00" />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
