// Shared plumbing of the REST API: problem+json errors, API-key authentication, rate limiting, bounded JSON bodies.
import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { apiKeyBySecret } from "@/db/api";
import type { ApiKey } from "@/db/schema";
import { bearerKey } from "@/lib/api/keys";
import { mayKey, type ApiAction, type ScopeDecision } from "@/lib/api/scopes";
import { databaseBuckets } from "@/db/rate-limits";
import { LeasedRateLimiter, perMinuteRule } from "@/lib/rate-limit";
import { requestLog } from "@/server/request-log";

export const MAX_BODY_BYTES = 1024 * 1024;

const PROBLEM_TYPES: Record<number, string> = {
  400: "bad-request",
  401: "unauthorized",
  403: "forbidden",
  404: "not-found",
  405: "method-not-allowed",
  409: "conflict",
  413: "payload-too-large",
  415: "unsupported-media-type",
  422: "invalid-request",
  429: "rate-limited",
  500: "internal-error",
};

/** Answers shorter than this go out as they are; longer ones are compressed when the client accepts it. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * The API's answers are never stored by a cache. Next.js passes a route handler's body on without its length, so its
 * compression would gzip every answer, a 300-byte problem too, though its own threshold is 1 KB: setting up a gzip
 * stream costs the server, and the shop's client its inflate, more than the few bytes it saves. An answer under the
 * threshold says `no-transform`, which Next.js's compression honours (and which asks any proxy on the way to pass the
 * bytes on as they are, as an idempotent replay repeats them).
 */
export function cacheControl(body: string): string {
  return Buffer.byteLength(body) < COMPRESS_FROM_BYTES ? "no-store, no-transform" : "no-store";
}

export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  const body = JSON.stringify({ type: `https://direct-payments.dev/problems/${PROBLEM_TYPES[status] ?? "error"}`, title, status, ...(detail ? { detail } : {}), ...extra });
  return new Response(body, { status, headers: { "content-type": "application/problem+json", "cache-control": cacheControl(body), ...headers } });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { "content-type": "application/json", "cache-control": cacheControl(text), ...headers } });
}

export function validationProblem(error: z.ZodError): Response {
  const errors = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
  return problem(422, "The request has invalid fields.", errors.map((e) => `${e.field}: ${e.message}`).join(" "), { errors });
}

const g = globalThis as unknown as { __dpApiLimiter?: LeasedRateLimiter };
/** Each key's bucket lives in the database (db/rate-limits.ts), shared by every instance; this one leases from it. */
function limiter(): LeasedRateLimiter {
  if (!g.__dpApiLimiter) {
    const rule = perMinuteRule(Number(process.env.API_RATE_LIMIT_PER_MINUTE) || 6000);
    // A twentieth of the burst per lease: one database round trip per 30 requests at the default limit.
    g.__dpApiLimiter = new LeasedRateLimiter(databaseBuckets(getDb, rule), Math.max(1, Math.floor(rule.capacity / 20)));
  }
  return g.__dpApiLimiter;
}

/** The key each request authenticated with, for its log line (handler below). */
const keyOfRequest = new WeakMap<Request, number>();

/** The calling key, or the response to send instead (401 or 429). */
export async function authenticate(req: Request): Promise<{ key: ApiKey } | { response: Response }> {
  const secret = bearerKey(req.headers.get("authorization"));
  const unauthorized = () =>
    problem(401, "A valid API key is required.", "Send it as: Authorization: Bearer dp_live_…", {}, { "www-authenticate": 'Bearer realm="direct-payments"' });
  if (!secret) return { response: unauthorized() };
  const key = await apiKeyBySecret(await getDb(), secret);
  if (!key) return { response: unauthorized() };
  keyOfRequest.set(req, key.id);
  const wait = await limiter().take(`api-key:${key.id}`);
  if (wait > 0) {
    return { response: problem(429, "Too many requests for this API key.", `Try again in ${Math.ceil(wait / 1000)} s.`, {}, { "retry-after": String(Math.ceil(wait / 1000)) }) };
  }
  return { key };
}

