// The account page's choice of e-mail about payments waiting for approval: each one, a digest, or none. A plain form,
// so it works without JavaScript.
import { CardSection } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { DIGEST_MINUTES, type PendingMailChoice as Choice } from "@/lib/email/outbox-states";

const INTERVALS: Record<(typeof DIGEST_MINUTES)[number], string> = { 15: "15 minutes", 60: "hour", 240: "4 hours", 1440: "day" };

export function PendingMailChoice(props: { action: (formData: FormData) => Promise<void>; email: string; choice: Choice; digestMinutes: number; mailOn: boolean }) {
  const { action, email, choice, digestMinutes, mailOn } = props;
  return (
    <CardSection id="mail" title="E-mail about waiting payments" titleClassName="mb-1 text-lg font-semibold" className="mt-6">
      <p className="mb-3 text-sm text-slate-600">
        {mailOn ? `Sent to ${email} when customers press “I have paid”.` : "E-mail is off on this server; your choice applies once an admin turns it on."}
      </p>
      <form action={action} className="space-y-3">
        <fieldset className="space-y-2 text-sm">
          <legend className="sr-only">How often</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="pendingMail" value="each" defaultChecked={choice === "each"} className="size-4 accent-accent-600" />
            Every payment as it arrives
          </label>
          <label className="flex flex-wrap items-center gap-2">
            <input type="radio" name="pendingMail" value="digest" defaultChecked={choice === "digest"} className="size-4 accent-accent-600" />
            <span>A digest, at most once every</span>
            <select name="digestMinutes" aria-label="Digest interval" defaultValue={String(digestMinutes)} className={`${inputClass} w-auto py-1`}>
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
  );
}
