"use client";
// The CSV column-mapping step: which column holds what, shown beside the file's first rows. Saved for the account.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, FieldGroup, inputClass } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { FieldErrors, FormAction } from "@/lib/form-state";

const DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYYMMDD", "DD.MM.YY"];

export function MappingForm({ action, initial, columns }: { action: FormAction<Record<string, string>>; initial: Record<string, string>; columns: string[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = { ...initial, ...(state.values ?? {}) } as Record<string, string>;
  const e = state.fieldErrors ?? {};
  const columnSelect = (name: string, label: string, optional: boolean, hint?: string) => (
    <Field id={name} label={label} hint={hint} error={e[name]}>
      {(a) => (
        <select {...a} name={name} defaultValue={v[name] ?? ""} className={inputClass}>
          <option value="">{optional ? "None" : "Choose…"}</option>
          {columns.map((c, i) => (
            <option key={i} value={i}>
              {`${i + 1}: ${c}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(state.values ?? null)}>
      <FormAlert message={state.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="flex items-center gap-2 sm:col-span-2">
          <input type="checkbox" name="hasHeader" defaultChecked={v.hasHeader === "on"} className="size-4 accent-accent-600" />
          <span className="text-sm font-medium text-slate-800">The first row holds column names</span>
        </label>
        {columnSelect("dateColumn", "Date", false)}
        <Field id="dateFormat" label="Dates are written" error={e.dateFormat}>
          {(a) => (
            <select {...a} name="dateFormat" defaultValue={v.dateFormat} className={inputClass}>
              {DATE_FORMATS.map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          )}
        </Field>
        <AmountKindGroup v={v} e={e} />
        {columnSelect("amountColumn", "Amount (one column)", true)}
        <Field id="decimalMark" label="Decimal mark" error={e.decimalMark}>
          {(a) => (
            <select {...a} name="decimalMark" defaultValue={v.decimalMark} className={inputClass}>
              <option value=".">Point: 1,234.56</option>
              <option value=",">Comma: 1.234,56</option>
            </select>
          )}
        </Field>
        {columnSelect("creditColumn", "Credit (money in)", true)}
        {columnSelect("debitColumn", "Debit (money out)", true)}
        <CurrencyKindGroup v={v} e={e} />
        <Field id="currencyCode" label="Currency code" error={e.currencyCode}>
          {(a) => <input {...a} name="currencyCode" defaultValue={v.currencyCode} className={`${inputClass} w-24 uppercase`} maxLength={3} />}
        </Field>
        {columnSelect("currencyColumn", "Currency column", true)}
        {columnSelect("referenceColumn", "Memo / reference", true)}
        {columnSelect("nameColumn", "Payer name", true)}
        {columnSelect("accountColumn", "Payer account", true)}
        {columnSelect("bankIdColumn", "The bank’s transaction id", true, "The best protection against importing a line twice.")}
        <FileFormatFields v={v} e={e} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Saving…" : "Save mapping and preview"}
      </button>
    </form>
  );
}

type FieldsProps = { v: Record<string, string>; e: FieldErrors };

function AmountKindGroup({ v, e }: FieldsProps) {
  return (
    <FieldGroup id="amountKind" legend="Amounts" error={e.amountKind} className="sm:col-span-2">
      <div className="mt-1 flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="amountKind" value="signed" defaultChecked={v.amountKind !== "split"} className="accent-accent-600" /> One column, negative for money out
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="amountKind" value="split" defaultChecked={v.amountKind === "split"} className="accent-accent-600" /> A credit and a debit column
        </label>
      </div>
    </FieldGroup>
  );
}

function CurrencyKindGroup({ v, e }: FieldsProps) {
  return (
    <FieldGroup id="currencyKind" legend="Currency" error={e.currencyKind} className="sm:col-span-2">
      <div className="mt-1 flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="currencyKind" value="fixed" defaultChecked={v.currencyKind !== "column"} className="accent-accent-600" /> Always the same
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="currencyKind" value="column" defaultChecked={v.currencyKind === "column"} className="accent-accent-600" /> From a column
        </label>
      </div>
    </FieldGroup>
  );
}

/** How the file is written: its encoding and delimiter ("Detect" when unset). */
function FileFormatFields({ v, e }: FieldsProps) {
  return (
    <>
      <Field id="encoding" label="Encoding" error={e.encoding}>
        {(a) => (
          <select {...a} name="encoding" defaultValue={v.encoding ?? ""} className={inputClass}>
            <option value="">Detect</option>
            <option value="utf-8">UTF-8</option>
            <option value="windows-1251">Windows-1251 (Cyrillic)</option>
            <option value="windows-1252">Windows-1252 (Western)</option>
          </select>
        )}
      </Field>
      <Field id="delimiter" label="Delimiter" error={e.delimiter}>
        {(a) => (
          <select {...a} name="delimiter" defaultValue={v.delimiter ?? ""} className={inputClass}>
            <option value="">Detect</option>
            <option value=";">Semicolon</option>
            <option value=",">Comma</option>
            <option value="tab">Tab</option>
          </select>
        )}
      </Field>
    </>
  );
}
