// What a request asked for, and how it ended (declined with a reason, or done with the method made from it).
import Link from "next/link";
import type { RequestView, ThreadEntry } from "@/db/requests";
import { CardSection } from "@/components/ui/card";
import { type Detail, DetailList } from "@/components/ui/detail-list";
import { LocalTime } from "@/components/ui/local-time";
import { Callout } from "@/components/ui/notice";

function askedFields(r: RequestView): Detail[] {
  const website =
    r.website && /^https?:\/\//i.test(r.website) ? (
      <a key="w" href={r.website} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-accent-700 underline">
        {r.website}
      </a>
    ) : (
      "—"
    );
  return [
    ["Payment system", r.paymentSystem],
    ["Website", website],
    ["Countries", r.countries || "—"],
    ["Currencies", r.currencies.join(", ") || "—"],
    ["How customers will pay", r.howCustomersPay || "—"],
    ["Account details", r.accountDetails ? <span key="d" className="font-mono text-sm">{r.accountDetails}</span> : "—"],
    ["Comment", r.comment || "—"],
  ];
}

export function RequestAsked({ request: r }: { request: RequestView }) {
  return (
    <CardSection id="asked" title="What was asked" titleClassName="mb-3 font-semibold" className="min-w-0">
      <DetailList items={askedFields(r)} labelWidth="sm:grid-cols-[11rem_1fr]" valueClassName="whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">
        <dt className="text-sm text-slate-600">Requested by</dt>
        <dd className="min-w-0 [overflow-wrap:anywhere]">
          {r.requesterName} <span className="text-sm text-slate-600">· {r.requesterEmail}</span>
        </dd>
        <dt className="text-sm text-slate-600">Filed</dt>
        <dd><LocalTime ms={r.createdAt} /></dd>
        <dt className="text-sm text-slate-600">Last update</dt>
        <dd><LocalTime ms={r.updatedAt} /></dd>
      </DetailList>
    </CardSection>
  );
}

function DoneText({ request: r, isAdmin }: { request: RequestView; isAdmin: boolean }) {
  if (!r.methodId || !r.methodName) return <p className="mt-1 text-emerald-950">The method created for it no longer exists.</p>;
  return (
    <p className="mt-1 text-emerald-950">
      {isAdmin ? (
        <>
          Payment method:{" "}
          <Link href={`/dashboard/settings/methods/${r.methodId}`} className="font-semibold underline">
            {r.methodName}
          </Link>
        </>
      ) : (
        <>
          Customers can now choose <strong>{r.methodName}</strong> where it fits the payment’s currency and amount.{" "}
          <Link href="/dashboard/new" className="font-semibold underline">Create a payment link</Link>
        </>
      )}
    </p>
  );
}

/** The outcome of a closed request, above its details; nothing while it is open. */
export function RequestOutcome({ request: r, thread, isAdmin }: { request: RequestView; thread: ThreadEntry[]; isAdmin: boolean }) {
  const last = (status: "declined" | "done") => thread.filter((e) => e.toStatus === status).at(-1);
  if (r.status === "declined") {
    const decline = last("declined");
    return (
      <Callout tone="error" title={`Declined${decline ? ` by ${decline.authorName}` : ""}`} meta={decline && <LocalTime ms={decline.createdAt} />}>
        <p className="mt-1 whitespace-pre-wrap text-red-950 [overflow-wrap:anywhere]" data-testid="decline-reason">{r.declineReason}</p>
      </Callout>
    );
  }
  if (r.status !== "done") return null;
  const done = last("done");
  return (
    <Callout tone="success" title={`Done${done ? ` by ${done.authorName}` : ""}`} meta={done && <LocalTime ms={done.createdAt} />}>
      <DoneText request={r} isAdmin={isAdmin} />
    </Callout>
  );
}
