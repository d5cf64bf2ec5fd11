// The Unmatched inbox: statement lines waiting for a person — to review, with suggestions, or unmatched.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { inboxLines, type LineWithPayment } from "@/db/bank/queries";
import type { BankStatementLine } from "@/db/schema";
import { LineAmount } from "@/components/bank/amount";
import { IgnoreLineForm, MatchLineForm } from "@/components/bank/line-forms";
import { LineStateBadge } from "@/components/bank/line-state-badge";
import { LineParty, LineText } from "@/components/bank/line-text";
import { Flash } from "@/components/dashboard/flash";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { keepOf, REVIEW_REASON_TEXT } from "@/lib/bank/line-state";
import { formatReference } from "@/lib/reference";
import { ignoreLineAction, keepLineAction, matchLineAction, rematchAction, unmatchLineAction } from "../actions";

export const metadata: Metadata = { title: "Unmatched inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const lines = await inboxLines(await getDb(), q);
  const n = typeof params.n === "string" ? params.n : "0";
  return (
    <>
      <BackLink href="/dashboard/statements">Statements</BackLink>
      <PageHeader
        title="Unmatched inbox"
        description="Incoming money the matcher could not put to a payment on its own. Your decision here is kept whenever the matcher runs again."
        actions={
          <form action={rematchAction}>
            <button type="submit" className={buttonClass("secondary")}>
              Run the matcher again
            </button>
          </form>
        }
      />
      <Flash
        params={params}
        messages={{
          matched: "Line matched to the payment.",
          ignored: "Line ignored.",
          unmatched: "Line unmatched: it stays here until you decide.",
          sent_back: "Line kept to send back: the payer’s money is in Refunds to make.",
          counted: "Line counted for the approved payment (in Refunds to make, if that makes it paid twice).",
          not_kept: "That line no longer names a cancelled, expired or approved payment: nothing was changed.",
          rematched: `The matcher ran again: ${n} ${n === "1" ? "line now pays its payment" : "lines now pay their payments"}.`,
        }}
      />
      <SearchForm q={q} />
      {lines.length === 0 ? (
        <EmptyState title={q ? "No line matches this search" : "Nothing waiting"}>{q ? <Link href="/dashboard/statements/inbox" className="underline">Show every line</Link> : "Every imported line found its payment or was decided."}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {lines.map(({ line, paymentReference }) => (
            <InboxLine key={line.id} line={line} paymentReference={paymentReference} />
          ))}
        </ul>
      )}
    </>
  );
}

function SearchForm({ q }: { q: string }) {
  return (
    <form role="search" method="get" className="mb-4 flex max-w-xl gap-2">
      <label htmlFor="q" className="sr-only">
        Search by reference, amount or name
      </label>
      <input id="q" name="q" defaultValue={q} placeholder="Reference, amount or name" className={inputClass} />
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
    </form>
  );
}

/** One waiting line: what it says, why it waits, what it may be for, and the decisions. */
function InboxLine({ line, paymentReference }: Pick<LineWithPayment, "line" | "paymentReference">) {
  return (
    <Card as="li" padding="sm" data-testid="inbox-line" className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-wrap items-start gap-x-6 gap-y-2">
          <div>
            <LineAmount amount={line.amount} currency={line.currency} direction={line.direction} />
            <p className="text-xs text-slate-600">{line.bookingDate}</p>
          </div>
          <LineParty line={line} />
          <LineText line={line} />
        </div>
        <LineStateBadge state={line.state} />
      </div>
      {line.state === "review" && <ReviewReason line={line} paymentReference={paymentReference} />}
      {line.suggestions && line.suggestions.length > 0 && <Suggestions suggestions={line.suggestions} />}
      {line.direction === "credit" && !line.reversal && <LineActions line={line} />}
    </Card>
  );
}

function ReviewReason({ line, paymentReference }: Pick<LineWithPayment, "line" | "paymentReference">) {
  return (
    <p className="text-sm text-slate-800">
      {REVIEW_REASON_TEXT[line.reason ?? ""] ?? line.reason}{" "}
      {line.paymentId && paymentReference && (
        <Link href={`/dashboard/payments/${line.paymentId}`} className="font-mono text-accent-700 underline">
          {formatReference(paymentReference)}
        </Link>
      )}
    </p>
  );
}

function Suggestions({ suggestions }: { suggestions: NonNullable<BankStatementLine["suggestions"]> }) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-800">It may be for:</p>
      <ul className="mt-1 space-y-1 text-sm">
        {suggestions.map((sug) => (
          <li key={sug.paymentId}>
            <Link href={`/dashboard/payments/${sug.paymentId}`} className="font-mono text-accent-700 underline">
              {formatReference(sug.reference)}
            </Link>{" "}
            <span className="text-slate-600">— {sug.reasons.join("; ")}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LineActions({ line }: { line: BankStatementLine }) {
  const keep = keepOf(line.reason);
  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-2 border-t border-slate-100 pt-3">
      {line.state === "review" && line.paymentId !== null && keep && (
        // Money for a payment that was cancelled or expired is the payer's to get back; for one an agent approved
        // before the statement came, it is that payment's own.
        <form action={keepLineAction.bind(null, line.id)}>
          <button type="submit" className={buttonClass("primary")}>
            {keep === "send_back" ? "Send back to the payer" : "It pays this payment"}
          </button>
        </form>
      )}
      <MatchLineForm action={matchLineAction.bind(null, line.id)} lineId={line.id} suggested={line.suggestions?.[0] ? formatReference(line.suggestions[0].reference) : undefined} />
      <IgnoreLineForm action={ignoreLineAction.bind(null, line.id)} lineId={line.id} />
      {line.state !== "unmatched" && (
        <form action={unmatchLineAction.bind(null, line.id)}>
          <button type="submit" className={buttonClass("ghost")}>
            Leave unmatched
          </button>
        </form>
      )}
    </div>
  );
}
