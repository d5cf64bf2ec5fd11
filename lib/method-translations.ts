// A payment method in the payer's language. The admin may write the method's name, instructions and detail labels
// per language (English and Russian) in the method form; what is left empty falls back to the method's own fields,
// which are in the shop's default language. The form's inputs: tr.<locale>.name, tr.<locale>.instructions and
// tr.<locale>.label.<i>, the i-th of translatableLabels() (a detail's label as typed in the main fields).
import { LOCALES, type Locale } from "./i18n";
import type { MethodDetail } from "./method-kinds";

export type MethodTranslation = { name?: string; instructions?: string; labels?: Record<string, string> };
export type MethodTranslations = Partial<Record<Locale, MethodTranslation>>;

export const TRANSLATION_LANGUAGES: Record<Locale, string> = { en: "English", ru: "Russian" };

const NAME_MAX = 80;
const LABEL_MAX = 60;
const INSTRUCTIONS_MAX = 5000;
/** As many as a method has detail lines (MAX_DETAIL_ROWS). */
const MAX_LABELS = 20;

/** The labels a translation can be given: each distinct label of the details, in their order. */
export function translatableLabels(details: readonly { label: string }[]): string[] {
  return [...new Set(details.map((d) => d.label.trim()).filter(Boolean))];
}

/**
 * Reads the form's translation inputs as typed (trimmed). Each label input's hidden tr.labelKey.<i> names the label
 * it translates, as the form showed it (the admin may have renamed that detail in the same edit: its translation is
 * then dropped by parseTranslations); without them, the i-th label of `details`.
 */
export function translationValues(get: (name: string) => string | null, details: readonly { label: string }[]): MethodTranslations {
  const shown = Array.from({ length: MAX_LABELS }, (_, i) => get(`tr.labelKey.${i}`)?.trim() ?? "");
  const labels = shown.some(Boolean) ? shown : translatableLabels(details);
  const out: MethodTranslations = {};
  for (const l of LOCALES) {
    const t: MethodTranslation = {
      name: (get(`tr.${l}.name`) ?? "").trim(),
      instructions: (get(`tr.${l}.instructions`) ?? "").replace(/\r\n/g, "\n").trim(),
      labels: {},
    };
    labels.forEach((label, i) => {
      const v = (get(`tr.${l}.label.${i}`) ?? "").trim();
      if (label && v) t.labels![label] = v;
    });
    out[l] = t;
  }
  return out;
}

/** Checks typed translations: errors keyed by input name; the data keeps only what was filled in. */
export function parseTranslations(
  v: MethodTranslations | undefined,
  details: readonly { label: string }[],
): { data: MethodTranslations; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const data: MethodTranslations = {};
  const labels = translatableLabels(details);
  for (const l of LOCALES) {
    const t = v?.[l];
    if (!t) continue;
    const kept: MethodTranslation = {};
    if (t.name) {
      if (t.name.length > NAME_MAX) errors[`tr.${l}.name`] = `Keep the name under ${NAME_MAX} characters.`;
      kept.name = t.name;
    }
    if (t.instructions) {
      if (t.instructions.length > INSTRUCTIONS_MAX) errors[`tr.${l}.instructions`] = "Keep the instructions under 5,000 characters.";
      kept.instructions = t.instructions;
    }
    labels.forEach((label, i) => {
      const text = t.labels?.[label];
      if (!text) return;
      if (text.length > LABEL_MAX) errors[`tr.${l}.label.${i}`] = `Keep the label under ${LABEL_MAX} characters.`;
      (kept.labels ??= {})[label] = text;
    });
    if (Object.keys(kept).length) data[l] = kept;
  }
  return { data, errors };
}

type Translatable = { name: string; instructions: string; details: MethodDetail[]; translations?: MethodTranslations | null };

/** The method as the payer sees it in `locale`: each translated part where there is one, else the method's own. */
export function localizeMethod<T extends Translatable>(m: T, locale: Locale): T {
  const t = m.translations?.[locale];
  if (!t) return m;
  return {
    ...m,
    name: t.name || m.name,
    instructions: t.instructions || m.instructions,
    details: m.details.map((d) => ({ ...d, label: t.labels?.[d.label.trim()] || d.label })),
  };
}
