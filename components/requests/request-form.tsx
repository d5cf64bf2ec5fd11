"use client";
// "Request a payment method": what the admins need to connect it. Keeps what was typed and explains each problem.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { FormAction } from "@/lib/form-state";
import type { RequestFormValues } from "@/lib/request-form";

export function RequestForm({ action: createRequest }: { action: FormAction<RequestFormValues> }) {
  const [state, action, pending] = useActionState(createRequest, {});
  const v = state.values;
  const e = state.fieldErrors ?? {};
  return (
    // Re-mount after each answer so uncontrolled inputs show what the server sent back.
    <form action={action} noValidate className="space-y-5" key={JSON.stringify(v ?? null)}>
      {state.message && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200">
          {state.message}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="paymentSystem" label="Payment system" hint="As your customers know it, e.g. Revolut, M-Pesa, USDT." error={e.paymentSystem}>
          {(a) => <input {...a} name="paymentSystem" maxLength={120} autoComplete="off" defaultValue={v?.paymentSystem ?? ""} className={inputClass} />}
        </Field>
        <Field id="website" label="Website (optional)" hint="The payment system's own site, e.g. https://www.revolut.com." error={e.website}>
          {(a) => <input {...a} name="website" type="url" inputMode="url" autoComplete="off" defaultValue={v?.website ?? ""} className={inputClass} />}
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="countries" label="Countries" hint="Where your customers pay from, e.g. Germany, Austria." error={e.countries}>
          {(a) => <input {...a} name="countries" maxLength={320} defaultValue={v?.countries ?? ""} className={inputClass} />}
        </Field>
        <Field id="currencies" label="Currencies" hint="ISO codes separated by commas, e.g. EUR, GBP." error={e.currencies}>
          {(a) => <input {...a} name="currencies" autoComplete="off" autoCapitalize="characters" defaultValue={v?.currencies ?? ""} className={inputClass} />}
        </Field>
      </div>
      <Field id="howCustomersPay" label="How customers will pay (optional)" hint="The steps they take, e.g. “Send to our Revolut tag from the app, with the reference in the note.”" error={e.howCustomersPay}>
        {(a) => <textarea {...a} name="howCustomersPay" rows={3} defaultValue={v?.howCustomersPay ?? ""} className={inputClass} />}
      </Field>
      <Field
        id="accountDetails"
        label="Account details to show customers (optional)"
        hint="One per line as “Label: value”, e.g. “Revolut tag: @demoshop”. Each line becomes a field customers can copy."
        error={e.accountDetails}
      >
        {(a) => <textarea {...a} name="accountDetails" rows={4} defaultValue={v?.accountDetails ?? ""} className={inputClass + " font-mono text-sm"} />}
      </Field>
      <Field id="comment" label="Comment (optional)" hint="Anything else the admins should know: why you need it, fees, deadlines." error={e.comment}>
        {(a) => <textarea {...a} name="comment" rows={3} defaultValue={v?.comment ?? ""} className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Sending…" : "Send request"}
      </button>
    </form>
  );
}
