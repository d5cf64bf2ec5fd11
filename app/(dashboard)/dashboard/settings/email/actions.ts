"use server";
// Settings → E-mail: a test e-mail to oneself (sent at once, so the server's answer shows), and Resend from the log.
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { resendEmail } from "@/db/email-outbox";
import { getBusinessProfile } from "@/db/users";
import { readMailSetup } from "@/lib/email/config";
import { responseForLog } from "@/lib/email/retry";
import { recordId } from "@/lib/form-state";
import { publicOrigin } from "@/lib/public-origin";
import { kickEmailOutbox } from "@/server/jobs";
import { businessForMail } from "@/server/email-sender";
import { sendTestMail } from "@/server/mail-transport";
import { staffAction } from "@/server/staff-action";

const PAGE = "/dashboard/settings/email";

export const sendTestEmailAction = staffAction({ role: "admin" }, async (_, staff) => {
  const setup = readMailSetup();
  if (setup.state !== "on") redirect(`${PAGE}?test=${setup.state}`);
  const business = businessForMail(await getBusinessProfile(await getDb()));
  const result = await sendTestMail(setup.config, { to: { address: staff.email, name: staff.name }, business, appUrl: publicOrigin(), locale: business.defaultLocale });
  const q = new URLSearchParams({ test: result.ok ? "sent" : "failed", to: staff.email, answer: responseForLog(result.response, 300) });
  redirect(`${PAGE}?${q}`);
});

export const resendEmailAction = staffAction({ role: "admin", args: [recordId] }, async (_, _staff, id) => {
  const resent = await resendEmail(await getDb(), id);
  if (resent) kickEmailOutbox();
  redirect(`${PAGE}?notice=${resent ? "resent" : "unchanged"}`);
});
