"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { PasswordState } from "@/app/(dashboard)/dashboard/settings/users/actions";

export function ResetPasswordForm({ action, userId, email }: { action: (p: PasswordState, fd: FormData) => Promise<PasswordState>; userId: number; email: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = `reset-${userId}`;
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
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? `${id}-error` : undefined}
        className={inputClass + " text-sm"}
      />
      {state.error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("primary", "w-full py-2")}>
        Set password
      </button>
    </form>
  );
}
