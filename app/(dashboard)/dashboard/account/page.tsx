import type { Metadata } from "next";
import { currentSessionId, requireStaff } from "@/auth";
import { Flash } from "@/components/dashboard/flash";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { Badge } from "@/components/ui/badge";
import { CardSection } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ConfirmAction } from "@/components/ui/popover";
import { ServerTime } from "@/components/ui/server-time";
import { getDb } from "@/db/client";
import { userSessions } from "@/db/sessions";
import { viewerTimeZone } from "../../viewer-time-zone";
import { changeOwnPasswordAction, savePendingMailAction, signOutEverywhereAction } from "./actions";
import { userById } from "@/db/users";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { mailIsConfigured } from "@/lib/email/config";
import { DIGEST_MINUTES } from "@/lib/email/outbox-states";

const INTERVALS: Record<(typeof DIGEST_MINUTES)[number], string> = { 15: "15 minutes", 60: "hour", 240: "4 hours", 1440: "day" };

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireStaff();
  const params = await searchParams;
  const [sid, tz] = await Promise.all([currentSessionId(), viewerTimeZone()]);
  const sessions = await userSessions(await getDb(), me.id);
  const user = await userById(await getDb(), me.id);
  const choice = user?.pendingMail ?? "none";
  return (
    <div className="max-w-md">
      <PageHeader
        title="Your account"
        description={
          <>
            {me.name} · {me.email} · {me.role}
          </>
        }
      />
      <Flash params={params} messages={{ password: "Password changed. Every other browser signed in as you has been signed out.", mail: "Your e-mail choice is saved." }} />
      <CardSection id="pw" title="Change password" titleClassName="mb-4 text-lg font-semibold">
        <ChangePasswordForm action={changeOwnPasswordAction} />
      </CardSection>
      <CardSection id="mail" title="E-mail about waiting payments" titleClassName="mb-1 text-lg font-semibold" className="mt-6">
        <p className="mb-3 text-sm text-slate-600">
          {mailIsConfigured() ? `Sent to ${me.email} when customers press “I have paid”.` : "E-mail is off on this server; your choice applies once an admin turns it on."}
        </p>
        <form action={savePendingMailAction} className="space-y-3">
          <fieldset className="space-y-2 text-sm">
            <legend className="sr-only">How often</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="pendingMail" value="each" defaultChecked={choice === "each"} className="size-4 accent-accent-600" />
              Every payment as it arrives
            </label>
            <label className="flex flex-wrap items-center gap-2">
              <input type="radio" name="pendingMail" value="digest" defaultChecked={choice === "digest"} className="size-4 accent-accent-600" />
              <span>A digest, at most once every</span>
              <select name="digestMinutes" aria-label="Digest interval" defaultValue={String(user?.digestMinutes ?? 60)} className={`${inputClass} w-auto py-1`}>
                {DIGEST_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {INTERVALS[m]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="pendingMail" value="none" defaultChecked={choice === "none"} className="size-4 accent-accent-600" />
              None
            </label>
          </fieldset>
          <button type="submit" className={buttonClass("secondary")}>
            Save e-mail choice
          </button>
        </form>
      </CardSection>
      <CardSection id="sessions" title="Where you are signed in" titleClassName="mb-1 text-lg font-semibold" className="mt-6">
        <p className="mb-3 text-sm text-slate-600">Each sign-in lasts 12 hours. Signing out anywhere ends it at once.</p>
        <ul className="mb-4 divide-y divide-slate-100 text-sm" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id} className="py-2">
              <div className="font-medium">
                Signed in <ServerTime ms={s.createdAt} tz={tz} />
                {s.id === sid && (
                  <Badge tone="success" className="ml-2">
                    this browser
                  </Badge>
                )}
              </div>
              <div className="break-words text-slate-600">
                {s.clientAddress ?? "unknown address"}
                {s.userAgent ? ` · ${s.userAgent}` : ""}
              </div>
            </li>
          ))}
        </ul>
        <ConfirmAction
          summary="Sign out everywhere"
          align="left"
          message="This signs you out on every device, this one too. Use it when you have lost a device or signed in somewhere you should not have."
          confirmLabel="Sign out on every device"
          action={signOutEverywhereAction}
        />
      </CardSection>
    </div>
  );
}
