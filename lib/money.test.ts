// Tests for integer minor-unit money: parsing, exact decimals, formatting and limits.
import { describe, expect, it } from "vitest";
import {
  CURRENCIES,
  CURRENCY_EXPONENTS,
  amountErrorMessage,
  compareDecimals,
  compareMinorToLimit,
  currencyExponent,
  formatMoney,
  isCurrency,
  minorToDecimal,
  parseAmount,
  parseSignedDecimal,
  type AmountError,
} from "./money";

const REQUIRED = (
  "EUR USD GBP CHF RUB UAH KZT PLN CZK SEK NOK DKK HUF TRY INR CNY HKD SGD AUD CAD NZD BRL MXN ZAR " +
  "AED SAR ILS THB IDR MYR PHP VND KRW JPY CLP ISK UGX XOF XAF BHD KWD OMR JOD TND IQD LYD"
).split(" ");

function ok(minor: number) {
  return { ok: true, minor };
}
function err(error: AmountError) {
  return { ok: false, error };
}

describe("currency table", () => {
  it("contains every required currency", () => {
    for (const c of REQUIRED) expect(isCurrency(c), c).toBe(true);
  });

  it("uses ISO 4217 exponents", () => {
    for (const c of ["JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XOF", "XAF"]) expect(currencyExponent(c), c).toBe(0);
    for (const c of ["BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"]) expect(currencyExponent(c), c).toBe(3);
    for (const c of ["EUR", "USD", "GBP", "HUF", "IDR", "CHF", "INR"]) expect(currencyExponent(c), c).toBe(2);
  });

  it("excludes non-ISO codes and object prototype keys", () => {
    for (const c of ["BTC", "ETH", "USDT", "eur", "", "EURO", "toString", "__proto__", "constructor"]) {
      expect(isCurrency(c), c).toBe(false);
    }
    expect(() => currencyExponent("BTC")).toThrow();
  });

  it("CURRENCIES is the sorted list of table keys, all 3 uppercase letters", () => {
    expect(CURRENCIES).toEqual([...CURRENCIES].sort());
    expect(new Set(CURRENCIES)).toEqual(new Set(Object.keys(CURRENCY_EXPONENTS)));
    for (const c of CURRENCIES) expect(c).toMatch(/^[A-Z]{3}$/);
    expect(CURRENCIES.length).toBeGreaterThan(140);
  });

  it("every listed code is accepted by Intl as a currency", () => {
    for (const c of CURRENCIES) {
      expect(() => formatMoney(100, c, "en")).not.toThrow();
    }
  });
});

