// Settings → E-mail's log: each message, newest first, with its state, attempts, the server's last answer and Resend.
import Link from "next/link";
import type { EmailLogRow } from "@/db/email-outbox";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Table } from "@/components/ui/table";
import { EMAIL_KIND_LABELS } from "@/lib/email/outbox-states";
import { EmailStateBadge } from "./email-state-badge";

const COLUMNS = [{ label: "Message" }, { label: "To" }, { label: "State" }, { label: "Attempts" }, { label: "Server's answer" }, { label: "", className: "sr-only" }];

/** `resend` binds the Resend action to one message's id. */
export function EmailLog({ rows, resend }: { rows: EmailLogRow[]; resend: (id: number) => () => Promise<void> }) {
  if (rows.length === 0) return <EmptyState className="py-10">No e-mail yet. Send a test e-mail to yourself to try the server.</EmptyState>;
  return (
    <Table caption="E-mail log" columns={COLUMNS} className="min-w-[48rem] text-sm">
      {rows.map((m) => (
        <tr key={m.id} className="align-top" data-testid="email-row">
          <td className="px-4 py-3">
            <div className="font-medium">{EMAIL_KIND_LABELS[m.kind]}</div>
            <div className="text-slate-600">
              <LocalTime ms={m.createdAt} />
              {m.paymentId && (
                <>
                  {" · "}
                  <Link href={`/dashboard/payments/${m.paymentId}`} className="text-accent-700 underline">payment #{m.paymentId}</Link>
                </>
              )}
            </div>
          </td>
          <td className="break-all px-4 py-3">{m.toAddress}</td>
          <td className="px-4 py-3">
            <EmailStateBadge m={m} />
            {m.status === "pending" && m.attempts > 0 && m.nextAttemptAt && (
              <div className="mt-1 text-xs text-slate-600">
                next <LocalTime ms={m.nextAttemptAt} />
              </div>
            )}
          </td>
          <td className="tabular px-4 py-3">{m.attempts}</td>
          <td className="max-w-xs break-words px-4 py-3 font-mono text-xs text-slate-700">{m.lastResponse ?? "—"}</td>
          <td className="px-4 py-3">
            {m.status !== "pending" && (
              <ActionButton action={resend(m.id)} subject={`${EMAIL_KIND_LABELS[m.kind]} to ${m.toAddress}`}>
                Resend
              </ActionButton>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
