// A real SMTP server on loopback for tests: it keeps every message it accepts, parsed, lets a test wait for the one it
// expects, and can be told to refuse given recipients (550, for good) or put them off (451, for a number of tries).
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  /** The envelope: MAIL FROM and RCPT TO, as the server saw them (lower-cased addresses). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** The From and To headers' addresses (lower-cased). */
  from: string[];
  to: string[];
  subject: string;
  text: string;
  /** The HTML part, or "" when there is none. */
  html: string;
  headers: ParsedMail["headers"];
  messageId: string | undefined;
  parsed: ParsedMail;
};

/** An answer to RCPT TO for one recipient: refuse with `code` (550, 451, …) `times` times (default: always). */
export type RecipientAnswer = { code: number; message?: string; times?: number };

export type SmtpSinkOptions = {
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
  /** Require this login (AUTH PLAIN/LOGIN over the plain connection). */
  auth?: { user: string; password: string };
};

export type SmtpSink = {
  host: string;
  port: number;
  /** smtp://[user:password@]host:port?starttls=off, for SMTP_URL. */
  url: string;
  /** Every accepted message, in the order they arrived. */
  readonly messages: readonly ReceivedMail[];
  /** How many times each recipient was offered (RCPT TO), accepted or not. */
  attempts(address: string): number;
  /** From now on answer RCPT TO for `address` with `answer` (see RecipientAnswer); `null` accepts it again. */
  answer(address: string, answer: RecipientAnswer | null): void;
  /** The first message, received already or later, that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Forgets the messages and attempts (not the answers). */
  clear(): void;
  close(): Promise<void>;
};

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => (v.address ?? "").toLowerCase()));

function toReceived(parsed: ParsedMail, envelopeFrom: string, envelopeTo: string[]): ReceivedMail {
  return {
    envelopeFrom,
    envelopeTo,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    headers: parsed.headers,
    messageId: parsed.messageId,
    parsed,
  };
}

type Waiter = { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void };

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

type SinkState = { messages: ReceivedMail[]; attempts: Map<string, number>; answers: Map<string, RecipientAnswer>; waiters: Set<Waiter> };

function createServer(state: SinkState, options: SmtpSinkOptions): SMTPServer {
  const { messages, attempts, answers, waiters } = state;
  return new SMTPServer({
    // Loopback only, no certificate: STARTTLS is not offered, and a login (when asked for) goes over the plain line.
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.password;
      callback(ok ? null : smtpError(535, "Authentication failed"), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(address, _session, callback) {
      const rcpt = address.address.toLowerCase();
      attempts.set(rcpt, (attempts.get(rcpt) ?? 0) + 1);
      const answer = answers.get(rcpt);
      if (!answer) return callback();
      if (answer.times !== undefined && --answer.times <= 0) answers.delete(rcpt);
      callback(smtpError(answer.code, answer.message ?? (answer.code >= 500 ? "No such user here" : "Try again later")));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : "";
          const mail = toReceived(parsed, envelopeFrom, session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
          messages.push(mail);
          for (const w of [...waiters]) if (w.match(mail)) (waiters.delete(w), w.resolve(mail));
          callback();
        })
        .catch((e: Error) => callback(smtpError(451, `Could not read the message: ${e.message}`)));
    },
  });
}

function listen(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const addr = server.server.address();
      resolve(typeof addr === "object" && addr ? addr.port : port);
    });
  });
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? "127.0.0.1";
  const state: SinkState = { messages: [], attempts: new Map(), answers: new Map(), waiters: new Set() };
  const server = createServer(state, options);
  // A client that goes away mid-session is the client's business, not a reason to stop the test run.
  server.on("error", () => {});
  const port = await listen(server, options.port ?? 0, host);
  const login = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.password)}@` : "";
  return {
    host,
    port,
    url: `smtp://${login}${host}:${port}?starttls=off`,
    messages: state.messages,
    attempts: (address) => state.attempts.get(address.toLowerCase()) ?? 0,
    answer(address, answer) {
      if (answer) state.answers.set(address.toLowerCase(), { ...answer });
      else state.answers.delete(address.toLowerCase());
    },
    waitFor(match, timeoutMs = 10_000) {
      const found = state.messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          state.waiters.delete(waiter);
          reject(new Error(`No matching e-mail within ${timeoutMs} ms; received: ${JSON.stringify(state.messages.map((m) => [m.envelopeTo, m.subject]))}`));
        }, timeoutMs);
        const waiter: Waiter = { match, resolve: (m) => (clearTimeout(timer), resolve(m)) };
        state.waiters.add(waiter);
      });
    },
    clear() {
      state.messages.length = 0;
      state.attempts.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
