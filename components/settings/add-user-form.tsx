"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";

export function AddUserForm({ action: addUser }: { action: FormAction<Partial<Record<"email" | "name" | "role", string>>> }) {
  const [state, action, pending] = useActionState(addUser, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(v)}>
      <FormAlert message={state.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-email" label="Email" error={e.email}>
          {(a) => <input {...a} name="email" type="email" autoComplete="off" defaultValue={v.email ?? ""} className={inputClass} />}
        </Field>
        <Field id="new-name" label="Name" error={e.name}>
          {(a) => <input {...a} name="name" autoComplete="off" defaultValue={v.name ?? ""} className={inputClass} />}
        </Field>
        <Field id="new-role" label="Role" hint="Agents check and decide payments; admins also manage settings." error={e.role}>
          {(a) => (
            <select {...a} name="role" defaultValue={v.role || "agent"} className={inputClass}>
              <option value="agent">Agent</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
        <Field id="new-password" label="Initial password" hint="At least 10 characters. Tell it to them privately; they can change it." error={e.password}>
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
      </div>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
