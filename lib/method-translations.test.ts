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

describe("the method form with translations", () => {
  it("adds the translations to a good form, and their errors to a bad one's", async () => {
    const { withTranslations, parseMethodForm } = await import("./method-form");
    const base = { name: "Bank", kind: "bank_transfer", enabled: true, currencies: "EUR", minAmount: "", maxAmount: "", details, instructions: "", requiresTransactionId: false, receipt: "optional", hoursOpen: "", qrStandard: "", qrFields: {} };
    const good = withTranslations({ ...base, translations: { ru: { name: "Банк" } } }, parseMethodForm(base));
    expect(good).toMatchObject({ ok: true, data: { name: "Bank", translations: { ru: { name: "Банк" } } } });
    const bad = { ...base, name: "", translations: { ru: { name: "Б".repeat(81) } } };
    expect(withTranslations(bad, parseMethodForm(bad))).toMatchObject({ ok: false, errors: { name: expect.any(String), "tr.ru.name": "Keep the name under 80 characters." } });
  });
});
