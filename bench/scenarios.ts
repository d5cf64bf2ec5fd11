// The HTTP scenarios: autocannon on loopback, a warm-up then a fixed duration, a different payment per request where
// the scenario writes. Server actions are replayed exactly as a real click sent them (captured once with Playwright).
import autocannon from "autocannon";
import type { ScenarioResult } from "./report";

/** What one request of a scenario looks like; `next` returns null when the scenario's pool of payments is used up. */
export type RequestSpec = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string | Buffer };

export type Scenario = {
  id: string;
  group: string;
  name: string;
  connections: number;
  /** Statuses that count as success. */
  expected: number[];
  next: () => RequestSpec | null;
  /** For writes: how many rows the scenario really changed since `since` (checked in the database). */
  verify?: (since: number) => number | Promise<number>;
  /** Runs before the warm-up, not measured (e.g. loading the pages a "repeat view" scenario expects in the cache). */
  prepare?: () => Promise<void>;
  note?: string;
};

export type LoadOptions = { baseUrl: string; duration: number; warmup: number; log?: (s: string) => void };

/** Headers every request carries, as a browser would: compressed answers, English. */
export const BROWSER_HEADERS: Record<string, string> = {
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "en-US,en;q=0.9",
  "user-agent": "direct-payments-bench (autocannon)",
};

type RawResult = {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** Answers with an expected status. */
  ok: number;
  /** Requests sent after the pool ran out (repeats of an earlier one), left out of the counts. */
  extra: number;
};

function once(baseUrl: string, s: Scenario, seconds: number): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    let extra = 0;
    let exhausted = false;
    let last: RequestSpec | null = null;
    const first = s.next();
    if (!first) return resolve({ requests: 0, seconds: 0, p50: 0, p99: 0, errors: 0, timeouts: 0, statusCounts: {}, ok: 0, extra: 0 });
    last = first;
    let pendingFirst: RequestSpec | null = first;
    const instance = autocannon(
      {
        url: baseUrl,
        connections: s.connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: first.method,
            path: first.path,
            setupRequest: (req: autocannon.Request) => {
              let spec = pendingFirst ?? s.next();
              pendingFirst = null;
              if (!spec) {
                // Pool used up: end the run; the few requests already on their way repeat the last one.
                extra++;
                spec = last!;
                if (!exhausted) {
                  exhausted = true;
                  setImmediate(() => instance.stop());
                }
              }
              last = spec;
              return { ...req, method: spec.method, path: spec.path, headers: { ...BROWSER_HEADERS, ...(spec.headers ?? {}) }, body: spec.body } as autocannon.Request;
            },
          },
        ],
      },
      (err: Error | null, res: autocannon.Result) => {
        if (err) return reject(err);
        const statusCounts: Record<string, number> = {};
        const stats = (res as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
        for (const [code, v] of Object.entries(stats)) statusCounts[code] = v.count;
        const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);
        const unexpected = Object.entries(statusCounts)
          .filter(([code]) => !s.expected.includes(Number(code)))
          .reduce((a, [, n]) => a + n, 0);
        const counted = Math.max(0, total - extra);
        resolve({
          requests: counted,
          seconds: res.duration,
          p50: res.latency.p50,
          p99: res.latency.p99,
          errors: res.errors + unexpected,
          timeouts: res.timeouts,
          statusCounts,
          ok: Math.max(0, total - unexpected - extra),
          extra: Math.min(extra, total),
        });
      },
    );
  });
}

/** The note of a scenario whose pool of payments ran out before its time was up (its later requests were repeats). */
export const POOL_USED_UP = "pool of payments used up";