describe("parseAmount", () => {
  it("parses the basic cases exactly", () => {
    expect(parseAmount("19.99", "EUR")).toEqual(ok(1999));
    expect(parseAmount("1,5", "EUR")).toEqual(ok(150));
    expect(parseAmount("1.234", "KWD")).toEqual(ok(1234));
    expect(parseAmount("1", "KWD")).toEqual(ok(1000));
    expect(parseAmount("1000", "JPY")).toEqual(ok(1000));
    expect(parseAmount("007.50", "EUR")).toEqual(ok(750));
    expect(parseAmount(".5", "EUR")).toEqual(ok(50));
    expect(parseAmount(",05", "EUR")).toEqual(ok(5));
    expect(parseAmount("  42  ", "USD")).toEqual(ok(4200));
    expect(parseAmount("\t3.1\n", "USD")).toEqual(ok(310));
  });

  it("avoids the classic binary floating point errors", () => {
    // Each of these is wrong with Math.round(parseFloat(x) * 100) or plain x * 100.
    expect(Math.floor(19.99 * 100)).not.toBe(1999);
    expect(0.29 * 100).not.toBe(29);
    expect(parseAmount("19.99", "EUR")).toEqual(ok(1999));
    expect(parseAmount("0.29", "EUR")).toEqual(ok(29));
    expect(parseAmount("1.15", "EUR")).toEqual(ok(115));
    expect(parseAmount("4.35", "EUR")).toEqual(ok(435));
    expect(parseAmount("0.07", "EUR")).toEqual(ok(7));
    expect(parseAmount("1.005", "KWD")).toEqual(ok(1005));
    expect(parseAmount("8.675", "BHD")).toEqual(ok(8675));
  });

  it("rejects empty input", () => {
    expect(parseAmount("", "EUR")).toEqual(err("empty"));
    expect(parseAmount("   ", "EUR")).toEqual(err("empty"));
  });

  it("reports negative and zero amounts as not_positive", () => {
    expect(parseAmount("-1", "EUR")).toEqual(err("not_positive"));
    expect(parseAmount("-19.99", "EUR")).toEqual(err("not_positive"));
    expect(parseAmount("-0", "EUR")).toEqual(err("not_positive"));
    expect(parseAmount("0", "EUR")).toEqual(err("not_positive"));
    expect(parseAmount("0.00", "EUR")).toEqual(err("not_positive"));
    expect(parseAmount("000", "JPY")).toEqual(err("not_positive"));
    expect(parseAmount(".0", "EUR")).toEqual(err("not_positive"));
  });

  it("rejects anything that is not a plain decimal as format", () => {
    for (const s of [
      "1e3", "1E3", "+1", "1 000", "1,000.00", "1.000,00", "1.2.3", "abc", "5.", ".", ",", "-", "--1", "-abc",
      "- 1", "1-", "0x10", "Infinity", "NaN", "€5", "5€", "5 EUR", "1_000", "١٢", "１２", "1'000",
    ]) {
      expect(parseAmount(s, "EUR"), s).toEqual(err("format"));
    }
  });

  it("rejects more decimals than the currency has, even trailing zeros", () => {
    expect(parseAmount("1,5", "JPY")).toEqual(err("too_many_decimals"));
    expect(parseAmount("1.0", "JPY")).toEqual(err("too_many_decimals"));
    expect(parseAmount("19.990", "EUR")).toEqual(err("too_many_decimals"));
    expect(parseAmount("19.999", "EUR")).toEqual(err("too_many_decimals"));
    expect(parseAmount("1.2345", "KWD")).toEqual(err("too_many_decimals"));
  });

  it("caps amounts at 999,999,999,999 minor units without losing precision", () => {
    expect(parseAmount("9999999999.99", "EUR")).toEqual(ok(999_999_999_999));
    expect(parseAmount("10000000000.00", "EUR")).toEqual(err("too_large"));
    expect(parseAmount("999999999999", "JPY")).toEqual(ok(999_999_999_999));
    expect(parseAmount("1000000000000", "JPY")).toEqual(err("too_large"));
    expect(parseAmount("999999999.999", "KWD")).toEqual(ok(999_999_999_999));
    expect(parseAmount("1000000000", "KWD")).toEqual(err("too_large"));
    // Would round to a different integer if converted before the length check.
    expect(parseAmount("9007199254740993", "JPY")).toEqual(err("too_large"));
    expect(parseAmount("9".repeat(400), "JPY")).toEqual(err("too_large"));
    // Leading zeros do not count towards the size.
    expect(parseAmount("0000000000000001", "JPY")).toEqual(ok(1));
  });

  it("rejects unknown currencies", () => {
    expect(parseAmount("1", "BTC")).toEqual(err("unknown_currency"));
    expect(parseAmount("1", "eur")).toEqual(err("unknown_currency"));
  });
});

