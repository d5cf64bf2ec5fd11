// The method form's translations: the name, the detail labels and the instructions in English and in Russian, for
// payers whose page is in that language. Empty means the method's own text above (lib/method-translations.ts).
import { Field, inputClass } from "@/components/ui/field";
import { LOCALES } from "@/lib/i18n";
import { TRANSLATION_LANGUAGES, translatableLabels, type MethodTranslations as Translations } from "@/lib/method-translations";
import type { FieldErrors } from "@/lib/form-state";

export function MethodTranslations({ initial, details, errors }: { initial?: Translations; details: { label: string }[]; errors: FieldErrors }) {
  const labels = translatableLabels(details);
  const open = LOCALES.some((l) => Object.keys(errors).some((k) => k.startsWith(`tr.${l}.`)) || hasText(initial?.[l]));
  return (
    <details open={open} className="group rounded-2xl bg-white ring-1 ring-slate-200">
      <summary className="cursor-pointer rounded-2xl p-5 text-base font-semibold">
        Translations for the payer’s page
        <span className="mt-1 block text-sm font-normal text-slate-600">
          The payer sees their page in English or Russian. Write the name, labels and instructions per language; what you leave empty shows the
          text above.
        </span>
      </summary>
      {labels.map((label, i) => (
        <input key={label} type="hidden" name={`tr.labelKey.${i}`} value={label} />
      ))}
      <div className="grid gap-6 px-5 pb-5 lg:grid-cols-2">
        {LOCALES.map((l) => {
          const t = initial?.[l];
          return (
            <fieldset key={l} lang={l} className="space-y-4" data-testid={`translation-${l}`}>
              <legend className="mb-2 text-sm font-semibold text-slate-800">{TRANSLATION_LANGUAGES[l]}</legend>
              <Field id={`tr.${l}.name`} label={`Name (${TRANSLATION_LANGUAGES[l]})`} error={errors[`tr.${l}.name`]}>
                {(a) => <input {...a} name={`tr.${l}.name`} defaultValue={t?.name ?? ""} maxLength={100} className={inputClass} />}
              </Field>
              {labels.length > 0 ? (
                labels.map((label, i) => (
                  <Field key={label} id={`tr.${l}.label.${i}`} label={`“${label}” (${TRANSLATION_LANGUAGES[l]})`} error={errors[`tr.${l}.label.${i}`]}>
                    {(a) => <input {...a} name={`tr.${l}.label.${i}`} defaultValue={t?.labels?.[label] ?? ""} className={inputClass} />}
                  </Field>
                ))
              ) : (
                <p className="text-sm text-slate-600">Detail labels can be translated once the method is saved with some.</p>
              )}
              <Field id={`tr.${l}.instructions`} label={`Instructions (${TRANSLATION_LANGUAGES[l]}, Markdown)`} error={errors[`tr.${l}.instructions`]}>
                {(a) => <textarea {...a} name={`tr.${l}.instructions`} rows={4} defaultValue={t?.instructions ?? ""} className={inputClass + " font-mono text-sm"} />}
              </Field>
            </fieldset>
          );
        })}
      </div>
    </details>
  );
}

function hasText(t: { name?: string; instructions?: string; labels?: Record<string, string> } | undefined): boolean {
  return Boolean(t && (t.name || t.instructions || Object.values(t.labels ?? {}).some(Boolean)));
}
