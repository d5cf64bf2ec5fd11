import { describe, expect, it } from "vitest";
import { guessMapping } from "./csv-mapping";
import { MappingForm, mappingValues } from "./mapping-form";

describe("MappingForm", () => {
  it("reads back what a mapping shows as the form's values", () => {
    const guessed = guessMapping(["Дата", "Приход", "Расход", "Назначение платежа", "Плательщик"], [["01.12.2026", "1 234,50", "", "Оплата ABCD-EFGH", "ООО Ромашка"]], { fallbackCurrency: "RUB" })!;
    expect(MappingForm.parse(mappingValues(guessed))).toEqual(guessed);
    const withOptions = { ...guessed, encoding: "windows-1251" as const, delimiter: "\t" as const };
    expect(MappingForm.parse(mappingValues(withOptions))).toEqual(withOptions);
  });

  it("asks for the columns the chosen layout needs", () => {
    const r = MappingForm.safeParse({ dateColumn: "0", dateFormat: "YYYY-MM-DD", amountKind: "split", creditColumn: "1", currencyKind: "fixed", currencyCode: "XXX", decimalMark: "." , referenceColumn: "", nameColumn: "", accountColumn: "", bankIdColumn: "" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("debitColumn");
  });
});
