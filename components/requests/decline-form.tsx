"use client";
// Declining asks for the reason the requester will read. It sits inside a <details>, so it is a deliberate second step.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { DeclineState } from "@/app/(dashboard)/dashboard/requests/actions";

export function DeclineForm({ action }: { action: (prev: DeclineState, fd: FormData) => Promise<DeclineState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate className="w-full space-y-2 text-left sm:w-72" key={state.reason ?? ""}>
      <label htmlFor="decline-reason" className="block text-sm font-medium text-slate-800">
        Reason (shown to the requester)
      </label>
      <textarea
        id="decline-reason"
        name="reason"
        rows={3}
        maxLength={1100}
        defaultValue={state.reason ?? ""}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? "decline-reason-error" : undefined}
        placeholder="We cannot open an account there."
        className={inputClass + " text-sm"}
      />
      {state.error && (
        <p id="decline-reason-error" role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("danger", "w-full py-2")}>
        Decline request
      </button>
    </form>
  );
}
