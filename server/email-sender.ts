// Sends the e-mail outbox, as one of the background jobs (server/jobs.ts): claims due messages, renders each with the
// business profile as it is now, sends it over SMTP, and records what the server said (lib/email/retry.ts decides
// sent, try again, or failed). A broken SMTP_URL sends nothing and claims nothing: the mail waits, and Settings →
// E-mail says what is wrong.
import type { Db } from "@/db/client";
import { claimDueEmails, recordEmailAttempt, releaseEmailClaims, type ClaimedEmail } from "@/db/email-outbox";
import { getBusinessProfile } from "@/db/users";
import { mailTimeScale, outboxMessageId, firstMailAddress, readMailSetup, type MailConfig } from "@/lib/email/config";
import { nextStep, type SendResult } from "@/lib/email/retry";
import { renderAddressedMail, type AddressedMail, type MailBusiness } from "@/lib/email/templates";
import { isLocale } from "@/lib/i18n";
import { publicOrigin } from "@/lib/public-origin";
import { logger } from "./logger";
import { createMailTransport, type MailTransport } from "./mail-transport";

/** Messages sent per run (then the job runs again at once if kicked, else at its next turn); one after another. */
const BATCH = 50;

export function businessForMail(profile: Awaited<ReturnType<typeof getBusinessProfile>>): MailBusiness {
  return { name: profile.name, supportContact: profile.supportContact, timeZone: null, defaultLocale: isLocale(profile.defaultLocale) ? profile.defaultLocale : "en" };
}

/** Sends one claimed message and records the attempt. */
export async function sendClaimed(db: Db, m: ClaimedEmail, config: MailConfig, transport: MailTransport, business: MailBusiness, scale: number): Promise<void> {
  const mail = m.mail as AddressedMail;
  let result: SendResult;
  try {
    const rendered = renderAddressedMail(mail, { business, appUrl: publicOrigin(), locale: isLocale(m.locale) ? m.locale : business.defaultLocale });
    const support = mail.audience === "payer" ? firstMailAddress(business.supportContact) : null;
    result = await transport.send({
      ...rendered,
      to: m.toName ? { address: m.toAddress, name: m.toName } : { address: m.toAddress },
      replyTo: support ? { address: support } : undefined,
      messageId: outboxMessageId(m.id, config.from),
    });
  } catch (err) {
    // A message that cannot be rendered never will be: failed for good (EMESSAGE), with the reason in the log.
    result = { ok: false, code: null, response: `Could not render the message: ${err instanceof Error ? err.message : String(err)}`, errorCode: "EMESSAGE" };
  }
  const now = Date.now();
  const next = nextStep({ result, attempts: m.attempts + 1, now, scale });
  const recorded = await recordEmailAttempt(db, { id: m.id, claimToken: m.claimToken, result, next, now });
  const line = { event: "email.attempt", emailId: m.id, kind: m.kind, attempt: m.attempts + 1, code: result.code, outcome: next.state, recorded, response: result.ok ? undefined : result.response };
  logger[next.state === "sent" ? "info" : "warn"](line, "e-mail attempt");
}

/** The sending job's work. `drain` is for a shutdown: nothing more is claimed, and unsent claims are given back. */
export function createEmailWork(options: { db: () => Db | Promise<Db> }) {
  let stopped = false;
  let current: ClaimedEmail[] = [];
  let running: Promise<number> | null = null;
  let warnedInvalid = "";

  async function runOnce(): Promise<number> {
    const setup = readMailSetup();
    if (setup.state !== "on") {
      if (setup.state === "invalid" && warnedInvalid !== setup.error) logger.error({ event: "email.config" }, (warnedInvalid = setup.error));
      return 0;
    }
    const db = await options.db();
    let transport: MailTransport | null = null;
    let business: MailBusiness | null = null;
    const scale = mailTimeScale();
    let done = 0;
    try {
      // One message claimed at a time, so a claim's lease only ever has to cover one send, however slow the server.
      while (done < BATCH && !stopped) {
        const [m] = await claimDueEmails(db, Date.now(), { limit: 1 });
        if (!m) break;
        current = [m];
        business ??= businessForMail(await getBusinessProfile(db));
        transport ??= createMailTransport(setup.config);
        await sendClaimed(db, m, setup.config, transport, business, scale);
        current = [];
        done++;
      }
    } finally {
      transport?.close();
    }
    return done;
  }

  return {
    run(): Promise<number> {
      if (stopped) return Promise.resolve(0);
      running = runOnce().finally(() => {
        running = null;
      });
      return running;
    },
    /** Waits up to `timeoutMs` for the message being sent, then releases the rest of this run's claims. */
    async drain(timeoutMs: number): Promise<number> {
      stopped = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (running) await Promise.race([running.catch(() => 0), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      if (current.length === 0) return 0;
      return releaseEmailClaims(await options.db(), current);
    },
  };
}
