"use client";
// "New payment link": its rules are lib/payment-input.ts's; errors and what was typed come back from the server.
import { useActionState, useState } from "react";
import { methodAccepts, type MethodLimits } from "@/lib/method-availability";
import { parseAmount } from "@/lib/money";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";

type NewPaymentValues = Partial<Record<"amount" | "currency" | "description" | "orderId" | "customerName" | "customerEmail" | "returnUrl" | "expiresInHours", string>> & { notifyCustomer?: string };

/**
 * Warns, as the admin types, when no enabled method accepts the currency and amount: the customer would find no way
 * to pay. (The payment's page says it again after creating, for browsers without JavaScript.)
 */
function NoMethodWarning({ methods, currency, amount }: { methods: readonly MethodLimits[]; currency: string; amount: string }) {
  const parsed = amount.trim() ? parseAmount(amount, currency) : null;
  const fits = (m: MethodLimits) => (parsed?.ok ? methodAccepts(m, currency, parsed.minor) : methodAccepts({ ...m, minAmount: null, maxAmount: null }, currency, 0));
  if (methods.some(fits)) return null;
  return (
    <p role="status" data-testid="no-method-warning" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-200">
      No enabled payment method accepts {parsed?.ok ? "this amount in " : ""}
      {currency}: the customer would see no way to pay. Choose another currency or amount, or enable a method for it in Settings → Payment methods.
    </p>
  );
}

export function NewPaymentForm(props: {
  action: FormAction<NewPaymentValues>;
  currencies: readonly string[];
  defaults: { currency: string; expiresInHours: number };
  /** The enabled methods' limits, for the warning above. */
  methods: readonly MethodLimits[];
  /** Whether SMTP_URL is set: the e-mail box's hint says what will happen. */
  mailOn: boolean;
}) {
  const { currencies, defaults } = props;
  const [state, action, pending] = useActionState(props.action, {});
  const v = state.values ?? {};
  const [currency, setCurrency] = useState(v.currency ?? defaults.currency);
  const [amount, setAmount] = useState(v.amount ?? "");
  const e = state.fieldErrors ?? {};
  // Keys reset uncontrolled inputs to what the server sent back after an error.
  const k = JSON.stringify(v);
  return (
    <form action={action} noValidate className="space-y-5" key={k}>
      <FormAlert message={state.message} />
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <Field id="amount" label="Amount" hint="Use a dot or comma for decimals, e.g. 19.99" error={e.amount}>
          {(aria) => <input {...aria} name="amount" inputMode="decimal" autoComplete="off" defaultValue={v.amount ?? ""} onChange={(ev) => setAmount(ev.target.value)} className={inputClass + " tabular"} />}
        </Field>
        <Field id="currency" label="Currency" error={e.currency}>
          {(aria) => (
            <select {...aria} name="currency" defaultValue={v.currency ?? defaults.currency} onChange={(ev) => setCurrency(ev.target.value)} className={inputClass}>
              {currencies.map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <NoMethodWarning methods={props.methods} currency={currency} amount={amount} />
      <Field id="description" label="Description" hint="What the customer pays for; they will see it." error={e.description}>
        {(aria) => <input {...aria} name="description" maxLength={250} defaultValue={v.description ?? ""} className={inputClass} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="orderId" label="Order ID (optional)" error={e.orderId}>
          {(aria) => <input {...aria} name="orderId" defaultValue={v.orderId ?? ""} className={inputClass} />}
        </Field>
        <Field id="expiresInHours" label="Link stays open for (hours)" error={e.expiresInHours}>
          {(aria) => <input {...aria} name="expiresInHours" inputMode="numeric" defaultValue={v.expiresInHours ?? String(defaults.expiresInHours)} className={inputClass} />}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="customerName" label="Customer name (optional)" error={e.customerName}>
          {(aria) => <input {...aria} name="customerName" autoComplete="off" defaultValue={v.customerName ?? ""} className={inputClass} />}
        </Field>
        <Field id="customerEmail" label="Customer email (optional)" error={e.customerEmail}>
          {(aria) => <input {...aria} name="customerEmail" type="email" autoComplete="off" defaultValue={v.customerEmail ?? ""} className={inputClass} />}
        </Field>
      </div>
      <div className="space-y-1.5">
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="notifyCustomer" defaultChecked={v.notifyCustomer === "on"} aria-describedby="notifyCustomer-hint" className="mt-0.5 size-4 accent-accent-600" />
          <span>E-mail the link to the customer</span>
        </label>
        <p id="notifyCustomer-hint" className="text-sm text-slate-600">
          {props.mailOn ? "Sent to the customer email above, in your business's language, with your name and support contact." : "E-mail is off on this server (Settings → E-mail); nothing will be sent."}
        </p>
      </div>
      <Field id="returnUrl" label="Return URL (optional)" hint="Where “Back to the shop” takes the customer after approval, e.g. https://shop.example/orders/1042." error={e.returnUrl}>
        {(aria) => <input {...aria} name="returnUrl" type="url" defaultValue={v.returnUrl ?? ""} className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Creating…" : "Create payment link"}
      </button>
    </form>
  );
}
