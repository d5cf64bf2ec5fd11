"use client";
// The admin's payment method form: every field keeps what was typed and shows its own error.
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { METHOD_KIND_LABELS, RECEIPT_MODE_LABELS, type MethodFormValues } from "@/lib/method-form";
import { QR_FIELD_LABELS, QR_STANDARD_INFO, QR_STANDARDS, type QrStandard } from "@/lib/qr/standards";
import { FormAlert } from "@/components/ui/form-alert";
import { InstructionsEditor } from "./instructions-editor";
import { MethodTranslations } from "@/components/settings/method-translations";
import type { FieldErrors, FormAction } from "@/lib/form-state";

export function MethodForm({
  action,
  initial,
  submitLabel,
}: {
  action: FormAction<MethodFormValues>;
  initial: MethodFormValues;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? initial;
  const e = state.fieldErrors ?? {};
  return (
    // Re-mount after each answer so uncontrolled inputs show what the server sent back.
    <form action={formAction} noValidate className="space-y-6" key={JSON.stringify(state.values ?? null)}>
      <FormAlert message={state.message} />
      <BasicsSection v={v} e={e} />

      <FitSection v={v} e={e} />

      <QrSection initialStandard={v.qrStandard} initialFields={v.qrFields} errors={e} />

      <DetailRows initial={v.details} errors={e} />

      <InstructionsSection v={v} e={e} />

      <MethodTranslations initial={v.translations} details={v.details} errors={e} />

      <ConfirmSection v={v} e={e} />

      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}

function BasicsSection({ v, e }: { v: MethodFormValues; e: FieldErrors }) {
  return (
    <Section title="Basics">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Name shown to customers" error={e.name}>
          {(a) => <input {...a} name="name" defaultValue={v.name} maxLength={100} className={inputClass} />}
        </Field>
        <Field id="kind" label="Kind" error={e.kind}>
          {(a) => (
            <select {...a} name="kind" defaultValue={v.kind || "bank_transfer"} className={inputClass}>
              {Object.entries(METHOD_KIND_LABELS).map(([k, label]) => (
                <option key={k} value={k}>{label}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={v.enabled} className="size-4 accent-accent-600" />
        Enabled (offered to customers)
      </label>
    </Section>
  );
}

function FitSection({ v, e }: { v: MethodFormValues; e: FieldErrors }) {
  return (
    <Section title="Which payments it fits">
      <Field id="currencies" label="Accepted currencies" hint="ISO codes separated by commas, e.g. EUR, USD. Empty means any currency." error={e.currencies}>
        {(a) => <input {...a} name="currencies" defaultValue={v.currencies} className={inputClass} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="minAmount" label="Minimum amount" hint="In major units; empty for none." error={e.minAmount}>
          {(a) => <input {...a} name="minAmount" inputMode="decimal" defaultValue={v.minAmount} className={inputClass} />}
        </Field>
        <Field id="maxAmount" label="Maximum amount" hint="In major units; empty for none." error={e.maxAmount}>
          {(a) => <input {...a} name="maxAmount" inputMode="decimal" defaultValue={v.maxAmount} className={inputClass} />}
        </Field>
        <Field id="hoursOpen" label="Hours to pay" hint="After choosing this method; empty keeps the link's expiry." error={e.hoursOpen}>
          {(a) => <input {...a} name="hoursOpen" inputMode="numeric" defaultValue={v.hoursOpen} className={inputClass} />}
        </Field>
      </div>
    </Section>
  );
}

function InstructionsSection({ v, e }: { v: MethodFormValues; e: FieldErrors }) {
  return (
    <Section title="Instructions">
      <InstructionsEditor initial={v.instructions} error={e.instructions} />
    </Section>
  );
}

function ConfirmSection({ v, e }: { v: MethodFormValues; e: FieldErrors }) {
  return (
    <Section title="What the customer confirms with">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="requiresTransactionId" defaultChecked={v.requiresTransactionId} className="size-4 accent-accent-600" />
        Transaction ID required
      </label>
      <Field id="receipt" label="Receipt (image or PDF)" error={e.receipt}>
        {(a) => (
          <select {...a} name="receipt" defaultValue={v.receipt || "optional"} className={inputClass + " sm:max-w-xs"}>
            {Object.entries(RECEIPT_MODE_LABELS).map(([k, label]) => (
              <option key={k} value={k}>{label}</option>
            ))}
          </select>
        )}
      </Field>
    </Section>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
      <legend className="float-left mb-2 w-full text-base font-semibold">{title}</legend>
      <div className="clear-both space-y-4">{children}</div>
    </fieldset>
  );
}

function DetailRows({ initial, errors }: { initial: { label: string; value: string }[]; errors: FieldErrors }) {
  // One empty row to fill in; with JavaScript, "Add a field" adds more.
  // Stable ids keep each typed value with its row when a row above it is removed.
  const [rows, setRows] = useState(() => [...initial, { label: "", value: "" }].map((r, id) => ({ ...r, id })));
  return (
    <Section title="Other details the customer copies">
      <p className="text-sm text-slate-600" id="details-hint">
        Each line is shown to the customer with a copy button, after the QR code’s account fields (which you enter once, above). Add what else they
        need: a PayPal e-mail, a wallet ID, an address, opening hours. For example, label “PayPal account” and value “payments@shop.example”.
      </p>
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <li key={row.id} className="grid gap-2 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
            <Field id={`details.${i}.label`} label={`Label ${i + 1}`} error={errors[`details.${i}.label`]}>
              {(a) => <input {...a} name={`details.${i}.label`} defaultValue={row.label} className={inputClass} />}
            </Field>
            <Field id={`details.${i}.value`} label={`Value ${i + 1}`} error={errors[`details.${i}.value`]}>
              {(a) => <input {...a} name={`details.${i}.value`} defaultValue={row.value} className={inputClass} />}
            </Field>
            <button
              type="button"
              onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
              className="self-end rounded-md px-2 py-2.5 text-sm text-slate-600 hover:bg-slate-100"
              aria-label={`Remove line ${i + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      {rows.length < 20 && (
        <button type="button" onClick={() => setRows((r) => [...r, { label: "", value: "", id: Math.max(-1, ...r.map((x) => x.id)) + 1 }])} className={buttonClass("secondary", "py-2")}>
          Add a line
        </button>
      )}
    </Section>
  );
}

function QrSection({ initialStandard, initialFields, errors }: { initialStandard: string; initialFields: Record<string, string>; errors: FieldErrors }) {
  const [standard, setStandard] = useState(initialStandard);
  const fields = (QR_STANDARDS as readonly string[]).includes(standard) ? QR_FIELD_LABELS[standard as QrStandard] : [];
  return (
    <Section title="Account and QR code">
      <Field
        id="qrStandard"
        label="QR standard"
        hint="Banking apps read these and fill in the transfer for the customer. Its account fields are also shown to the customer to copy, so enter them only here."
        error={errors.qrStandard}
      >
        {(a) => (
          <select {...a} name="qrStandard" value={standard} onChange={(ev) => setStandard(ev.target.value)} className={inputClass + " sm:max-w-md"}>
            <option value="">None</option>
            {QR_STANDARDS.map((s) => (
              <option key={s} value={s}>
                {QR_STANDARD_INFO[s].label}
                {QR_STANDARD_INFO[s].currencies ? ` (${QR_STANDARD_INFO[s].currencies!.join(", ")})` : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      {fields.length > 0 && (
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map((f) => (
            <Field key={`${standard}-${f.key}`} id={`qr.${f.key}`} label={`${f.label}${f.required ? "" : " (optional)"}`} hint={f.hint} error={errors[`qr.${f.key}`]}>
              {(a) => <input {...a} name={`qr.${f.key}`} defaultValue={initialFields[f.key] ?? ""} className={inputClass} />}
            </Field>
          ))}
        </div>
      )}
    </Section>
  );
}
