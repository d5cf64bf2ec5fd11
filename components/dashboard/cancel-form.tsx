"use client";
// Cancel asks for the reason the customer will see, behind a <details> as a deliberate second step; it stays open to
// show its error, also after a submit made without JavaScript.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Popover } from "@/components/ui/popover";
import type { CancelState } from "@/app/(dashboard)/dashboard/actions";

export function CancelPopover({ action, idSuffix, reference }: { action: (prev: CancelState, fd: FormData) => Promise<CancelState>; idSuffix: string; reference: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `reason-${idSuffix}`;
  return (
    <Popover
      summaryLabel={`Cancel ${reference}`}
      summaryClassName="inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50"
      width="w-auto"
      open={!!state.error}
      summary={
        <>
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2.5">
            <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
          </svg>
          Cancel
        </>
      }
    >
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
    </Popover>
  );
}
