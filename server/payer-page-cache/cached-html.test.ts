// The payer page cache Next.js writes through next-cache-handler.cjs, and proxy.ts reads with cachedPageHtml.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { beforeEach, describe, expect, it } from "vitest";
import { cachedPageHtml } from "./cached-html";

const PageCacheHandler = createRequire(import.meta.url)("./next-cache-handler.cjs");
const GLOBAL_KEY = "__directPaymentsPageCache";

const page = (html: string, status = 200) => ({ kind: "APP_PAGE", html, rscData: Buffer.from("rsc"), headers: {}, status });
const keyOf = (path: string) => `/route-cache/APP_PAGE/${"a".repeat(64)}/$${path}`;

beforeEach(() => {
  delete (globalThis as Record<string, unknown>)[GLOBAL_KEY];
  process.env.PAGE_CACHE_MB = "0.01"; // about 10 KB
});

describe("page cache", () => {
  it("gives Next.js back what it stored, and the proxy the same page", async () => {
    const h = new PageCacheHandler();
    await h.set(keyOf("/pay-v/abc.en.1.1"), page("<html>paid?</html>"), { tags: [] });
    expect((await h.get(keyOf("/pay-v/abc.en.1.1"))).value.html).toBe("<html>paid?</html>");
    expect(String(cachedPageHtml("/pay-v/abc.en.1.1"))).toBe("<html>paid?</html>");
    expect(cachedPageHtml("/pay-v/abc.en.2.1")).toBeNull();
  });

  it("keeps a page's payloads compressed, and gives back its HTML, payload and segments byte for byte", async () => {
    process.env.PAGE_CACHE_MB = "1";
    const h = new PageCacheHandler();
    const html = `<html>€250.00 — Оплата ${"<div class=\"flex items-center\">IBAN</div>".repeat(500)}</html>`;
    const rsc = Buffer.from(`0:["$","div",null,{"className":"flex items-center"}]`.repeat(400));
    const segments = new Map([["/_tree", Buffer.from("tree")], ["/_full", Buffer.from(rsc)], ["/_head", Buffer.from("head")]]);
    await h.set(keyOf("/pay-v/utf.ru.1.1"), { ...page(html), rscData: rsc, segmentData: segments }, { tags: [] });
    const served = cachedPageHtml("/pay-v/utf.ru.1.1");
    expect(Buffer.isBuffer(served)).toBe(true);
    expect(served!.toString("utf8")).toBe(html);
    const back = (await h.get(keyOf("/pay-v/utf.ru.1.1"))).value;
    expect(back.html).toBe(html);
    expect(back.rscData.equals(rsc)).toBe(true);
    expect([...back.segmentData].map(([k, b]: [string, Buffer]) => [k, b.toString()])).toEqual([...segments].map(([k, b]) => [k, b.toString()]));
    // The HTML as it is; the payload compressed, and the "/_full" segment that repeats it counted once.
    const s = (globalThis as unknown as Record<string, { bytes: number }>)[GLOBAL_KEY];
    expect(s.bytes).toBeGreaterThanOrEqual(Buffer.byteLength(html));
    expect(s.bytes).toBeLessThan(Buffer.byteLength(html) + rsc.length / 10);
  });

  // zlib's sync calls answer with a slice of their 16 KB working buffer: kept as it is, each small compressed payload
  // held 16 KB, and the bench's server kept 42 MB of buffers beyond the 32 MB the cache counted.
  it("holds no more memory than it counts: every kept buffer owns exactly its bytes", async () => {
    process.env.PAGE_CACHE_MB = "1";
    const h = new PageCacheHandler();
    const rsc = Buffer.from(`0:["$","div",null,{"className":"flex"}]`.repeat(50));
    const segments = new Map([["/_tree", Buffer.from("tree ".repeat(100))], ["/_full", Buffer.from(rsc)], ["/_head", Buffer.from("head")]]);
    await h.set(keyOf("/pay-v/mem.en.1.1"), { ...page("<html>x</html>"), rscData: rsc, segmentData: segments }, { tags: [] });
    const s = (globalThis as unknown as Record<string, { bytes: number; entries: Map<string, { value: Record<string, unknown> }> }>)[GLOBAL_KEY];
    const value = s.entries.get(keyOf("/pay-v/mem.en.1.1"))!.value;
    const buffersOf = (x: unknown): Buffer[] => (Buffer.isBuffer(x) ? [x] : x && typeof x === "object" && "deflated" in x ? [x.deflated as Buffer] : []);
    const kept = [value.html, value.rscData, ...[...(value.segmentData as Map<string, unknown>).values()]].flatMap(buffersOf);
    expect(kept.length).toBeGreaterThanOrEqual(4);
    for (const b of kept) expect(b.buffer.byteLength).toBe(b.length);
    const held = new Set(kept.map((b) => b.buffer));
    expect([...held].reduce((n, ab) => n + ab.byteLength, 0)).toBeLessThanOrEqual(s.bytes);
  });

  // Its scripts carry the nonce of the request that rendered it, which the next request's policy does not allow.
  it("keeps no other rendered page than the payer's, so Next.js renders those per request", async () => {
    const h = new PageCacheHandler();
    for (const path of ["/status", "/_not-found", "/index"]) {
      await h.set(keyOf(path), page(`<html>${path}</html>`), { tags: [] });
      expect(await h.get(keyOf(path))).toBeNull();
    }
    await h.set(keyOf("/icon.svg"), { kind: "APP_ROUTE", body: Buffer.from("<svg/>"), headers: {}, status: 200 }, { tags: [] });
    expect((await h.get(keyOf("/icon.svg"))).value.body.toString()).toBe("<svg/>");
  });

  it("never hands the proxy an error page", async () => {
    const h = new PageCacheHandler();
    await h.set(keyOf("/pay-v/gone.en.1.1"), page("<html>not found</html>", 404), { tags: [] });
    expect(cachedPageHtml("/pay-v/gone.en.1.1")).toBeNull();
  });

  it("stays within its size, dropping the least recently used pages first", async () => {
    const h = new PageCacheHandler();
    const big = randomBytes(1500).toString("hex"); // 3 KB of HTML
    for (const n of [1, 2, 3]) await h.set(keyOf(`/pay-v/p${n}`), page(big), { tags: [] });
    await h.get(keyOf("/pay-v/p1")); // p1 is used again, so p2 is now the oldest
    await h.set(keyOf("/pay-v/p4"), page(big), { tags: [] });
    expect(await h.get(keyOf("/pay-v/p2"))).toBeNull();
    expect(await h.get(keyOf("/pay-v/p1"))).not.toBeNull();
    expect(cachedPageHtml("/pay-v/p2")).toBeNull();
    const s = (globalThis as unknown as Record<string, { bytes: number; maxBytes: number }>)[GLOBAL_KEY];
    expect(s.bytes).toBeLessThanOrEqual(s.maxBytes);
  });

  it("forgets pages whose tags were revalidated after they were stored", async () => {
    const h = new PageCacheHandler();
    await h.set(keyOf("/status"), page("<html>ok</html>"), { tags: ["_N_T_/status"] });
    await new Promise((r) => setTimeout(r, 2));
    await h.revalidateTag(["_N_T_/status"]);
    expect(await h.get(keyOf("/status"))).toBeNull();
  });
});
