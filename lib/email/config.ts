// The e-mail settings from the environment: SMTP_URL (where to send) and MAIL_FROM (who the mail is from). Without
// SMTP_URL e-mail is off and everything else works as before; a broken value is a message for Settings and the log,
// which names what is wrong and never repeats the password.

/** An address with an optional display name: `Shop <billing@shop.example>` or `billing@shop.example`. */
export type MailAddress = { address: string; name?: string };

/**
 * How STARTTLS is used on a plain (smtp://) connection. "opportunistic": upgrade when the server offers it (nodemailer's
 * default); "required": refuse to send unless the upgrade succeeds; "off": never upgrade (a local test server).
 */
export const STARTTLS_MODES = ["opportunistic", "required", "off"] as const;
export type StartTlsMode = (typeof STARTTLS_MODES)[number];

export type MailConfig = {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, usually port 465), as opposed to plain SMTP with STARTTLS. */
  secure: boolean;
  startTls: StartTlsMode;
  /** Both set, or neither: the server is used without authentication. */
  user?: string;
  password?: string;
  from: MailAddress;
};

export type MailSetup =
  | { state: "off" }
  | { state: "on"; config: MailConfig }
  | { state: "invalid"; error: string };

export type MailEnv = Readonly<Record<string, string | undefined>>;

const DEFAULT_PORTS = { smtp: 587, smtps: 465 } as const;
const QUERY_OPTIONS = ["starttls"];

// An address as people write it: no spaces, quotes, brackets or control characters; a dotted domain or a bracketed
// literal. Deliberately plainer than RFC 5322: MAIL_FROM is typed by an admin, and the mail servers it must pass are
// plainer still.
const ADDRESS_RE = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+|localhost)$/;

/** Whether `s` is an e-mail address we send to or from (see ADDRESS_RE). */
export function isMailAddress(s: string): boolean {
  return s.length <= 254 && ADDRESS_RE.test(s);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `Name <addr>`, `"Name" <addr>`, `<addr>` or `addr`. */
export function parseMailAddress(raw: string): Parsed<MailAddress> {
  const s = raw.trim();
  const angled = /^(.*?)\s*<([^<>]*)>$/.exec(s);
  const address = (angled ? angled[2] : s).trim();
  let name = angled ? angled[1].trim() : "";
  if (/^".*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  if (!isMailAddress(address)) return { ok: false, error: `"${address}" is not an e-mail address` };
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, error: "the display name has a control character (a line break?)" };
  return { ok: true, value: name ? { address, name } : { address } };
}

function decode(part: string, what: string): Parsed<string> {
  try {
    return { ok: true, value: decodeURIComponent(part) };
  } catch {
    return { ok: false, error: `the ${what} is not URL-encoded correctly (write % as %25)` };
  }
}

type Server = Omit<MailConfig, "from">;

function parseCredentials(url: URL): Parsed<Pick<Server, "user" | "password">> {
  if (!url.username && !url.password) return { ok: true, value: {} };
  if (!url.username || !url.password) {
    return { ok: false, error: "give both a user name and a password (smtp://user:password@host), or neither" };
  }
  const user = decode(url.username, "user name");
  if (!user.ok) return user;
  const password = decode(url.password, "password");
  if (!password.ok) return password;
  return { ok: true, value: { user: user.value, password: password.value } };
}

function parseStartTls(url: URL, secure: boolean): Parsed<StartTlsMode> {
  const unknown = [...url.searchParams.keys()].filter((k) => !QUERY_OPTIONS.includes(k));
  if (unknown.length) return { ok: false, error: `unknown option "${unknown[0]}" (known: ${QUERY_OPTIONS.join(", ")})` };
  const raw = url.searchParams.get("starttls");
  if (raw === null) return { ok: true, value: "opportunistic" };
  const mode = STARTTLS_MODES.find((m) => m === raw);
  if (!mode) return { ok: false, error: `starttls must be one of ${STARTTLS_MODES.join(", ")}` };
  if (secure) return { ok: false, error: "starttls applies to smtp:// only; smtps:// is TLS from the start" };
  return { ok: true, value: mode };
}

/** SMTP_URL: `smtp://[user:password@]host[:port][?starttls=required|opportunistic|off]` or `smtps://…`. */
export function parseSmtpUrl(raw: string): Parsed<Server> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: "it is not a URL; write smtp://user:password@host:port" };
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== "smtp" && scheme !== "smtps") return { ok: false, error: `the scheme must be smtp:// or smtps://, not ${scheme}://` };
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) return { ok: false, error: "the host is missing" };
  if (url.pathname && url.pathname !== "/") return { ok: false, error: "there is a path after the host; only ?starttls=… may follow it" };
  if (url.hash) return { ok: false, error: "there is a #fragment; a # in the password must be written %23" };
  const credentials = parseCredentials(url);
  if (!credentials.ok) return credentials;
  const secure = scheme === "smtps";
  const startTls = parseStartTls(url, secure);
  if (!startTls.ok) return startTls;
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[scheme];
  if (port < 1) return { ok: false, error: "the port must be between 1 and 65535" };
  return { ok: true, value: { host, port, secure, startTls: startTls.value, ...credentials.value } };
}

