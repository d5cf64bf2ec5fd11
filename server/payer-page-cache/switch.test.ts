import { describe, expect, it } from "vitest";
import { payerPageCacheEnabled } from "./switch";

describe("the payer page cache's switch", () => {
  it("is on unless told off", () => {
    for (const on of [undefined, "", "on", "1", "true", "yes", "anything"]) expect(payerPageCacheEnabled(on), String(on)).toBe(true);
    for (const off of ["off", "OFF", " off ", "0", "false", "no"]) expect(payerPageCacheEnabled(off), off).toBe(false);
  });
});