describe("amountErrorMessage", () => {
  it("explains each error in a sentence", () => {
    expect(amountErrorMessage("too_many_decimals", "JPY")).toBe("JPY amounts have no decimal places.");
    expect(amountErrorMessage("too_many_decimals", "EUR")).toBe("EUR amounts have at most 2 decimal places.");
    expect(amountErrorMessage("too_many_decimals", "KWD")).toBe("KWD amounts have at most 3 decimal places.");
    expect(amountErrorMessage("format", "EUR")).toBe("Enter an amount like 19.99.");
    expect(amountErrorMessage("format", "JPY")).toBe("Enter an amount like 1999.");
    expect(amountErrorMessage("format", "KWD")).toBe("Enter an amount like 19.999.");
    expect(amountErrorMessage("not_positive", "EUR")).toBe("The amount must be greater than zero.");
    expect(amountErrorMessage("empty", "EUR")).toBe("Enter an amount.");
    expect(amountErrorMessage("too_large", "EUR")).toBe("The amount must be at most 9999999999.99 EUR.");
    expect(amountErrorMessage("too_large", "JPY")).toBe("The amount must be at most 999999999999 JPY.");
    expect(amountErrorMessage("unknown_currency", "BTC")).toBe("BTC is not a supported currency.");
  });

  it("gives a message for whatever parseAmount returns", () => {
    for (const [input, cur] of [["", "EUR"], ["x", "EUR"], ["-1", "EUR"], ["1.5", "JPY"], ["1e99", "EUR"], ["1", "XYZ"]]) {
      const r = parseAmount(input, cur);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(amountErrorMessage(r.error, cur)).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe("minorToDecimal", () => {
  it("produces exact decimal strings", () => {
    expect(minorToDecimal(1999, "EUR")).toBe("19.99");
    expect(minorToDecimal(5, "EUR")).toBe("0.05");
    expect(minorToDecimal(50, "EUR")).toBe("0.50");
    expect(minorToDecimal(0, "EUR")).toBe("0.00");
    expect(minorToDecimal(1000, "JPY")).toBe("1000");
    expect(minorToDecimal(0, "JPY")).toBe("0");
    expect(minorToDecimal(1500, "KWD")).toBe("1.500");
    expect(minorToDecimal(7, "KWD")).toBe("0.007");
    expect(minorToDecimal(999_999_999_999, "EUR")).toBe("9999999999.99");
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, "EUR")).toBe("90071992547409.91");
  });

  it("throws on negative, fractional, unsafe or unknown input", () => {
    expect(() => minorToDecimal(-1, "EUR")).toThrow();
    expect(() => minorToDecimal(1.5, "EUR")).toThrow();
    expect(() => minorToDecimal(NaN, "EUR")).toThrow();
    expect(() => minorToDecimal(Infinity, "EUR")).toThrow();
    expect(() => minorToDecimal(Number.MAX_SAFE_INTEGER + 1, "EUR")).toThrow();
    expect(() => minorToDecimal(100, "BTC")).toThrow();
  });

  it("round-trips through parseAmount for many values in every exponent", () => {
    const values: number[] = [1, 5, 9, 10, 99, 100, 101, 999, 1000, 1999, 12345, 100000, 999_999_999_999];
    // Deterministic pseudo-random spread over the whole range (LCG, so the test is reproducible).
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const magnitude = 10 ** (1 + (i % 12));
      values.push(1 + (seed % magnitude));
    }
    for (const currency of ["EUR", "JPY", "KWD", "USD", "BHD", "VND"]) {
      for (const v of values) {
        const s = minorToDecimal(v, currency);
        expect(parseAmount(s, currency), `${currency} ${v} ${s}`).toEqual(ok(v));
        expect(parseAmount(s.replace(".", ","), currency), `${currency} ${v}`).toEqual(ok(v));
      }
    }
  });
});

describe("formatMoney", () => {
  it("formats with the currency's exponent", () => {
    expect(formatMoney(1999, "EUR", "en-US")).toBe("€19.99");
    expect(formatMoney(123456, "USD", "en-US")).toBe("$1,234.56");
    expect(formatMoney(1000, "JPY", "en-US")).toBe("¥1,000");
    // ICU separates the code with a no-break space; \s matches it.
    expect(formatMoney(1500, "KWD", "en-US")).toMatch(/^KWD\s1\.500$/);
    expect(formatMoney(5, "EUR", "en-US")).toBe("€0.05");
  });

  it("respects the locale", () => {
    expect(formatMoney(123456, "EUR", "de-DE")).toMatch(/^1\.234,56\s€$/);
  });

  it("prints large amounts without float rounding", () => {
    expect(formatMoney(999_999_999_999, "EUR", "en-US")).toBe("€9,999,999,999.99");
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "EUR", "en-US")).toBe("€90,071,992,547,409.91");
  });

  it("falls back to English for an invalid locale", () => {
    expect(formatMoney(1999, "EUR", "not a locale!!")).toBe(formatMoney(1999, "EUR", "en"));
  });

  it("throws on unknown currency", () => {
    expect(() => formatMoney(100, "BTC")).toThrow();
  });
});