/** The e-mail setup from SMTP_URL and MAIL_FROM: off, on with its config, or invalid with the reason. */
export function readMailSetup(env: MailEnv = process.env): MailSetup {
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return { state: "off" };
  const server = parseSmtpUrl(smtpUrl);
  if (!server.ok) return { state: "invalid", error: `SMTP_URL is invalid: ${server.error}.` };
  const rawFrom = env.MAIL_FROM?.trim();
  if (!rawFrom) return { state: "invalid", error: "MAIL_FROM is not set: give the sender, e.g. MAIL_FROM=\"Shop <billing@shop.example>\"." };
  const from = parseMailAddress(rawFrom);
  if (!from.ok) return { state: "invalid", error: `MAIL_FROM is invalid: ${from.error}.` };
  return { state: "on", config: { ...server.value, from: from.value } };
}

/** The server as Settings may show it, without the password: `smtp://user@host:587 (STARTTLS required)`. */
export function describeMailServer(config: MailConfig): string {
  const user = config.user ? `${encodeURIComponent(config.user)}@` : "";
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const tls = config.secure ? "TLS" : config.startTls === "off" ? "no TLS" : `STARTTLS ${config.startTls}`;
  return `${config.secure ? "smtps" : "smtp"}://${user}${host}:${config.port} (${tls})`;
}

/**
 * `"Shop" <billing@shop.example>` for a header: the name quoted so commas and the like stay inside it, and on one line
 * (a customer's name is whatever they typed).
 */
export function formatMailAddress(a: MailAddress): string {
  const name = a.name?.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
  return name ? `"${name.replace(/["\\]/g, "\\$&")}" <${a.address}>` : a.address;
}

/** The first e-mail address in free text ("help@shop.example, +7 900 …"): where a payer's reply should go. */
export function firstMailAddress(text: string): string | null {
  for (const token of text.split(/[\s,;<>()]+/)) {
    const candidate = token.replace(/^mailto:/i, "").replace(/[.:]+$/, "");
    if (candidate.includes("@") && isMailAddress(candidate)) return candidate;
  }
  return null;
}

/**
 * A Message-ID for an outbox row, `<dp-outbox-17@shop.example>` (the sender's domain): stable across attempts, so a
 * mail sent twice after a lost answer is recognisable as one (mail clients and servers drop the duplicate).
 */
export function outboxMessageId(outboxId: number | string, from: MailAddress): string {
  const domain = from.address.slice(from.address.lastIndexOf("@") + 1);
  return `<dp-outbox-${String(outboxId).replace(/[^A-Za-z0-9._-]/g, "")}@${domain}>`;
}

/**
 * Whether mail is written to the outbox at all: SMTP_URL is set, valid or not. A broken setting still queues mail
 * (it waits until an admin fixes it); no setting queues nothing, so turning e-mail on never sends a stale backlog.
 */
export function mailIsConfigured(env: MailEnv = process.env): boolean {
  return !!env.SMTP_URL?.trim();
}

/**
 * MAIL_TIME_SCALE shrinks the outbox's waits (retries, digest intervals) for tests: 0.001 makes a minute 60 ms.
 * Unset, or anything but a positive number: 1.
 */
export function mailTimeScale(env: MailEnv = process.env): number {
  const s = Number(env.MAIL_TIME_SCALE);
  return Number.isFinite(s) && s > 0 ? s : 1;
}
