"use client";
// Declining asks for the reason the requester will read. It sits inside a <details>, so it is a deliberate second step.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { FormAction } from "@/lib/form-state";

export function DeclineForm({ action }: { action: FormAction<{ reason: string }> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const error = state.fieldErrors?.reason;
  const reason = state.values?.reason;
  return (
    <form action={formAction} noValidate className="w-full space-y-2 text-left sm:w-72" key={reason ?? ""}>
      <label htmlFor="decline-reason" className="block text-sm font-medium text-slate-800">
        Reason (shown to the requester)
      </label>
      <textarea
        id="decline-reason"
        name="reason"
        rows={3}
        maxLength={1100}
        defaultValue={reason ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "decline-reason-error" : undefined}
        placeholder="We cannot open an account there."
        className={inputClass + " text-sm"}
      />
      {error && (
        <p id="decline-reason-error" role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("danger", "w-full py-2")}>
        Decline request
      </button>
    </form>
  );
}
