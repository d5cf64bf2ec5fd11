import type { Metadata } from "next";
import { currentSessionId, requireStaffPage } from "@/auth";
import { Flash } from "@/components/dashboard/flash";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { ConfirmAction } from "@/components/ui/popover";
import { ServerTime } from "@/components/ui/server-time";
import { getDb } from "@/db/client";
import { userSessions } from "@/db/sessions";
import { viewerTimeZone } from "../../viewer-time-zone";
import { signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireStaffPage();
  const params = await searchParams;
  const [sid, tz] = await Promise.all([currentSessionId(), viewerTimeZone()]);
  const sessions = userSessions(getDb(), me.id);
  return (
    <div className="max-w-md">
      <h1 className="mb-1 text-2xl font-semibold">Your account</h1>
      <p className="mb-4 text-slate-600">
        {me.name} · {me.email} · {me.role}
      </p>
      <Flash params={params} messages={{ password: "Password changed. Every other browser signed in as you has been signed out." }} />
      <section aria-labelledby="pw" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="pw" className="mb-4 text-lg font-semibold">Change password</h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="sessions" className="mt-6 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="sessions" className="mb-1 text-lg font-semibold">Where you are signed in</h2>
        <p className="mb-3 text-sm text-slate-600">Each sign-in lasts 12 hours. Signing out anywhere ends it at once.</p>
        <ul className="mb-4 divide-y divide-slate-100 text-sm" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id} className="py-2">
              <div className="font-medium">
                Signed in <ServerTime ms={s.createdAt} tz={tz} />
                {s.id === sid && <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-900 ring-1 ring-emerald-200">this browser</span>}
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
      </section>
    </div>
  );
}
