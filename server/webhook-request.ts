// Sends one webhook POST safely: resolves the host once, refuses it unless every address is public (unless
// WEBHOOK_ALLOW_PRIVATE=1), connects to exactly the addresses it checked (no second DNS answer can swap in another),
// and reads at most a few KB of the answer.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { describeKind, ipAddressKind, type AddressKind } from "@/lib/webhooks/address";
import { webhookUrlProblem } from "@/lib/webhooks/endpoint-url";

export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type WebhookResponse = {
  statusCode: number | null;
  retryAfter: string | null;
  /** The start of the answer's body, for the delivery log. */
  excerpt: string | null;
  error: string | null;
};

/** Bytes of an answer read at most; the rest is never downloaded. */
export const MAX_RESPONSE_BYTES = 4096;
export const EXCERPT_CHARS = 500;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

class DeadlineError extends Error {}

/** The first address that is not public, with its kind; a connection may try any of them, so each must pass. */
function firstNonPublic(addresses: ResolvedAddress[]): { address: string; kind: Exclude<AddressKind, "public"> } | null {
  for (const a of addresses) {
    const kind = ipAddressKind(a.address) ?? "reserved";
    if (kind !== "public") return { address: a.address, kind };
  }
  return null;
}

/**
 * For the endpoint form: what `target`'s host resolves to now, as a problem sentence when any address is not public.
 * Says nothing when the name does not resolve (yet) or the lookup is slow; delivery checks again either way.
 */
export async function resolvedUrlProblem(target: string, options: { resolve?: Resolver; timeoutMs?: number } = {}): Promise<string | null> {
  let hostname: string;
  try {
    hostname = new URL(target.trim()).hostname;
  } catch {
    return null;
  }
  if (ipAddressKind(hostname)) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const addresses = await Promise.race([
      (options.resolve ?? systemResolver)(hostname),
      new Promise<null>((r) => (timer = setTimeout(() => r(null), options.timeoutMs ?? 3_000))),
    ]);
    const bad = addresses && firstNonPublic(addresses);
    return bad ? `${hostname} resolves to ${bad.address}, ${describeKind(bad.kind)}: webhooks go only to addresses on the public internet.` : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** A lookup for node:net that answers with the checked addresses only. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const list = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    if (list.length === 0) {
      const err = Object.assign(new Error(`No IPv${options.family} address for ${hostname}`), { code: "ENOTFOUND" });
      return callback(err, "", 0);
    }
    // With autoSelectFamily (Node 20's default) net asks for all addresses and tries each; else it wants one.
    if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, list);
    else callback(null, list[0].address, list[0].family);
  };
}

function connectError(err: unknown): string {
  const e = err as Error & { code?: string; errors?: { code?: string }[] };
  return `Could not connect: ${e.code ?? e.errors?.[0]?.code ?? e.message}`.slice(0, 300);
}

/**
 * POSTs `body` to `target`. Never throws: a refusal, a connection failure or no answer within `timeoutMs` (which covers
 * the DNS lookup, the connection and the answer) comes back as `error`, with `statusCode` null.
 */
export async function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivate: boolean; timeoutMs: number; resolve?: Resolver },
): Promise<WebhookResponse> {
  const failed = (error: string): WebhookResponse => ({ statusCode: null, retryAfter: null, excerpt: null, error });
  const problem = webhookUrlProblem(target, { allowPrivate: options.allowPrivate });
  if (problem) return failed(`Refused: ${problem}`);
  const url = new URL(target.trim());
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const timeoutMessage = `No answer within ${options.timeoutMs / 1000} s.`;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(timeoutMessage)), options.timeoutMs);
  });
  try {
    let addresses: ResolvedAddress[];
    if (ipAddressKind(hostname)) {
      addresses = [{ address: hostname, family: hostname.includes(":") ? 6 : 4 }];
    } else {
      try {
        addresses = await Promise.race([(options.resolve ?? systemResolver)(hostname), deadline]);
      } catch (err) {
        if (err instanceof DeadlineError) return failed(timeoutMessage);
        return failed(connectError(err));
      }
      if (addresses.length === 0) return failed("Could not connect: ENOTFOUND");
      if (!options.allowPrivate) {
        const bad = firstNonPublic(addresses);
        if (bad) return failed(`Refused: ${hostname} resolves to ${bad.address}, ${describeKind(bad.kind)}.`);
      }
    }
    return await send(url, hostname, addresses, headers, body, deadline);
  } catch (err) {
    if (err instanceof DeadlineError) return failed(timeoutMessage);
    return failed(connectError(err));
  } finally {
    clearTimeout(timer);
  }
}

function send(url: URL, hostname: string, addresses: ResolvedAddress[], headers: Record<string, string>, body: string, deadline: Promise<never>): Promise<WebhookResponse> {
  return new Promise<WebhookResponse>((resolve, reject) => {
    let response: http.IncomingMessage | null = null;
    const request = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      // The name, so TLS checks the certificate for it and Host carries it; lookup pins where the socket goes.
      hostname,
      port: url.port || undefined,
      path: url.pathname + url.search,
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(addresses),
      // A fresh connection each time: a pooled socket would skip the check above.
      agent: false,
    });
    deadline.catch((err) => {
      // An answer whose body is still coming counts with what came; no answer at all is a timeout.
      if (response) response.destroy();
      else {
        request.destroy();
        reject(err);
      }
    });
    request.on("error", reject);
    request.on("response", (res) => {
      response = res;
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        const text = new TextDecoder().decode(Buffer.concat(chunks)).slice(0, EXCERPT_CHARS);
        const retryAfter = res.headers["retry-after"];
        resolve({ statusCode: res.statusCode ?? null, retryAfter: typeof retryAfter === "string" ? retryAfter : null, excerpt: text || null, error: null });
      };
      res.on("data", (chunk: Buffer) => {
        if (done) return;
        chunks.push(chunk);
        size += chunk.length;
        // Enough for the log: close the connection instead of downloading whatever else the receiver sends.
        if (size >= MAX_RESPONSE_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.on("end", finish);
      // The status counts even when the body is cut short (by us, the deadline or the receiver).
      res.on("close", finish);
      res.on("error", finish);
    });
    request.end(body);
  });
}
