"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { FormAction } from "@/lib/form-state";

/** Its values are passwords, which never come back. */
export function ChangePasswordForm({ action: changePassword }: { action: FormAction<unknown> }) {
  const [state, action, pending] = useActionState(changePassword, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4">
      <Field id="current" label="Current password" error={e.current}>
        {(a) => <input {...a} name="current" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Field id="next" label="New password" hint="At least 10 characters." error={e.next}>
        {(a) => <input {...a} name="next" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field id="confirm" label="New password again" error={e.confirm}>
        {(a) => <input {...a} name="confirm" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
