import { describe, expect, it } from "vitest";
import { checkLogo, MAX_LOGO_BYTES } from "./logo";

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe("checkLogo", () => {
  it("takes PNG, JPEG and WebP by their bytes", () => {
    expect(checkLogo(png)).toEqual({ ok: true, mime: "image/png", ext: "png" });
    expect(checkLogo(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: true, mime: "image/jpeg" });
  });
  it("refuses an SVG, a PDF, an empty file and one too large", () => {
    expect(checkLogo(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toMatchObject({ ok: false });
    expect(checkLogo(new TextEncoder().encode("%PDF-1.4\n"))).toMatchObject({ ok: false });
    expect(checkLogo(new Uint8Array())).toMatchObject({ ok: false });
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(png);
    expect(checkLogo(big)).toEqual({ ok: false, error: "The logo can be at most 512 KB." });
  });
});