describe("compareMinorToLimit", () => {
  it("compares exactly across exponents and limit decimals", () => {
    expect(compareMinorToLimit(1000, "EUR", "10")).toBe(0);
    expect(compareMinorToLimit(999, "EUR", "10")).toBe(-1);
    expect(compareMinorToLimit(1001, "EUR", "10")).toBe(1);
    expect(compareMinorToLimit(50, "EUR", "0.5")).toBe(0);
    expect(compareMinorToLimit(10, "EUR", "0.1")).toBe(0);
    expect(compareMinorToLimit(100000, "EUR", "1000.000")).toBe(0);
    expect(compareMinorToLimit(1999, "EUR", "19.995")).toBe(-1);
    expect(compareMinorToLimit(2000, "EUR", "19.995")).toBe(1);
    expect(compareMinorToLimit(5, "JPY", "4.5")).toBe(1);
    expect(compareMinorToLimit(4, "JPY", "4.5")).toBe(-1);
    expect(compareMinorToLimit(1000, "JPY", "1000.000")).toBe(0);
    expect(compareMinorToLimit(1234, "KWD", "1.234")).toBe(0);
    expect(compareMinorToLimit(1234, "KWD", "1.23")).toBe(1);
    expect(compareMinorToLimit(0, "EUR", "0")).toBe(0);
    expect(compareMinorToLimit(999_999_999_999, "EUR", "9999999999.99")).toBe(0);
    expect(compareMinorToLimit(999_999_999_999, "EUR", "9999999999.989")).toBe(1);
  });

  it("does not suffer float imprecision (0.1 + 0.2 style)", () => {
    expect(compareMinorToLimit(30, "EUR", "0.3")).toBe(0);
    expect(compareMinorToLimit(29, "EUR", "0.29")).toBe(0);
    expect(compareMinorToLimit(115, "EUR", "1.15")).toBe(0);
  });

  it("throws on malformed limits", () => {
    for (const l of ["", "-1", "1e3", "1.2345", "abc", "1.", ".5"]) {
      expect(() => compareMinorToLimit(100, "EUR", l), l).toThrow();
    }
    expect(() => compareMinorToLimit(-1, "EUR", "1")).toThrow();
    expect(() => compareMinorToLimit(1, "BTC", "1")).toThrow();
  });
});

describe("compareDecimals", () => {
  it("compares exactly at any scale, with either separator", () => {
    expect(compareDecimals("10", "10.000")).toBe(0);
    expect(compareDecimals("0.1", "0.09")).toBe(1);
    expect(compareDecimals("1,5", "1.50")).toBe(0);
    expect(compareDecimals("99999999999999999999.99", "99999999999999999999.98")).toBe(1);
    expect(compareDecimals("2", "10")).toBe(-1);
    expect(() => compareDecimals("-1", "1")).toThrow();
  });
});

describe("parseSignedDecimal (amounts in bank files)", () => {
  it("parses signed decimal strings exactly, with the currency's exponent", () => {
    expect(parseSignedDecimal("19.99", "EUR")).toEqual({ ok: true, minor: 1999 });
    expect(parseSignedDecimal("0.29", "EUR")).toEqual({ ok: true, minor: 29 });
    expect(parseSignedDecimal("-1234.5", "EUR")).toEqual({ ok: true, minor: -123450 });
    expect(parseSignedDecimal("+1.234", "KWD")).toEqual({ ok: true, minor: 1234 });
    expect(parseSignedDecimal("1000.00", "JPY")).toEqual({ ok: true, minor: 1000 });
    expect(parseSignedDecimal("1000.50", "JPY")).toEqual({ ok: false, error: "too_many_decimals" });
    expect(parseSignedDecimal("12.10000", "EUR")).toEqual({ ok: true, minor: 1210 });
    expect(parseSignedDecimal("1,5", "EUR")).toEqual({ ok: false, error: "format" });
    expect(parseSignedDecimal("1e3", "EUR")).toEqual({ ok: false, error: "format" });
    expect(parseSignedDecimal("-", "EUR")).toEqual({ ok: false, error: "format" });
    expect(parseSignedDecimal("9999999999999", "EUR")).toEqual({ ok: false, error: "too_large" });
    expect(parseSignedDecimal("1", "XYZ")).toEqual({ ok: false, error: "unknown_currency" });
    expect(parseSignedDecimal("-0.00", "EUR")).toEqual({ ok: true, minor: 0 });
  });

});
