"use client";
// The business profile's logo: upload one (PNG, JPEG or WebP up to 512 KB, checked again by its bytes on the server)
// or remove it. Without a logo the payer's page shows the business name's initial.
import { type ChangeEvent, useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormAction } from "@/lib/form-state";
import { LOGO_ACCEPT, MAX_LOGO_BYTES } from "@/lib/logo";

type LogoValues = { logo: File | null; remove: boolean };

export function LogoForm({ action: saveLogo, current }: { action: FormAction<LogoValues>; current: string | null }) {
  const [state, action, pending] = useActionState(saveLogo, {});
  const [tooLarge, setTooLarge] = useState(false);
  const error = tooLarge ? "The logo can be at most 512 KB." : state.fieldErrors?.logo;
  function onChange(e: ChangeEvent<HTMLInputElement>) {
    const big = (e.currentTarget.files?.[0]?.size ?? 0) > MAX_LOGO_BYTES;
    setTooLarge(big);
    // A file this size is never sent: the server would refuse it anyway.
    if (big) e.currentTarget.value = "";
  }
  return (
    <form action={action} className="space-y-4">
      <FormAlert message={state.message} />
      <div className="flex items-center gap-4">
        {current ? (
          <img src={current} alt="The current logo" className="size-16 rounded-xl bg-white object-contain ring-1 ring-slate-200" />
        ) : (
          <p className="text-sm text-slate-600">No logo yet: payers see the first letter of the business name.</p>
        )}
      </div>
      <Field id="logo" label="Logo" hint="PNG, JPEG or WebP, up to 512 KB; square works best. Shown at the top of every payment page." error={error}>
        {(a) => <input {...a} name="logo" type="file" accept={LOGO_ACCEPT} onChange={onChange} className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800 hover:file:bg-slate-200" />}
      </Field>
      {current && (
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="remove" className="size-4 accent-accent-600" />
          Remove the logo
        </label>
      )}
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Save logo"}
      </button>
    </form>
  );
}
