import { describe, expect, it } from "vitest";
import { localizeMethod, parseTranslations, translationValues } from "./method-translations";

const details = [
  { label: "Account holder", value: "Example GmbH" },
  { label: "IBAN", value: "DE89 3704 0044 0532 0130 00" },
];

function form(fields: Record<string, string>) {
  return (name: string) => fields[name] ?? null;
}

describe("method translations", () => {
  it("reads each label's translation under the label the form showed", () => {
    const v = translationValues(
      form({ "tr.labelKey.0": "Account holder", "tr.labelKey.1": "IBAN", "tr.ru.name": " Банковский перевод ", "tr.ru.label.0": "Получатель" }),
      details,
    );
    expect(v.ru).toEqual({ name: "Банковский перевод", instructions: "", labels: { "Account holder": "Получатель" } });
    expect(parseTranslations(v, details)).toEqual({ data: { ru: { name: "Банковский перевод", labels: { "Account holder": "Получатель" } } }, errors: {} });
  });

  it("drops the translation of a label renamed in the same edit, and reports a too long one beside its input", () => {
    const renamed = [{ label: "Holder", value: "x" }, details[1]];
    const v = translationValues(form({ "tr.labelKey.0": "Account holder", "tr.labelKey.1": "IBAN", "tr.ru.label.0": "Получатель", "tr.ru.label.1": "x".repeat(61) }), renamed);
    expect(parseTranslations(v, renamed)).toEqual({ data: { ru: { labels: { IBAN: "x".repeat(61) } } }, errors: { "tr.ru.label.1": "Keep the label under 60 characters." } });
  });

  it("shows the translated parts and falls back to the method's own text for the rest", () => {
    const m = { name: "Bank transfer", instructions: "Pay {{amount}}", details, translations: { ru: { name: "Банковский перевод", labels: { IBAN: "IBAN (счёт)" } } } };
    const ru = localizeMethod(m, "ru");
    expect(ru.name).toBe("Банковский перевод");
    expect(ru.instructions).toBe("Pay {{amount}}");
    expect(ru.details.map((d) => d.label)).toEqual(["Account holder", "IBAN (счёт)"]);
    expect(localizeMethod(m, "en")).toBe(m);
  });
});
