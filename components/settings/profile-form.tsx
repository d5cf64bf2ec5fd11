"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";

type ProfileValues = Record<"name" | "supportContact" | "defaultCurrency" | "defaultHoursOpen", string>;

export function ProfileForm({ action: saveProfile, initial, currencies }: { action: FormAction<ProfileValues>; initial: ProfileValues; currencies: readonly string[] }) {
  const [state, action, pending] = useActionState(saveProfile, {});
  const v = state.values ?? initial;
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(state.values ?? null)}>
      <FormAlert message={state.message} />
      <Field id="name" label="Business name" hint="Shown at the top of every payment page." error={e.name}>
        {(a) => <input {...a} name="name" defaultValue={v.name} className={inputClass} />}
      </Field>
      <Field id="supportContact" label="Support contact" hint="An email or web address customers can use when something is wrong." error={e.supportContact}>
        {(a) => <input {...a} name="supportContact" defaultValue={v.supportContact} className={inputClass} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="defaultCurrency" label="Default currency" hint="Pre-selected in “New payment link”." error={e.defaultCurrency}>
          {(a) => (
            <select {...a} name="defaultCurrency" defaultValue={v.defaultCurrency} className={inputClass}>
              {currencies.map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="defaultHoursOpen" label="Hours a payment link stays open" hint="The default for new links." error={e.defaultHoursOpen}>
          {(a) => <input {...a} name="defaultHoursOpen" inputMode="numeric" defaultValue={v.defaultHoursOpen} className={inputClass} />}
        </Field>
      </div>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Save profile"}
      </button>
    </form>
  );
}
