"use client";
// Cancel asks for the reason the customer will see. It sits inside a <details>, so it is a deliberate second step.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { CancelState } from "@/app/(dashboard)/dashboard/actions";

export function CancelForm({ action, idSuffix }: { action: (prev: CancelState, fd: FormData) => Promise<CancelState>; idSuffix: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `reason-${idSuffix}`;
  return (
    <form action={formAction} className="mt-2 w-64 space-y-2 text-left">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Reason (shown to the customer)
      </label>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={600}
        defaultValue={state.reason ?? ""}
        key={state.reason ?? ""}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? `${id}-error` : undefined}
        placeholder="No payment arrived"
        className={inputClass + " text-sm"}
      />
      {state.error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("danger", "w-full py-2")}>
        Cancel payment
      </button>
    </form>
  );
}
