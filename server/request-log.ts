// A logger for one request: every line it writes carries the request's id (lib/request-id.ts), which proxy.ts sets on
// page requests and which route handlers and server actions read (or make, for the posts the proxy does not see).
import "server-only";
import type { Logger } from "pino";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/request-id";
import { logWith } from "./logger";

export function requestLog(headers: Headers, fields: Record<string, unknown> = {}): Logger {
  return logWith({ reqId: requestIdOf(headers.get(REQUEST_ID_HEADER)), ...fields });
}
