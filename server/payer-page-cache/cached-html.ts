// Read access to the payer page cache that next-cache-handler.cjs keeps for Next.js, for proxy.ts (proxy-step.ts) and
// the bench's memory probe: a payer's page that is already rendered is answered straight from memory, without routing
// or rendering. (Next.js compresses the answer: it drops a proxy response's own Content-Encoding, so the page cannot
// be kept gzipped here.)

type Entry = { value: { kind: string; html?: string | Buffer; status?: number }; size: number };
type Store = { entries: Map<string, Entry>; byPath: Map<string, string>; bytes: number };

const GLOBAL_KEY = "__directPaymentsPageCache";

/** The HTML rendered for this path (e.g. /pay-v/<id>), UTF-8 as the handler keeps it, or null when it is not cached. */
export function cachedPageHtml(path: string): string | Buffer | null {
  const s = (globalThis as unknown as Record<string, Store | undefined>)[GLOBAL_KEY];
  const key = s?.byPath.get(path);
  const e = key ? s!.entries.get(key) : undefined;
  if (!key || !e || e.value.kind !== "APP_PAGE" || (e.value.status ?? 200) !== 200 || e.value.html == null) return null;
  // Most recently used last, as the handler does: eviction takes from the front.
  s!.entries.delete(key);
  s!.entries.set(key, e);
  return e.value.html;
}

/** How much the cache holds (the bench's memory probe). */
export function pageCacheStats(): { entries: number; bytes: number } {
  const s = (globalThis as unknown as Record<string, Store | undefined>)[GLOBAL_KEY];
  return { entries: s?.entries.size ?? 0, bytes: s?.bytes ?? 0 };
}
