// Settings → E-mail: whether mail is on (and what is wrong with the setting if it is broken), a test e-mail to
// oneself, and the log of every message with its state, attempts, the server's answer and Resend.
import type { Metadata } from "next";
import { requireStaff } from "@/auth";
import { Flash } from "@/components/dashboard/flash";
import { EmailLog } from "@/components/email/email-log";
import { buttonClass } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db/client";
import { emailLog } from "@/db/email-outbox";
import { describeMailServer, formatMailAddress, readMailSetup } from "@/lib/email/config";
import { resendEmailAction, sendTestEmailAction } from "./actions";

export const metadata: Metadata = { title: "E-mail" };

function TestResult({ q }: { q: Record<string, string | string[] | undefined> }) {
  const one = (k: string) => (typeof q[k] === "string" ? (q[k] as string) : "");
  switch (one("test")) {
    case "sent":
      return <Notice tone="success">Test e-mail sent to {one("to")}. The server answered: {one("answer")}</Notice>;
    case "failed":
      return <Notice tone="error">The test e-mail to {one("to")} was not accepted. The server answered: {one("answer")}</Notice>;
    case "off":
      return <Notice tone="error">E-mail is off: set SMTP_URL and MAIL_FROM first.</Notice>;
    case "invalid":
      return <Notice tone="error">Fix the e-mail setting first (see above).</Notice>;
    default:
      return null;
  }
}

export default async function EmailSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireStaff("admin");
  const q = await searchParams;
  const setup = readMailSetup();
  const rows = await emailLog(await getDb());
  return (
    <div className="space-y-6">
      <Flash params={q} messages={{ resent: "Queued to be sent again; its state below changes in a moment.", unchanged: "That message is already waiting to be sent." }} />
      <TestResult q={q} />
      <CardSection id="state" title="E-mail" titleClassName="mb-3 text-lg font-semibold">
        {setup.state === "off" && (
          <p className="text-sm text-slate-700" data-testid="mail-state">
            <strong>E-mail is off.</strong> Nothing is sent, and nothing waits to be sent. Set <code>SMTP_URL</code> and <code>MAIL_FROM</code> on the server to turn it on
            (docs/email.md).
          </p>
        )}
        {setup.state === "invalid" && (
          <div data-testid="mail-state">
            <Notice tone="error">
              <strong>E-mail is on but cannot be sent.</strong> {setup.error}
            </Notice>
            <p className="mt-2 text-sm text-slate-700">Mail waits in the log below and goes out once the setting is fixed and the server restarted. Payments are not affected.</p>
          </div>
        )}
        {setup.state === "on" && (
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]" data-testid="mail-state">
            <dt className="text-slate-600">State</dt>
            <dd className="font-medium">On</dd>
            <dt className="text-slate-600">Server</dt>
            <dd className="break-all font-mono">{describeMailServer(setup.config)}</dd>
            <dt className="text-slate-600">Sender</dt>
            <dd className="break-all">{formatMailAddress(setup.config.from)}</dd>
          </dl>
        )}
        <form action={sendTestEmailAction} className="mt-4">
          <button type="submit" className={buttonClass("secondary")} disabled={setup.state !== "on"}>
            Send a test e-mail to {me.email}
          </button>
        </form>
      </CardSection>
      <section aria-labelledby="email-log">
        <h2 id="email-log" className="mb-3 text-lg font-semibold">
          Log
        </h2>
        <EmailLog rows={rows} resend={(id) => resendEmailAction.bind(null, id)} />
      </section>
    </div>
  );
}
