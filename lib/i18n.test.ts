import { describe, expect, it } from "vitest";
import { MESSAGES, localeFromAcceptLanguage } from "./i18n";

describe("localeFromAcceptLanguage", () => {
  it("picks Russian from a Russian browser", () => {
    expect(localeFromAcceptLanguage("ru-RU,ru;q=0.9,en-US;q=0.8")).toBe("ru");
  });
  it("honours q-values over order", () => {
    expect(localeFromAcceptLanguage("de;q=0.9,en;q=0.5,ru;q=0.7")).toBe("ru");
  });
  it("falls back to English for unsupported or missing languages", () => {
    expect(localeFromAcceptLanguage("de-DE,fr;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("ru;q=0")).toBe("en");
  });
});

describe("MESSAGES", () => {
  it("has every English key translated to Russian, none left empty", () => {
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      expect(MESSAGES.ru[key], key).toBeTruthy();
    }
  });
});
