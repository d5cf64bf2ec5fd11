// Next.js's cache handler (next.config.ts `cacheHandler`; CommonJS because Next.js loads it by path, outside the
// bundle): the store of the payer page cache. It keeps the payer's rendered pages (/pay-v/<page id>) in memory only,
// bounded by PAGE_CACHE_MB (default 32): a million payments must not leave a million files under .next/, and nothing
// here needs to outlive the process, since every payer page's path names the state it shows (lib/payer-page-cache.ts).
// The entries live on globalThis so that proxy.ts can serve a payer's page straight from here (cached-html.ts).
"use strict";

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
 * What is kept of a value: a page's HTML as UTF-8 bytes outside the JavaScript heap (a string with one "€" or "—" in
 * it takes two bytes a character there, and the proxy would encode it again for every answer), and buffers copied to
 * their own size (a slice would keep the whole buffer it was cut from).
 */
function stored(value) {
  if (value.kind !== "APP_PAGE" && value.kind !== "APP_ROUTE") return value;
  const copy = { ...value };
  if (typeof copy.html === "string") copy.html = own(Buffer.from(copy.html, "utf8"));
  if (Buffer.isBuffer(copy.rscData)) copy.rscData = own(copy.rscData);
  if (Buffer.isBuffer(copy.body)) copy.body = own(copy.body);
  if (copy.segmentData instanceof Map) copy.segmentData = new Map([...copy.segmentData].map(([k, b]) => [k, Buffer.isBuffer(b) ? own(b) : b]));
  return copy;
}

/** A copy in memory of its own (Buffer.from would put a small one in Node's shared 8 KB pool). */
function own(b) {
  const copy = Buffer.allocUnsafeSlow(b.length);
  b.copy(copy);
  return copy;
}

/** The value as Next.js stored it (its page HTML a string again). */
function restored(value) {
  return Buffer.isBuffer(value.html) ? { ...value, html: value.html.toString("utf8") } : value;
}

function sizeOf(key, value) {
  let size = key.length;
  if (value.html != null) size += value.html.length;
  if (value.rscData != null) size += value.rscData.length;
  if (value.body != null) size += value.body.length;
  if (value.segmentData) for (const [k, b] of value.segmentData) size += k.length + b.length;
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
