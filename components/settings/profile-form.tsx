"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";

type ProfileValues = Record<"name" | "supportContact" | "defaultCurrency" | "defaultHoursOpen" | "defaultLocale" | "reminderHoursBefore", string>;

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
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="defaultLocale" label="Language of customers' e-mail" hint="Used until the customer opens their payment page in a language of their own." error={e.defaultLocale}>
          {(a) => (
            <select {...a} name="defaultLocale" defaultValue={v.defaultLocale} className={inputClass}>
              <option value="en">English</option>
              <option value="ru">Русский</option>
            </select>
          )}
        </Field>
        <Field id="reminderHoursBefore" label="Remind customers before expiry (hours)" hint="E-mail customers who have not paid this many hours before the link expires. Empty: no reminders." error={e.reminderHoursBefore}>
          {(a) => <input {...a} name="reminderHoursBefore" inputMode="numeric" defaultValue={v.reminderHoursBefore} className={inputClass} />}
        </Field>
      </div>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Save profile"}
      </button>
    </form>
  );
}
