"use client";
// An inbox line's small forms: match it to a payment by reference, or ignore it with a reason.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/field";
import type { FormAction } from "@/lib/form-state";

export function MatchLineForm({ action, lineId, suggested }: { action: FormAction<{ reference: string }>; lineId: number; suggested?: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `match-${lineId}`;
  const error = state.fieldErrors?.reference;
  return (
    <form action={formAction} noValidate className="flex flex-wrap items-start gap-2">
      <div className="min-w-0">
        <label htmlFor={id} className="sr-only">
          Payment reference for this line
        </label>
        <input
          id={id}
          name="reference"
          defaultValue={state.values?.reference ?? suggested ?? ""}
          placeholder="ABCD-EFGH"
          className={`${inputClass} w-36 font-mono`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          autoComplete="off"
        />
        <FieldError id={id} error={error} className="mt-1 max-w-xs" />
      </div>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        Match
      </button>
    </form>
  );
}

export function IgnoreLineForm({ action, lineId }: { action: FormAction<{ reason: string }>; lineId: number }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `ignore-${lineId}`;
  const error = state.fieldErrors?.reason;
  return (
    <form action={formAction} noValidate className="flex flex-wrap items-start gap-2">
      <div className="min-w-0">
        <label htmlFor={id} className="sr-only">
          Why this line is ignored
        </label>
        <input
          id={id}
          name="reason"
          defaultValue={state.values?.reason ?? ""}
          placeholder="Reason, e.g. interest"
          className={`${inputClass} w-56`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <FieldError id={id} error={error} className="mt-1 max-w-xs" />
      </div>
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        Ignore
      </button>
    </form>
  );
}
