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
import { mailIsConfigured } from "@/lib/email/config";
import { PendingMailChoice } from "@/components/settings/pending-mail-choice";

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
      <PendingMailChoice action={savePendingMailAction} email={me.email} choice={choice} digestMinutes={user?.digestMinutes ?? 60} mailOn={mailIsConfigured()} />
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
