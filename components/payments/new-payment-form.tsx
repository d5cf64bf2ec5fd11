"use client";
// "New payment link": its rules are lib/payment-input.ts's; errors and what was typed come back from the server.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";

type NewPaymentValues = Partial<Record<"amount" | "currency" | "description" | "orderId" | "customerName" | "customerEmail" | "returnUrl" | "expiresInHours", string>> & { notifyCustomer?: string };

export function NewPaymentForm(props: { action: FormAction<NewPaymentValues>; currencies: readonly string[]; defaults: { currency: string; expiresInHours: number }; mailOn: boolean }) {
  const { currencies, defaults } = props;
  const [state, action, pending] = useActionState(props.action, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  // Keys reset uncontrolled inputs to what the server sent back after an error.
  const k = JSON.stringify(v);
  return (
    <form action={action} noValidate className="space-y-5" key={k}>
      <FormAlert message={state.message} />
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <Field id="amount" label="Amount" hint="Use a dot or comma for decimals, e.g. 19.99" error={e.amount}>
          {(aria) => <input {...aria} name="amount" inputMode="decimal" autoComplete="off" defaultValue={v.amount ?? ""} className={inputClass + " tabular"} />}
        </Field>
        <Field id="currency" label="Currency" error={e.currency}>
          {(aria) => (
            <select {...aria} name="currency" defaultValue={v.currency ?? defaults.currency} className={inputClass}>
              {currencies.map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
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
      <Field id="returnUrl" label="Return URL (optional)" hint="Where “Back to the shop” takes the customer after approval." error={e.returnUrl}>
        {(aria) => <input {...aria} name="returnUrl" type="url" defaultValue={v.returnUrl ?? ""} placeholder="https://shop.example/orders/1042" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Creating…" : "Create payment link"}
      </button>
    </form>
  );
}
