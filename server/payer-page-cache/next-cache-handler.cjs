// Next.js's cache handler (next.config.ts `cacheHandler`; CommonJS because Next.js loads it by path, outside the
// bundle): the store of the payer page cache. It keeps the payer's rendered pages (/pay-v/<page id>) in memory only,
// bounded by PAGE_CACHE_MB (default 32): a million payments must not leave a million files under .next/, and nothing
// here needs to outlive the process, since every payer page's path names the state it shows (lib/payer-page-cache.ts).
// The entries live on globalThis so that proxy.ts can serve a payer's page straight from here (cached-html.ts).
"use strict";

const zlib = require("node:zlib");

const GLOBAL_KEY = "__directPaymentsPageCache";

function maxBytes() {
  const mb = Number(process.env.PAGE_CACHE_MB ?? 32);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 32) * 1024 * 1024;
}

function store() {
  if (!globalThis[GLOBAL_KEY]) {
    globalThis[GLOBAL_KEY] = { entries: new Map(), byPath: new Map(), bytes: 0, maxBytes: maxBytes(), tagTimes: new Map() };
  }
  return globalThis[GLOBAL_KEY];
}

/** Keys are opaque to us, but a response's key ends with "/$" and the request path ("…/$/pay-v/<id>"). */
function pathOf(key) {
  const i = key.indexOf("/$/");
  return i >= 0 ? key.slice(i + 2) : null;
}

/**
 * What is kept of a value: a page's HTML as UTF-8 bytes outside the JavaScript heap (the proxy answers with them as
 * they are), and its RSC payloads deflated, which only a client-side navigation asks for. A payer page with its details
 * and QR code is about 87 KB as Next.js hands it over (40 KB of HTML, which carries the RSC payload inline, the 22 KB
 * payload again, and the same payload a third time as the "/_full" segment); kept this way, with the segment that
 * repeats the payload sharing its bytes, it is about 45 KB, so the default 32 MB holds some 700 pages rather than 370.
 * (Deflating the HTML too would make it 12 KB, but every answer from memory would then inflate it: native memory for
 * each request, which the server's peak RSS showed.) Other buffers (a route's body) are copied to their own size: a
 * slice would keep the whole buffer it was cut from.
 */
function stored(value) {
  if (value.kind !== "APP_PAGE" && value.kind !== "APP_ROUTE") return value;
  const copy = { ...value };
  if (typeof copy.html === "string") copy.html = own(Buffer.from(copy.html, "utf8"));
  const rsc = Buffer.isBuffer(copy.rscData) ? copy.rscData : null;
  if (rsc) copy.rscData = packed(rsc);
  if (Buffer.isBuffer(copy.body)) copy.body = own(copy.body);
  if (copy.segmentData instanceof Map) {
    const same = (b) => rsc != null && b.length === rsc.length && b.equals(rsc);
    copy.segmentData = new Map([...copy.segmentData].map(([k, b]) => [k, !Buffer.isBuffer(b) ? b : same(b) ? copy.rscData : packed(b)]));
  }
  return copy;
}

/**
 * Compressed bytes, marked ({ deflated }) so that restored() knows to inflate them. Copied to their own size: zlib's
 * sync call answers with a slice of its 16 KB working buffer, so a 3 KB payload kept as it came held 16 KB.
 */
function packed(b) {
  return { deflated: own(zlib.deflateRawSync(b)) };
}

const isPacked = (x) => x != null && typeof x === "object" && Buffer.isBuffer(x.deflated);
const unpack = (x) => (isPacked(x) ? zlib.inflateRawSync(x.deflated) : x);
const lengthOf = (x) => (isPacked(x) ? x.deflated.length : x.length);

/** A copy in memory of its own (Buffer.from would put a small one in Node's shared 8 KB pool). */
function own(b) {
  const copy = Buffer.allocUnsafeSlow(b.length);
  b.copy(copy);
  return copy;
}

/** The value as Next.js stored it (its page HTML a string again, its payloads plain buffers). */
function restored(value) {
  if (value.kind !== "APP_PAGE" && value.kind !== "APP_ROUTE") return value;
  const copy = { ...value };
  if (Buffer.isBuffer(copy.html)) copy.html = copy.html.toString("utf8");
  copy.rscData = unpack(copy.rscData);
  if (copy.segmentData instanceof Map) copy.segmentData = new Map([...copy.segmentData].map(([k, b]) => [k, unpack(b)]));
  return copy;
}

function sizeOf(key, value) {
  let size = key.length;
  const counted = new Set();
  const add = (b) => {
    if (b == null || counted.has(b)) return;
    counted.add(b);
    size += lengthOf(b);
  };
  add(value.html);
  add(value.rscData);
  add(value.body);
  if (value.segmentData) for (const [k, b] of value.segmentData) (size += k.length), add(b);
  if (value.kind === "FETCH" || value.kind === "REDIRECT") size += JSON.stringify(value.data ?? value.props ?? "").length;
  return size + 200;
}

function drop(s, key) {
  const e = s.entries.get(key);
  if (!e) return;
  s.entries.delete(key);
  s.bytes -= e.size;
  if (e.path && s.byPath.get(e.path) === key) s.byPath.delete(e.path);
}

/**
 * Of the rendered pages, only the payer's (/pay-v/<id>) are kept: their scripts carry a nonce derived from the page's
 * id, which every later answer's Content-Security-Policy allows (proxy.ts, server/page-policy.ts). Any other page
 * Next.js would keep (the status page, the not-found page, the root's redirect) was rendered with the nonce of the
 * one request that rendered it, which no later policy allows: not keeping it makes Next.js render it per request.
 */
function kept(path, value) {
  return value.kind !== "APP_PAGE" || (path != null && path.startsWith("/pay-v/"));
}

class PageCacheHandler {
  async get(key) {
    const s = store();
    const e = s.entries.get(key);
    if (!e) return null;
    if (e.tags.some((t) => (s.tagTimes.get(t) ?? 0) >= e.lastModified)) {
      drop(s, key);
      return null;
    }
    // Most recently used last: eviction takes from the front.
    s.entries.delete(key);
    s.entries.set(key, e);
    return { lastModified: e.lastModified, value: restored(e.value) };
  }

  async set(key, data, ctx) {
    const s = store();
    drop(s, key);
    if (!data) return;
    const path = pathOf(key);
    if (!kept(path, data)) return;
    data = stored(data);
    const size = sizeOf(key, data);
    if (size > s.maxBytes) return;
    const headerTags = data.headers && typeof data.headers["x-next-cache-tags"] === "string" ? data.headers["x-next-cache-tags"].split(",") : [];
    s.entries.set(key, { value: data, lastModified: Date.now(), size, tags: [...(ctx?.tags ?? []), ...headerTags], path });
    if (path) s.byPath.set(path, key);
    s.bytes += size;
    while (s.bytes > s.maxBytes && s.entries.size > 0) drop(s, s.entries.keys().next().value);
  }

  async revalidateTag(tags) {
    const s = store();
    const now = Date.now();
    for (const t of [tags].flat()) s.tagTimes.set(t, now);
  }

  resetRequestCache() {}
}

module.exports = PageCacheHandler;