/** Runs one scenario: warm-up (not recorded), then the measured run; checks writes against the database. */
export async function runScenario(s: Scenario, o: LoadOptions): Promise<ScenarioResult> {
  if (s.prepare) await s.prepare();
  const since = Date.now();
  let warmOk = 0;
  if (o.warmup > 0) {
    const w = await once(o.baseUrl, s, o.warmup);
    warmOk = w.ok;
    // The load tool stops waiting at the end of the warm-up, but the server still works through what is in flight:
    // let it finish (about one slow answer's time, bounded) so that backlog does not count against the measurement.
    await new Promise((r) => setTimeout(r, Math.min(5000, 200 + 1.5 * (w.p99 || 0))));
  }
  const r = await once(o.baseUrl, s, o.duration);
  // Likewise before the next scenario (and before the writes are counted).
  await new Promise((res) => setTimeout(res, Math.min(5000, 200 + 1.5 * (r.p99 || 0))));
  let errors = r.errors + r.timeouts;
  let note = s.note;
  if (s.verify) {
    // Every answered write must have changed a row; a "success" that wrote nothing is an error.
    const answered = warmOk + r.ok;
    const written = await s.verify(since);
    if (written < answered) {
      errors += answered - written;
      note = `${note ? `${note}; ` : ""}${answered - written} answers without a write`;
    }
  }
  if (r.extra > 0) note = `${note ? `${note}; ` : ""}${POOL_USED_UP} after ${r.seconds.toFixed(1)} s`;
  if (r.requests === 0) note = `${note ? `${note}; ` : ""}no answer within the ${o.duration} s measured: each takes longer; use a longer --duration`;
  const result: ScenarioResult = {
    id: s.id,
    group: s.group,
    name: s.name,
    connections: s.connections,
    seconds: r.seconds,
    requests: r.requests,
    rps: r.seconds > 0 ? r.requests / r.seconds : 0,
    p50: r.p50,
    p99: r.p99,
    errors,
    statusCounts: r.statusCounts,
    ...(note ? { note } : {}),
  };
  o.log?.(
    `  ${s.name} (${s.connections} conn): ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${errors}${note ? ` (${note})` : ""}`,
  );
  return result;
}

// ---- Pools ----

/** Random picks from a list, forever (reads). */
export function randomPicker<T>(items: T[], rand: () => number = Math.random): () => T | null {
  return () => (items.length ? items[Math.floor(rand() * items.length)] : null);
}

/** Loads each path once, a few at a time, as a browser would (before a scenario that expects them cached). */
export async function visitAll(baseUrl: string, paths: string[], concurrency = 4): Promise<void> {
  let i = 0;
  const worker = async () => {
    while (i < paths.length) {
      const res = await fetch(baseUrl + paths[i++], { headers: { ...BROWSER_HEADERS, accept: "text/html" } });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Each item once, in order (writes: a different payment per request). */
export function consumer<T>(items: T[]): () => T | null {
  let i = 0;
  return () => (i < items.length ? items[i++] : null);
}

// ---- Replaying a captured click ----

export type CapturedRequest = { url: string; method: string; headers: Record<string, string>; body: Buffer };

/** Headers a replay must not copy: the load tool sets its own connection, length and host; cookies are given per scenario. */
const DROP = new Set(["host", "connection", "content-length", "cookie", "accept-encoding", "user-agent", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform"]);

/**
 * Turns one captured click (a form post, as the browser sent it) into a template: `sample` (a token in the path, or
 * `paymentId=<id>` in a url-encoded body) is replaced by another value in the path, the headers (the referer) and the
 * body.
 */
export function clickTemplate(captured: CapturedRequest, sample: string, extraHeaders: Record<string, string> = {}) {
  const u = new URL(captured.url);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(captured.headers)) if (!DROP.has(k.toLowerCase()) && !k.startsWith(":")) headers[k] = v;
  const body = captured.body.toString("latin1");
  const path = u.pathname + u.search;
  if (!body.includes(sample) && !path.includes(sample)) throw new Error(`the captured click has no ${sample} in its path or body`);
  const sub = (s: string, v: string) => s.split(sample).join(v);
  return (value: string): RequestSpec => ({
    method: captured.method as "POST",
    path: sub(path, value),
    headers: { ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, sub(v, value)])), ...extraHeaders },
    body: Buffer.from(sub(body, value), "latin1"),
  });
}

/** The Approve click (its pressed button sends paymentId in a url-encoded body) as a template for other payments. */
export function approveTemplate(captured: CapturedRequest, extraHeaders: Record<string, string> = {}) {
  const body = captured.body.toString("latin1");
  const id = /(?:^|&)paymentId=(\d+)(?:&|$)/.exec(body)?.[1];
  if (!id) throw new Error(`unexpected Approve request body: ${body.slice(0, 200)}`);
  const post = clickTemplate(captured, `paymentId=${id}`, extraHeaders);
  return { id, post: (paymentId: number) => post(`paymentId=${paymentId}`) };
}
