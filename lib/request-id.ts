// The id that ties one request's log lines together (server/logger.ts): proxy.ts gives every page request one in the
// `x-request-id` header, and route handlers and server actions, which the proxy does not see, take it from there too
// (server/request-log.ts). An id a client or a reverse proxy sent is kept only when it is well-formed: short, and only
// characters that cannot break a log line or a header.
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

export function isWellFormedRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && WELL_FORMED.test(value);
}

/** The request's id: the one it came with when that one is well-formed, or a new one. */
export function requestIdOf(incoming: string | null | undefined): string {
  return isWellFormedRequestId(incoming) ? incoming : randomUUID();
}
