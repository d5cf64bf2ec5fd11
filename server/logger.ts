// One structured logger for the server: JSON lines in production (one object per event, for a log collector), readable
// lines in development. LOG_LEVEL sets the level (default info; "silent" turns it off). Never log a password, a
// session cookie, an API key or a payer's secret link: log ids, references and outcomes.
import "server-only";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

function create(): Logger {
  const level = process.env.LOG_LEVEL || "info";
  if (process.env.NODE_ENV === "production") return pino({ level, base: { pid: process.pid } });
  // In-process (no worker thread), so it works inside Next.js's dev server and in tests alike.
  return pino({ level }, pretty({ colorize: process.stdout.isTTY, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", sync: true }));
}

const KEY = "__directPaymentsLogger";
/** The process's logger (one instance even when Next.js loads this module in several bundles). */
export const logger: Logger = ((globalThis as Record<string, unknown>)[KEY] as Logger | undefined) ?? ((globalThis as Record<string, unknown>)[KEY] = create());

/** A logger whose every line carries these fields (e.g. a request id, a job's name). */
export function logWith(fields: Record<string, unknown>): Logger {
  return logger.child(fields);
}
