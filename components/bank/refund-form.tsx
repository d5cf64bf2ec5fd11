"use client";
// Recording a refund to make: the amount sent back (what is left, unless the agent sent part of it) and a note.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Popover } from "@/components/ui/popover";
import type { FormAction } from "@/lib/form-state";

type RefundValues = { amount: string; seenRefunded: string; note: string };

export function RefundForm({
  action,
  paymentId,
  due,
  currency,
  seenRefunded,
  subject,
}: {
  action: FormAction<RefundValues>;
  paymentId: number;
  /** What is left to send back, as a decimal string in major units ("40.00"). */
  due: string;
  currency: string;
  seenRefunded: number;
  /** What the row is about, for screen readers (the button repeats on every row). */
  subject: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `refund-${paymentId}`;
  const error = state.fieldErrors?.amount;
  // A second step behind its button, open again when the form comes back with a message (also without JavaScript).
  return (
    <Popover summary={<>Record refund<span className="sr-only"> of {subject}</span></>} width="w-72" open={Boolean(state.message || state.fieldErrors)}>
      <form action={formAction} noValidate className="space-y-2">
        <FormAlert message={state.fieldErrors?.amount || state.fieldErrors?.note ? undefined : (state.fieldErrors?.seenRefunded ?? state.message)} />
        <input type="hidden" name="seenRefunded" value={seenRefunded} />
        <div>
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium text-slate-800">
            Amount sent back ({currency})
          </label>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode="decimal"
            defaultValue={state.values?.amount ?? due}
            className={`${inputClass} mt-1 w-full tabular`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-amount-error` : undefined}
            autoComplete="off"
          />
          <FieldError id={`${id}-amount`} error={error} className="mt-1" />
        </div>
        <div>
          <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
            Note <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input
            id={`${id}-note`}
            name="note"
            defaultValue={state.values?.note ?? ""}
            placeholder="e.g. SEPA transfer of 9 Dec"
            maxLength={200}
            className={`${inputClass} mt-1 w-full`}
            aria-invalid={state.fieldErrors?.note ? true : undefined}
            aria-describedby={state.fieldErrors?.note ? `${id}-note-error` : undefined}
          />
          <FieldError id={`${id}-note`} error={state.fieldErrors?.note} className="mt-1" />
        </div>
        <button type="submit" disabled={pending} className={buttonClass("primary", "w-full py-2")}>
          Record refund
        </button>
      </form>
    </Popover>
  );
}
