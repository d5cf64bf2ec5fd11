"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { FormAction } from "@/lib/form-state";

export function ResetPasswordForm({ action, userId, email }: { action: FormAction<unknown>; userId: number; email: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `reset-${userId}`;
  const error = state.fieldErrors?.password;
  return (
    <form action={formAction} className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        New password for {email}
      </label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="new-password"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass + " text-sm"}
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("primary", "w-full py-2")}>
        Set password
      </button>
    </form>
  );
}
