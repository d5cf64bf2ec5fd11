// Tests for QR rendering: a real SVG, stable output, and the error-correction level EPC requires.
import { AsyncLocalStorage } from "node:async_hooks";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { cachedQrSvg, qrSvg } from "./svg";

const EPC_SAMPLE = "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1.00\n\n\nUrgency fund";

/** Side length in modules from the SVG's viewBox ("0 0 n n"). */
function viewBoxSize(svg: string): number {
  const m = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!m || m[1] !== m[2]) throw new Error(`no square viewBox in ${svg.slice(0, 120)}`);
  return Number(m[1]);
}

describe("qrSvg", () => {
  it("returns an SVG document with drawn modules", async () => {
    const svg = await qrSvg(EPC_SAMPLE);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<path [^>]*d="M[^"]+"/);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("is deterministic for the same payload and differs for another", async () => {
    const a = await qrSvg(EPC_SAMPLE);
    expect(await qrSvg(EPC_SAMPLE)).toBe(a);
    expect(await qrSvg(EPC_SAMPLE.replace("EUR1.00", "EUR2.00"))).not.toBe(a);
  });

  it("uses error correction level M and a 2-module margin", async () => {
    // This payload needs a bigger symbol at H than at M, so the size tells the levels apart.
    const m = QRCode.create(EPC_SAMPLE, { errorCorrectionLevel: "M" });
    const h = QRCode.create(EPC_SAMPLE, { errorCorrectionLevel: "H" });
    expect(h.modules.size).toBeGreaterThan(m.modules.size);
    expect(viewBoxSize(await qrSvg(EPC_SAMPLE))).toBe(m.modules.size + 2 * 2);
  });

  it("encodes non-ASCII text (UTF-8) without failing", async () => {
    const svg = await qrSvg("ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017");
    expect(svg.startsWith("<svg")).toBe(true);
  });

  it("rejects data beyond a QR code's capacity instead of drawing something wrong", async () => {
    await expect(qrSvg("x".repeat(3000))).rejects.toThrow();
  });
});

describe("cachedQrSvg", () => {
  it("answers the same SVG as qrSvg, from the cache the second time", async () => {
    const payload = `${EPC_SAMPLE}\ncached`;
    const first = await cachedQrSvg(payload);
    expect(first).toBe(await qrSvg(payload));
    expect(await cachedQrSvg(payload)).toBe(first);
  });

  it("does not keep alive the request that first drew a code", async () => {
    // A request on the server is an AsyncLocalStorage store; what the cache keeps must not hold on to it.
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const requests = new AsyncLocalStorage<{ page: Uint8Array }>();
    const serve = async (i: number) => {
      const request = { page: new Uint8Array(1 << 20) };
      await requests.run(request, () => cachedQrSvg(`${EPC_SAMPLE}\nrequest ${i}`));
      return new WeakRef(request);
    };
    const refs = [await serve(1), await serve(2), await serve(3)];
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true]);
  });
});
