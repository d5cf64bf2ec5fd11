"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { FormAction } from "@/lib/form-state";

export function LoginForm({ action: signIn }: { action: FormAction<{ email?: string }> }) {
  const [state, action, pending] = useActionState(signIn, {});
  const email = state.values?.email;
  return (
    <form action={action} className="space-y-4">
      <Field id="email" label="Email">
        {(aria) => (
          <input {...aria} name="email" type="email" autoComplete="username" required defaultValue={email} key={email} className={inputClass} />
        )}
      </Field>
      <Field id="password" label="Password">
        {(aria) => <input {...aria} name="password" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <div aria-live="polite" className="min-h-5">
        {state.message && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {state.message}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending} className={buttonClass("primary", "w-full")}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
