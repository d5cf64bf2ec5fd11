// Sends one rendered mail over SMTP with nodemailer and reports what the server said, as data: the outbox (and
// Settings → E-mail's test button) decide what a refusal means with lib/email/retry.ts. Never throws for the server's
// answers or for a server that cannot be reached.
import "server-only";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { formatMailAddress, type MailAddress, type MailConfig } from "@/lib/email/config";
import type { SendResult } from "@/lib/email/retry";
import { renderStaffMail, type MailBusiness, type RenderedMail } from "@/lib/email/templates";
import type { Locale } from "@/lib/i18n";

/** One mail to one recipient: one envelope per recipient, so one recipient's refusal is that message's alone. */
export type OutgoingMail = RenderedMail & {
  to: MailAddress;
  /** Where replies go (the business's support address), when not to MAIL_FROM. */
  replyTo?: MailAddress;
  /** A stable Message-ID (`<outbox-17@host>`), so a resend after a lost answer is recognisable as the same mail. */
  messageId?: string;
};

export type MailTransport = {
  send(mail: OutgoingMail): Promise<SendResult>;
  /** Closes idle connections; the transport may not be used afterwards. */
  close(): void;
};

/** How long to wait, in ms: for the TCP (and TLS) connection, for the server's greeting, and for any answer after. */
export type MailTimeouts = { connection: number; greeting: number; socket: number };
export const DEFAULT_TIMEOUTS: MailTimeouts = { connection: 10_000, greeting: 10_000, socket: 30_000 };

function transportOptions(config: MailConfig, timeouts: MailTimeouts): SMTPTransport.Options {
  return {
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: !config.secure && config.startTls === "required",
    ignoreTLS: !config.secure && config.startTls === "off",
    auth: config.user !== undefined && config.password !== undefined ? { user: config.user, pass: config.password } : undefined,
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    dnsTimeout: timeouts.connection,
    // Our messages never have attachments; refuse to read files or fetch URLs should one ever sneak in.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
}

type NodemailerError = Error & { code?: string; responseCode?: number; response?: string };

function failure(e: unknown): SendResult {
  const err = (e instanceof Error ? e : new Error(String(e))) as NodemailerError;
  return {
    ok: false,
    code: typeof err.responseCode === "number" ? err.responseCode : null,
    response: err.response?.trim() || err.message,
    errorCode: typeof err.code === "string" ? err.code : null,
  };
}

function replyCode(response: string): number | null {
  const m = /^(\d{3})\b/.exec(response);
  return m ? Number(m[1]) : null;
}

/** A new connection per message (no pool): the outbox sends a few at a time, and none outlives a settings change. */
export function createMailTransport(config: MailConfig, timeouts: MailTimeouts = DEFAULT_TIMEOUTS): MailTransport {
  const transporter = nodemailer.createTransport(transportOptions(config, timeouts));
  return {
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: formatMailAddress(config.from),
          to: formatMailAddress(mail.to),
          replyTo: mail.replyTo ? formatMailAddress(mail.replyTo) : undefined,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          // Tells auto-responders (vacation replies) not to answer (RFC 3834).
          headers: { "Auto-Submitted": "auto-generated" },
        });
        return { ok: true, code: replyCode(info.response), response: info.response, messageId: info.messageId };
      } catch (e) {
        return failure(e);
      }
    },
    close: () => transporter.close(),
  };
}

/** Settings → E-mail's "send a test e-mail": a short mail to the signed-in staff member, and what the server said. */
export async function sendTestMail(
  config: MailConfig,
  input: { to: MailAddress; business: MailBusiness; appUrl: string; locale: Locale },
  timeouts: MailTimeouts = DEFAULT_TIMEOUTS,
): Promise<SendResult> {
  const rendered = renderStaffMail({ kind: "test" }, { business: input.business, appUrl: input.appUrl, locale: input.locale });
  const transport = createMailTransport(config, timeouts);
  try {
    return await transport.send({ ...rendered, to: input.to });
  } finally {
    transport.close();
  }
}