/** A payment that does not exist, and one the key may not see: the same answer, byte for byte. */
export function paymentNotFound(): Response {
  return problem(404, "No payment with this id.");
}

/**
 * Whether the calling key may do this (lib/api/scopes.ts), or the answer instead: 403 naming the missing scope, or,
 * for a payment the key may not see, the 404 of a payment that does not exist.
 */
export function authorize(key: ApiKey, action: ApiAction, payment?: { createdByApiKeyId: number | null }): { response: Response } | null {
  const decision = mayKey(key, action, payment);
  return decision.allowed ? null : { response: refusal(decision) };
}

function refusal(d: Exclude<ScopeDecision, { allowed: true }>): Response {
  if (d.as === "not_found") return paymentNotFound();
  if (!d.missingScope) return problem(403, "This API key may not do this.", d.detail);
  return problem(403, `This API key does not have the ${d.missingScope} scope.`, `${d.detail} An admin can create a key with it in Settings → API keys.`, {
    required_scope: d.missingScope,
  });
}

/** Reads a JSON body of at most MAX_BODY_BYTES; the raw text is kept for idempotency hashing. */
export async function readJson(req: Request): Promise<{ raw: string; value: unknown } | { response: Response }> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return { response: problem(413, "The request body is too large.", `At most ${MAX_BODY_BYTES} bytes.`) };
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) return { response: problem(415, "Send the body as application/json.") };
  let raw: string;
  try {
    const buf = await readLimited(req, MAX_BODY_BYTES);
    if (buf == null) return { response: problem(413, "The request body is too large.", `At most ${MAX_BODY_BYTES} bytes.`) };
    raw = new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    return { response: problem(400, "The request body could not be read as UTF-8.") };
  }
  try {
    return { raw, value: JSON.parse(raw) };
  } catch (err) {
    return { response: problem(400, "The request body is not valid JSON.", (err as Error).message.slice(0, 200)) };
  }
}

/** The body's bytes, or null when it is longer than `limit`. */
export async function readLimited(req: Request, limit: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type RouteHandler = (req: Request) => Promise<Response>;

/**
 * Handlers for the methods a route does not have, to export beside its own: 405 problem+json naming the ones it has in
 * Allow (Next.js would answer an empty 405), and OPTIONS with the same Allow (Next.js's own would count these handlers
 * as methods the route has). Usage: `export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");`
 */
export function otherMethods(...allowed: Exclude<Method, "HEAD">[]): Record<Method | "OPTIONS", RouteHandler> {
  const has = new Set<string>([...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
  const allow = [...has].sort().join(", ");
  const notAllowed: RouteHandler = async (req) => problem(405, `${req.method} is not allowed here.`, `This endpoint answers ${allow}.`, {}, { allow });
  const options: RouteHandler = async () => new Response(null, { status: 204, headers: { allow } });
  return { ...Object.fromEntries(METHODS.map((m) => [m, notAllowed])), OPTIONS: options } as Record<Method | "OPTIONS", RouteHandler>;
}

/**
 * Wraps a handler so that an unexpected error still answers problem+json, never an HTML 500 page, and every request
 * leaves one log line: method, path, status, the key that called, how long it took.
 */
export function handler<A extends [Request, ...unknown[]]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    const req = args[0];
    const started = performance.now();
    const log = requestLog(req.headers);
    let res: Response;
    try {
      res = await fn(...args);
    } catch (err) {
      log.error({ err }, "API error");
      res = problem(500, "Something went wrong on our side.", "The request was not completed; it is safe to retry with the same Idempotency-Key.");
    }
    const line = { event: "api.request", method: req.method, path: new URL(req.url).pathname, status: res.status, keyId: keyOfRequest.get(req), ms: Math.round(performance.now() - started) };
    log.info(line, "API request");
    return res;
  };
}

