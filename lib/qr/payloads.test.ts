// Tests for payment QR payloads: each standard's published example, field validation and every refusal path.
import { describe, expect, it } from "vitest";
import { buildBip21Payload } from "./bip21";
import { isValidCreditorReference } from "../reference";
import { buildEpcPayload } from "./epc";
import { buildQrPayload, validateQrFields } from "./payloads";
import { buildSt00012Payload } from "./st00012";
import { QR_FIELD_LABELS, QR_STANDARDS, QR_STANDARD_INFO, type QrBuildInput, type QrFields, type QrStandard } from "./standards";
import { buildUpiPayload } from "./upi";

const bytes = (s: string) => new TextEncoder().encode(s).length;

function expectOk(result: ReturnType<typeof buildQrPayload>): string {
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`);
  return result.payload;
}

function expectError(result: ReturnType<typeof buildQrPayload>): string {
  if (result.ok) throw new Error(`expected an error, got payload: ${JSON.stringify(result.payload)}`);
  return result.error;
}

// ---------------------------------------------------------------------------------------------
// EPC

const RED_CROSS: QrFields = { name: "Red Cross of Belgium", iban: "BE72000000001616", bic: "BPOTBEB1" };

function epc(overrides: Partial<QrBuildInput> = {}): QrBuildInput {
  return { standard: "epc", fields: RED_CROSS, amountMinor: 100, currency: "EUR", reference: "Urgency fund", ...overrides };
}

describe("buildEpcPayload", () => {
  /**
   * The sample in the EPC069-12 guidelines ("Quick Response Code: Guidelines to Enable Data
   * Capture for the Initiation of a SEPA Credit Transfer"), as reproduced on Wikipedia's
   * "EPC QR code" article. Quoted from memory, not from the PDF.
   */
  const PUBLISHED = [
    "BCD",
    "001",
    "1",
    "SCT",
    "BPOTBEB1",
    "Red Cross of Belgium",
    "BE72000000001616",
    "EUR1",
    "CHAR",
    "",
    "Urgency fund",
    "Sample EPC QR code",
  ].join("\n");

  it("reproduces the EPC069-12 Red Cross sample, in version 002 form", () => {
    const payload = expectOk(buildEpcPayload(epc()));
    expect(payload).toBe(
      "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1.00\n\n\nUrgency fund",
    );

    // Line by line against the published sample. The only differences are deliberate:
    // version 002 (BIC optional in the EEA), amounts always with 2 decimals, no purpose code
    // (the sample's CHAR), and no beneficiary-to-originator text ("Sample EPC QR code").
    const ours = payload.split("\n");
    const theirs = PUBLISHED.split("\n");
    expect(ours).toHaveLength(11);
    for (const i of [0, 2, 3, 4, 5, 6, 9, 10]) expect(ours[i], `line ${i + 1}`).toBe(theirs[i]);
    expect([ours[1], theirs[1]]).toEqual(["002", "001"]);
    expect(Number(ours[7].slice(3))).toBe(Number(theirs[7].slice(3)));
    expect([ours[8], theirs[8]]).toEqual(["", "CHAR"]);
  });

  it("leaves the BIC line empty when no BIC is given for an EEA IBAN (version 002)", () => {
    const payload = expectOk(buildEpcPayload(epc({ fields: { name: "Red Cross of Belgium", iban: "BE72000000001616" } })));
    expect(payload).toBe("BCD\n002\n1\nSCT\n\nRed Cross of Belgium\nBE72000000001616\nEUR1.00\n\n\nUrgency fund");
  });

  it("omits empty trailing elements and never ends with a line feed", () => {
    const noRef = expectOk(buildEpcPayload(epc({ reference: "" })));
    expect(noRef).toBe("BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1.00");
    const withRef = expectOk(buildEpcPayload(epc({ reference: "INV-42" })));
    expect(withRef.endsWith("\nINV-42")).toBe(true);
    expect(withRef.split("\n")).toHaveLength(11);
  });

  it("puts our reference in the structured field as an RF creditor reference, with no unstructured text", () => {
    // PSZQY9GX is a valid reference (its last symbol checks); RF57 are its ISO 11649 check digits.
    const lines = expectOk(buildEpcPayload(epc({ reference: "PSZQ-Y9GX", purpose: "Order 42" }))).split("\n");
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe("RF57PSZQY9GX");
    expect(isValidCreditorReference(lines[9])).toBe(true);
    // EPC069-12: structured and unstructured remittance are mutually exclusive.
    expect(lines[10]).toBeUndefined();
    expect(expectOk(buildEpcPayload(epc({ reference: "pszqy9gx" }))).split("\n")[9]).toBe("RF57PSZQY9GX");
  });

  it("keeps a reference that is not ours, or fails its check symbol, as unstructured text", () => {
    const typo = expectOk(buildEpcPayload(epc({ reference: "PSZQY9GY", purpose: "Order 42" }))).split("\n");
    expect([typo[9], typo[10]]).toEqual(["", "PSZQY9GY Order 42"]);
  });

  it("normalizes IBAN and BIC as typed (spaces, lower case) and trims the name", () => {
    const payload = expectOk(
      buildEpcPayload(
        epc({ fields: { name: "  Franz Mustermänn ", iban: "de89 3704 0044 0532 0130 00", bic: "cobadeff xxx" }, amountMinor: 1230, reference: "RF-7" }),
      ),
    );
    expect(payload).toBe("BCD\n002\n1\nSCT\nCOBADEFFXXX\nFranz Mustermänn\nDE89370400440532013000\nEUR12.30\n\n\nRF-7");
  });

  it("writes amounts with exactly two decimals across the whole allowed range", () => {
    const amount = (minor: number) => expectOk(buildEpcPayload(epc({ amountMinor: minor }))).split("\n")[7];
    expect(amount(1)).toBe("EUR0.01");
    expect(amount(5)).toBe("EUR0.05");
    expect(amount(1000)).toBe("EUR10.00");
    expect(amount(99_999_999_999)).toBe("EUR999999999.99");
  });

  it("refuses amounts outside 0.01–999999999.99 EUR", () => {
    const message = "EPC QR codes need an amount between 0.01 and 999999999.99 EUR.";
    expect(expectError(buildEpcPayload(epc({ amountMinor: 0 })))).toBe(message);
    expect(expectError(buildEpcPayload(epc({ amountMinor: -100 })))).toBe(message);
    expect(expectError(buildEpcPayload(epc({ amountMinor: 100_000_000_000 })))).toBe(message);
    expect(expectError(buildEpcPayload(epc({ amountMinor: 12.5 })))).toBe(message);
    expect(expectError(buildEpcPayload(epc({ amountMinor: Number.NaN })))).toBe(message);
  });

  it("refuses other currencies", () => {
    for (const currency of ["USD", "CHF", "eur", ""]) {
      expect(expectError(buildEpcPayload(epc({ currency })))).toBe("EPC QR codes are for EUR payments only.");
    }
  });

  it("refuses a bad IBAN checksum, a bad BIC and a long name with the field's message", () => {
    expect(expectError(buildEpcPayload(epc({ fields: { ...RED_CROSS, iban: "BE72000000001617" } })))).toBe(
      "IBAN checksum is wrong — check for a typo.",
    );
    expect(expectError(buildEpcPayload(epc({ fields: { ...RED_CROSS, bic: "BPOTBEB" } })))).toBe(
      "BIC must be 8 or 11 characters, like COBADEFFXXX.",
    );
    expect(expectError(buildEpcPayload(epc({ fields: { ...RED_CROSS, name: "N".repeat(71) } })))).toBe(
      "Name can be at most 70 characters.",
    );
    // 70 is allowed, and counted in characters, not bytes.
    expect(buildEpcPayload(epc({ fields: { ...RED_CROSS, name: "Ä".repeat(70) } })).ok).toBe(true);
  });

  it("puts the purpose after the reference only when the remittance stays within 140 characters", () => {
    const lastLine = (input: QrBuildInput) => expectOk(buildEpcPayload(input)).split("\n").pop();
    expect(lastLine(epc({ reference: "ABCD-1234", purpose: "Order 42" }))).toBe("ABCD-1234 Order 42");
    expect(lastLine(epc({ reference: "ABCD-1234", purpose: "  Order\n42 " }))).toBe("ABCD-1234 Order 42");
    expect(lastLine(epc({ reference: "R".repeat(130), purpose: "123456789" }))).toBe("R".repeat(130) + " 123456789");
    expect(lastLine(epc({ reference: "R".repeat(130), purpose: "1234567890" }))).toBe("R".repeat(130));
    expect(lastLine(epc({ reference: "", purpose: "Order 42" }))).toBe("Order 42");
  });

  it("refuses a reference over 140 characters or with a line break", () => {
    expect(buildEpcPayload(epc({ reference: "R".repeat(140) })).ok).toBe(true);
    expect(expectError(buildEpcPayload(epc({ reference: "R".repeat(141) })))).toBe(
      "The reference can be at most 140 characters.",
    );
    // A newline would shift every later EPC element by one line.
    expect(expectError(buildEpcPayload(epc({ reference: "ABCD\n1234" })))).toBe(
      "The reference can't contain line breaks or control characters.",
    );
  });

  it("refuses a line break in the name", () => {
    expect(expectError(buildEpcPayload(epc({ fields: { ...RED_CROSS, name: "Red Cross\nBelgium" } })))).toBe(
      "Name can't contain line breaks or control characters.",
    );
  });

  it("allows exactly 331 bytes and refuses 332", () => {
    const name = "€".repeat(70); // 210 bytes in UTF-8, but only 70 characters
    const base = expectOk(buildEpcPayload(epc({ fields: { ...RED_CROSS, name }, reference: "" })));
    // Three line feeds come back with a remittance: after the amount and the two empty elements.
    const room = 331 - bytes(base) - 3;
    const atLimit = expectOk(buildEpcPayload(epc({ fields: { ...RED_CROSS, name }, reference: "R".repeat(room) })));
    expect(bytes(atLimit)).toBe(331);
    const over = expectError(buildEpcPayload(epc({ fields: { ...RED_CROSS, name }, reference: "R".repeat(room + 1) })));
    expect(over).toBe(
      "These details make an EPC QR code of 332 bytes, over the limit of 331. Shorten the name or the reference.",
    );
  });

  it("drops the purpose rather than exceed 331 bytes", () => {
    const name = "€".repeat(70);
    const payload = expectOk(
      buildEpcPayload(epc({ fields: { ...RED_CROSS, name }, reference: "ABCD-1234", purpose: "ü".repeat(60) })),
    );
    expect(payload.endsWith("\nABCD-1234")).toBe(true);
    expect(bytes(payload)).toBeLessThanOrEqual(331);
  });

  it("requires a BIC for SEPA IBANs from outside the EEA", () => {
    const swiss = { name: "Muster AG", iban: "CH9300762011623852957" };
    expect(expectError(buildEpcPayload(epc({ fields: swiss })))).toBe("A BIC is required for IBANs from outside the EEA.");
    expect(expectError(buildEpcPayload(epc({ fields: { name: "Shop Ltd", iban: "GB82WEST12345698765432" } })))).toBe(
      "A BIC is required for IBANs from outside the EEA.",
    );
    expect(expectOk(buildEpcPayload(epc({ fields: { ...swiss, bic: "UBSWCHZH80A" } }))).split("\n")[4]).toBe("UBSWCHZH80A");
    // Inside the EEA (EU + IS, LI, NO) it stays optional.
    expect(buildEpcPayload(epc({ fields: { name: "Nordmann AS", iban: "NO9386011117947" } })).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// ST00012

const TRI_KITA: QrFields = {
  name: "ООО «Три кита»",
  personalAcc: "40702810138250123017",
  bankName: 'ОАО "БАНК"',
  bic: "044525225",
  correspAcc: "30101810400000000225",
};

function st(overrides: Partial<QrBuildInput> = {}): QrBuildInput {
  return { standard: "st00012", fields: TRI_KITA, amountMinor: 100_000, currency: "RUB", reference: "Оплата членского взноса", ...overrides };
}

describe("buildSt00012Payload", () => {
  /**
   * The example in GOST R 56042-2014 (appendix), quoted from memory; copies of it disagree on the
   * encoding digit (ST00011 = windows-1251 vs ST00012 = UTF-8) and on punctuation in the address.
   * We always emit "2" (UTF-8).
   */
  const PUBLISHED =
    'ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|BankName=ОАО "БАНК"|BIC=044525225|' +
    "CorrespAcc=30101810400000000225|PayeeINN=6200098765|LastName=Иванов|FirstName=Иван|" +
    "MiddleName=Иванович|Purpose=Оплата членского взноса|PayerAddress=г.Рязань ул.Ленина д.10 кв.15|Sum=100000";

  it("reproduces the GOST R 56042-2014 example (required block, Sum and Purpose)", () => {
    const payload = expectOk(buildSt00012Payload(st()));
    expect(payload).toBe(
      'ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|BankName=ОАО "БАНК"|BIC=044525225|' +
        "CorrespAcc=30101810400000000225|Sum=100000|Purpose=Оплата членского взноса",
    );

    // The header and the five required details must match the example byte for byte, in order.
    const ours = payload.split("|");
    const theirs = PUBLISHED.split("|");
    expect(ours.slice(0, 6)).toEqual(theirs.slice(0, 6));
    // Additional details may come in any order; every one we write must equal the example's.
    const theirMap = new Map(theirs.slice(1).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
    for (const kv of ours.slice(6)) {
      const key = kv.slice(0, kv.indexOf("="));
      expect(kv.slice(key.length + 1), key).toBe(theirMap.get(key));
    }
  });

  it("writes Sum as an integer number of kopecks", () => {
    const sum = (minor: number) => expectOk(buildSt00012Payload(st({ amountMinor: minor }))).match(/\|Sum=(\d+)\|/)?.[1];
    expect(sum(1)).toBe("1");
    expect(sum(12_345)).toBe("12345");
    expect(sum(999_999_999_999)).toBe("999999999999");
  });

  it("refuses a zero or fractional amount", () => {
    expect(expectError(buildSt00012Payload(st({ amountMinor: 0 })))).toBe("The amount must be greater than zero.");
    expect(expectError(buildSt00012Payload(st({ amountMinor: 1.5 })))).toBe("The amount must be greater than zero.");
  });

  it("refuses other currencies", () => {
    expect(expectError(buildSt00012Payload(st({ currency: "EUR" })))).toBe("ST00012 QR codes are for RUB payments only.");
  });

  it('refuses "|" in any value, since the format has no escaping', () => {
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, name: "ООО Три|Кита" } })))).toBe(
      "Name can't contain the | character.",
    );
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, bankName: "БАНК|2" } })))).toBe(
      "Bank name can't contain the | character.",
    );
    expect(expectError(buildSt00012Payload(st({ reference: "AB|CD" })))).toBe("The reference can't contain the | character.");
    expect(expectError(buildSt00012Payload(st({ purpose: "заказ|42" })))).toBe(
      "The payment purpose can't contain the | character.",
    );
  });

  it("refuses a 19-digit account and other malformed bank numbers", () => {
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, personalAcc: "4070281013825012301" } })))).toBe(
      "The account number must be exactly 20 digits.",
    );
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, personalAcc: "4070281013825012301X" } })))).toBe(
      "The account number must be exactly 20 digits.",
    );
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, bic: "04452522" } })))).toBe(
      "The BIC must be exactly 9 digits.",
    );
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, correspAcc: "3010181040000000022" } })))).toBe(
      "The correspondent account must be exactly 20 digits.",
    );
  });

  it("catches a typo in either account with the Bank of Russia control key", () => {
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, personalAcc: "40702810138250123018" } })))).toBe(
      "The account number doesn't match the BIC — check both for a typo.",
    );
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, correspAcc: "30101810400000000226" } })))).toBe(
      "The correspondent account doesn't match the BIC — check both for a typo.",
    );
    // Real banks' BIC + correspondent account pairs pass: Sberbank Ural branch, Alfa-Bank, T-Bank.
    // (The sample personal account belongs to another BIC, so only its own check may complain.)
    for (const [bic, correspAcc] of [
      ["046577674", "30101810500000000674"],
      ["044525593", "30101810200000000593"],
      ["044525974", "30101810145250000974"],
    ]) {
      expect(validateQrFields("st00012", { ...TRI_KITA, bic, correspAcc }).map((e) => e.field)).not.toContain("correspAcc");
    }
  });

  it("skips the control key for treasury accounts, where the rule differs", () => {
    const treasury = {
      name: "УФК по Тульской области",
      personalAcc: "03100643000000016600",
      bankName: "Отделение Тула Банка России",
      bic: "017003983",
      correspAcc: "40102810445370000059",
    };
    expect(validateQrFields("st00012", treasury)).toEqual([]);
  });

  it("accepts accounts typed with spaces and writes them without", () => {
    const payload = expectOk(
      buildSt00012Payload(st({ fields: { ...TRI_KITA, personalAcc: "40702 810 1 3825 0123017", bic: " 044 525 225 " } })),
    );
    expect(payload).toContain("|PersonalAcc=40702810138250123017|");
    expect(payload).toContain("|BIC=044525225|");
  });

  it("enforces the GOST lengths: Name 160, BankName 45, Purpose 210", () => {
    expect(buildSt00012Payload(st({ fields: { ...TRI_KITA, name: "Я".repeat(160) } })).ok).toBe(true);
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, name: "Я".repeat(161) } })))).toBe(
      "Name can be at most 160 characters.",
    );
    expect(buildSt00012Payload(st({ fields: { ...TRI_KITA, bankName: "Б".repeat(45) } })).ok).toBe(true);
    expect(expectError(buildSt00012Payload(st({ fields: { ...TRI_KITA, bankName: "Б".repeat(46) } })))).toBe(
      "Bank name can be at most 45 characters.",
    );
    expect(buildSt00012Payload(st({ reference: "R".repeat(210) })).ok).toBe(true);
    expect(expectError(buildSt00012Payload(st({ reference: "R".repeat(211) })))).toBe(
      "The reference can be at most 210 characters.",
    );
  });

  it("appends the purpose to the reference when it fits, and omits Purpose with neither", () => {
    expect(expectOk(buildSt00012Payload(st({ reference: "ABCD-1234", purpose: "Заказ 42" })))).toMatch(
      /\|Purpose=ABCD-1234 Заказ 42$/,
    );
    expect(expectOk(buildSt00012Payload(st({ reference: "R".repeat(205), purpose: "Заказ 42" })))).toMatch(
      new RegExp(`\\|Purpose=${"R".repeat(205)}$`),
    );
    expect(expectOk(buildSt00012Payload(st({ reference: "" })))).not.toContain("Purpose=");
  });
});

// ---------------------------------------------------------------------------------------------
// UPI

function upi(overrides: Partial<QrBuildInput> = {}): QrBuildInput {
  return {
    standard: "upi",
    fields: { pa: "zeeshan@npci", pn: "Zeeshan Khan" },
    amountMinor: 101_000,
    currency: "INR",
    reference: "4894398cndhcd23",
    ...overrides,
  };
}

describe("buildUpiPayload", () => {
  /**
   * Implementation sample in NPCI's "UPI Linking Specifications" 1.6 (section 2), quoted from
   * memory; some printings show the spaces as a bare "%" instead of "%20". mc, tid and refUrl are
   * for registered merchants and PSPs, so we do not emit them.
   */
  const PUBLISHED =
    "upi://pay?pa=zeeshan@npci&pn=Zeeshan%20Khan&mc=0000&tid=cxnkjcnkjdfdvjndkjfvn&tr=4894398cndhcd23" +
    "&tn=Pay%20to%20rohit%20stores&am=1010&cu=INR&refUrl=https://rohit.com/orderid=9298yw89e8973e87389e78923ue892";

  it("reproduces the NPCI linking spec sample for the parameters we use", () => {
    const payload = expectOk(buildUpiPayload(upi({ purpose: "Pay to rohit stores" })));
    expect(payload).toBe(
      "upi://pay?pa=zeeshan@npci&pn=Zeeshan%20Khan&am=1010.00&cu=INR" +
        "&tn=4894398cndhcd23%20Pay%20to%20rohit%20stores&tr=4894398cndhcd23",
    );
    const ours = new URLSearchParams(payload.slice("upi://pay?".length));
    const theirs = new URLSearchParams(PUBLISHED.slice("upi://pay?".length));
    expect(payload.startsWith("upi://pay?")).toBe(true);
    for (const key of ["pa", "pn", "cu", "tr"]) expect(ours.get(key), key).toBe(theirs.get(key));
    expect(Number(ours.get("am"))).toBe(Number(theirs.get("am")));
    // Our note leads with the reference so a personal UPI ID's owner can match the payment.
    expect(ours.get("tn")).toBe(`${theirs.get("tr")} ${theirs.get("tn")}`);
  });

  it("percent-encodes names and notes but keeps the UPI ID's @ literal", () => {
    const payload = expectOk(
      buildUpiPayload(upi({ fields: { pa: "a.b-c_d@okaxis", pn: "Tea & Co = Best" }, amountMinor: 1230, reference: "R/1?" })),
    );
    expect(payload).toBe("upi://pay?pa=a.b-c_d@okaxis&pn=Tea%20%26%20Co%20%3D%20Best&am=12.30&cu=INR&tn=R%2F1%3F&tr=R%2F1%3F");
    const params = new URLSearchParams(payload.slice("upi://pay?".length));
    expect(params.get("pn")).toBe("Tea & Co = Best");
    expect(params.get("tr")).toBe("R/1?");
  });

  it("omits tn and tr without a reference", () => {
    expect(expectOk(buildUpiPayload(upi({ reference: "" })))).toBe("upi://pay?pa=zeeshan@npci&pn=Zeeshan%20Khan&am=1010.00&cu=INR");
  });

  it.each(["shop", "shop@", "@okaxis", "s@okaxis", "shop@ok1axis", "sh op@okaxis", "shop@okaxis@ybl", "shop@o", "shöp@okaxis"])(
    "refuses the bad UPI ID %j",
    (pa) => {
      expect(expectError(buildUpiPayload(upi({ fields: { pa, pn: "Shop" } })))).toBe("Enter a UPI ID like shop@okaxis.");
    },
  );

  it.each(["shop@okaxis", "9876543210@ybl", "first.last-1_x@paytm", "AB@SBI"])("accepts the UPI ID %j", (pa) => {
    expect(validateQrFields("upi", { pa, pn: "Shop" })).toEqual([]);
  });

  it("refuses other currencies, a missing name and a zero amount", () => {
    expect(expectError(buildUpiPayload(upi({ currency: "USD" })))).toBe("UPI QR codes are for INR payments only.");
    expect(expectError(buildUpiPayload(upi({ fields: { pa: "shop@okaxis", pn: " " } })))).toBe("Enter the payee name.");
    expect(expectError(buildUpiPayload(upi({ amountMinor: 0 })))).toBe("The amount must be greater than zero.");
  });

  it("refuses details that could not fit in any QR code", () => {
    const huge = upi({ fields: { pa: "shop@okaxis", pn: "😀".repeat(100) }, reference: "😀".repeat(140) });
    expect(expectError(buildUpiPayload(huge))).toBe(
      "These details are too long to fit in a QR code. Shorten the name or the reference.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// BIP21

function btc(overrides: Partial<QrBuildInput> = {}): QrBuildInput {
  return {
    standard: "bip21",
    fields: { address: "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W" },
    amountMinor: 5_000,
    currency: "EUR",
    reference: "",
    ...overrides,
  };
}

describe("buildBip21Payload", () => {
  // The examples section of BIP21 (github.com/bitcoin/bips, bip-0021.mediawiki).
  it("reproduces BIP21's address-only and label examples exactly", () => {
    expect(expectOk(buildBip21Payload(btc()))).toBe("bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W");
    expect(expectOk(buildBip21Payload(btc({ fields: { address: "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W", label: "Luke-Jr" } })))).toBe(
      "bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?label=Luke-Jr",
    );
  });

  it("reproduces BIP21's donation example minus the BTC amount", () => {
    const published = "bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?amount=50&label=Luke-Jr&message=Donation%20for%20project%20xyz";
    const payload = expectOk(
      buildBip21Payload(
        btc({ fields: { address: "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W", label: "Luke-Jr" }, reference: "Donation for project xyz" }),
      ),
    );
    // Fiat invoices must not print a number into a field that wallets read as BTC.
    expect(payload).toBe(published.replace("amount=50&", ""));
    expect(payload).not.toContain("amount=");
  });

  it("works for any invoice currency and never includes the amount", () => {
    for (const currency of ["EUR", "JPY", "USD", "KWD"]) {
      const payload = expectOk(buildBip21Payload(btc({ currency, amountMinor: 123_456, reference: "ABCD-1234" })));
      expect(payload).toBe("bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?message=ABCD-1234");
    }
  });

  it("percent-encodes label and message", () => {
    const payload = expectOk(
      buildBip21Payload(btc({ fields: { address: "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W", label: "Café & Co" }, reference: "ABCD-1234", purpose: "50% off?" })),
    );
    expect(payload).toBe("bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?label=Caf%C3%A9%20%26%20Co&message=ABCD-1234%2050%25%20off%3F");
  });

  it.each([
    "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W", // BIP21's example
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", // P2SH example from the Bitcoin wiki
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", // BIP173 P2WPKH
    "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", // BIP173 P2WSH
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", // BIP350 taproot (bech32m)
    "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", // BIP350, 40-byte program, 74 chars
  ])("accepts the address %s", (address) => {
    expect(validateQrFields("bip21", { address })).toEqual([]);
  });

  it("accepts an upper-case bech32 address and writes it in lower case", () => {
    const payload = expectOk(buildBip21Payload(btc({ fields: { address: "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4" } })));
    expect(payload).toBe("bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
  });

  it("catches every single-character typo in a bech32 address", () => {
    const good = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
    const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    for (let i = 3; i < good.length; i++) {
      for (const c of charset) {
        if (c === good[i]) continue;
        const typo = good.slice(0, i) + c + good.slice(i + 1);
        const errors = validateQrFields("bip21", { address: typo });
        expect(errors.map((e) => e.field), typo).toEqual(["address"]);
      }
    }
    expect(validateQrFields("bip21", { address: "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5" })).toEqual([
      { field: "address", message: "This Bitcoin address has a typo — its checksum doesn't match." },
    ]);
  });

  it("refuses well-checksummed addresses that break segwit rules (BIP173/BIP350 invalid vectors)", () => {
    // BIP173: "Invalid program length for witness version 0 (per BIP-141)" — a 16-byte v0 program.
    expect(validateQrFields("bip21", { address: "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P" })).toHaveLength(1);
    // BIP350: "Invalid checksum (Bech32 instead of Bech32m)" — taproot (v1) with a v0-style checksum.
    expect(validateQrFields("bip21", { address: "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd" })).toHaveLength(1);
  });

  it.each([
    ["", "empty"],
    ["175tWpb8K1S7NmH4Zx6rewF9W", "25 characters, too short"],
    ["275tWpb8K1S7NmH4Zx6rewF9WQrcZv245W", "wrong leading digit"],
    ["175tWpb8K1S7NmH4Zx6rewF9WQrcZv2450", "base58 has no 0"],
    ["175tWpb8K1S7NmH4Zx6rewF9WQrcZv245WAAAA", "too long"],
    ["tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "testnet"],
    ["bc1Qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "mixed case"],
    ["bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb", "b is not in the bech32 charset"],
    ["bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W", "already a URI"],
  ])("refuses %j (%s)", (address) => {
    const errors = validateQrFields("bip21", { address });
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("address");
    expect(expectError(buildBip21Payload(btc({ fields: { address } })))).toBe(errors[0].message);
  });

  it("limits the label to 70 characters", () => {
    expect(validateQrFields("bip21", { address: "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W", label: "L".repeat(71) })).toEqual([
      { field: "label", message: "Label can be at most 70 characters." },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Shared API

const VALID_FIELDS: Record<QrStandard, QrFields> = {
  epc: RED_CROSS,
  st00012: TRI_KITA,
  upi: { pa: "shop@okaxis", pn: "Shop" },
  bip21: { address: "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W" },
};

describe("validateQrFields", () => {
  it.each(QR_STANDARDS)("%s: valid details give no errors", (standard) => {
    expect(validateQrFields(standard, VALID_FIELDS[standard])).toEqual([]);
  });

  it.each(QR_STANDARDS)("%s: empty details flag exactly the fields the form marks required", (standard) => {
    const required = QR_FIELD_LABELS[standard].filter((f) => f.required).map((f) => f.key);
    expect(validateQrFields(standard, {}).map((e) => e.field)).toEqual(required);
  });

  it("reports every bad field at once, in form order, with clear messages", () => {
    expect(validateQrFields("epc", { name: "N".repeat(71), iban: "DE89370400440532013001", bic: "COBADEF" })).toEqual([
      { field: "name", message: "Name can be at most 70 characters." },
      { field: "iban", message: "IBAN checksum is wrong — check for a typo." },
      { field: "bic", message: "BIC must be 8 or 11 characters, like COBADEFFXXX." },
    ]);
    expect(validateQrFields("epc", { name: "A", iban: "DE8937040044053201300" })).toEqual([
      { field: "iban", message: "IBANs from DE have 22 characters; this one has 21." },
    ]);
    expect(validateQrFields("epc", { name: "A", iban: "US12345678" })).toEqual([
      { field: "iban", message: "US is not a country that uses IBANs." },
    ]);
    expect(validateQrFields("epc", { name: "A", iban: "12345678" })).toEqual([
      { field: "iban", message: "Enter an IBAN like DE89 3704 0044 0532 0130 00." },
    ]);
    expect(validateQrFields("st00012", {})).toEqual([
      { field: "name", message: "Enter the recipient's name." },
      { field: "personalAcc", message: "The account number must be exactly 20 digits." },
      { field: "bankName", message: "Enter the bank's name." },
      { field: "bic", message: "The BIC must be exactly 9 digits." },
      { field: "correspAcc", message: "The correspondent account must be exactly 20 digits." },
    ]);
  });

  it("does not throw on an unknown standard read from storage", () => {
    expect(validateQrFields("sepa" as QrStandard, {})).toEqual([{ field: "standard", message: "Choose a QR code standard." }]);
  });
});

describe("QR_FIELD_LABELS / QR_STANDARD_INFO", () => {
  it("describe every standard", () => {
    expect(Object.keys(QR_FIELD_LABELS).sort()).toEqual([...QR_STANDARDS].sort());
    expect(Object.keys(QR_STANDARD_INFO).sort()).toEqual([...QR_STANDARDS].sort());
    expect(QR_STANDARD_INFO.epc).toEqual({ label: "EPC QR (GiroCode, SEPA)", currencies: ["EUR"] });
    expect(QR_STANDARD_INFO.st00012).toEqual({ label: "ST00012 (Russian bank payment QR)", currencies: ["RUB"] });
    expect(QR_STANDARD_INFO.upi).toEqual({ label: "UPI", currencies: ["INR"] });
    expect(QR_STANDARD_INFO.bip21).toEqual({ label: "BIP21 (Bitcoin)", currencies: null });
  });

  it("list the keys the builders read", () => {
    expect(QR_FIELD_LABELS.epc.map((f) => f.key)).toEqual(["name", "iban", "bic"]);
    expect(QR_FIELD_LABELS.st00012.map((f) => f.key)).toEqual(["name", "personalAcc", "bankName", "bic", "correspAcc"]);
    expect(QR_FIELD_LABELS.upi.map((f) => f.key)).toEqual(["pa", "pn"]);
    expect(QR_FIELD_LABELS.bip21.map((f) => f.key)).toEqual(["address", "label"]);
  });

  it("accept exactly the currencies the builders accept", () => {
    for (const standard of QR_STANDARDS) {
      for (const currency of ["EUR", "RUB", "INR", "USD"]) {
        const allowed = QR_STANDARD_INFO[standard].currencies;
        const result = buildQrPayload({ standard, fields: VALID_FIELDS[standard], amountMinor: 100, currency, reference: "R" });
        expect(result.ok, `${standard} ${currency}`).toBe(allowed === null || allowed.includes(currency));
      }
    }
  });
});

describe("buildQrPayload", () => {
  it("dispatches to the standard's builder", () => {
    expect(buildQrPayload(epc())).toEqual(buildEpcPayload(epc()));
    expect(buildQrPayload(st())).toEqual(buildSt00012Payload(st()));
    expect(buildQrPayload(upi())).toEqual(buildUpiPayload(upi()));
    expect(buildQrPayload(btc())).toEqual(buildBip21Payload(btc()));
    expect(expectOk(buildQrPayload(epc())).startsWith("BCD\n")).toBe(true);
  });

  it("checks currency before fields, and fields before amount", () => {
    const bad = epc({ currency: "USD", fields: { name: "", iban: "x" }, amountMinor: 0 });
    expect(expectError(buildQrPayload(bad))).toBe("EPC QR codes are for EUR payments only.");
    expect(expectError(buildQrPayload({ ...bad, currency: "EUR" }))).toBe("Enter the account holder's name.");
  });

  it("refuses an unknown standard", () => {
    expect(expectError(buildQrPayload({ ...epc(), standard: "swiss" as QrStandard }))).toBe("Choose a QR code standard.");
  });
});
