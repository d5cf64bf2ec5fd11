// One payment: every field, the customer's link, the receipt, the decision buttons and the event timeline.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { eventsOfPayment, expireIfDue, paymentById, userName } from "@/db/payments";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { PaymentStatusBadge, STATUS_LABELS } from "@/components/payments/status-badge";
import { DecisionButtons, DecisionForms } from "@/components/dashboard/decision-buttons";
import { cancelStateOf } from "@/components/dashboard/pending-rows";
import { ActionNotice } from "@/components/dashboard/notice";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { siteUrl } from "@/app/site-url";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function parseId(raw: string): number | null {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  const p = id ? paymentById(getDb(), id) : undefined;
  return { title: p ? `Payment ${formatReference(p.reference)}` : "Payment not found" };
}

export default async function PaymentPage({ params, searchParams }: Props) {
  await requireStaffPage();
  const id = parseId((await params).id);
  const query = await searchParams;
  const db = getDb();
  const found = id ? paymentById(db, id) : undefined;
  if (!found) notFound();
  const p = expireIfDue(db, found);
  const events = eventsOfPayment(db, p.id);
  const link = `${await siteUrl()}/pay/${p.token}`;
  const ref = formatReference(p.reference);
  const decidedBy = userName(db, p.decidedByUserId);

  const fields: [string, React.ReactNode][] = [
    ["Amount", <span key="a" className="tabular font-semibold">{formatMoney(p.amount, p.currency, "en")}</span>],
    ["Description", p.description],
    ["Order ID", p.orderId ?? "—"],
    ["Customer", [p.customerName, p.customerEmail].filter(Boolean).join(" · ") || "—"],
    ["Method", p.methodSnapshot?.name ?? "Not chosen yet"],
    ["Transaction ID", p.transactionId ? <span key="t" className="font-mono">{p.transactionId}</span> : "—"],
    ["Created", <LocalTime key="c" ms={p.createdAt} />],
    ["Expires", <LocalTime key="e" ms={p.expiresAt} />],
    ["Submitted", p.submittedAt ? <LocalTime key="s" ms={p.submittedAt} /> : "—"],
    ["Decided", p.decidedAt ? <span key="d"><LocalTime ms={p.decidedAt} />{decidedBy ? ` by ${decidedBy}` : ""}</span> : "—"],
    ["Reason", p.decisionReason ?? "—"],
    ["Return URL", p.returnUrl ?? "—"],
  ];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/payments" className="text-accent-700 underline">← All payments</Link>
      </p>
      {query.created === "1" && (
        <div role="status" className="mb-4 rounded-2xl bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="font-semibold text-emerald-950">Payment link created. Send it to your customer:</p>
          <div className="mt-2 flex items-center gap-2 rounded-lg bg-white px-3 py-2 ring-1 ring-emerald-200">
            <code className="min-w-0 flex-1 break-all text-sm" data-testid="new-link">{link}</code>
            <CopyButton value={link} label="Copy payment link" />
          </div>
        </div>
      )}
      <ActionNotice params={query} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="font-mono text-2xl font-semibold">{ref}</h1>
          <PaymentStatusBadge status={p.status} />
        </div>
        <DecisionButtons paymentId={p.id} reference={ref} status={p.status} cancel={cancelStateOf(query, p.id)} />
        <DecisionForms returnTo="detail" />
      </div>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="fields" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
          <h2 id="fields" className="sr-only">Details</h2>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_1fr]">
            {fields.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="break-words text-slate-900">{value}</dd>
              </div>
            ))}
            <dt className="text-sm text-slate-600">Customer link</dt>
            <dd className="flex items-center gap-2">
              <code className="min-w-0 flex-1 break-all text-sm">{link}</code>
              <CopyButton value={link} label="Copy customer link" />
            </dd>
            <dt className="text-sm text-slate-600">Receipt</dt>
            <dd>
              {p.receiptFile ? (
                <span className="flex flex-wrap gap-3">
                  <a href={`/dashboard/payments/${p.id}/receipt`} target="_blank" rel="noopener" className="font-medium text-accent-700 underline">
                    Open receipt
                  </a>
                  <span className="text-sm text-slate-600">{p.receiptMime}, {Math.ceil((p.receiptSize ?? 0) / 1024)} KB</span>
                </span>
              ) : (
                "—"
              )}
            </dd>
          </dl>
          {p.receiptFile && p.receiptMime?.startsWith("image/") && (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={`/dashboard/payments/${p.id}/receipt`} alt={`Receipt for ${ref}`} className="mt-4 max-h-96 rounded-lg ring-1 ring-slate-200" />
          )}
        </section>
        <section aria-labelledby="timeline" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
          <h2 id="timeline" className="mb-3 font-semibold">Timeline</h2>
          <ol className="space-y-4 border-l-2 border-slate-200 pl-4">
            {events.map((e) => (
              <li key={e.id} className="relative">
                <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-accent-600" />
                <p className="text-sm font-medium">
                  {e.fromStatus ? `${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]}` : "Created"}
                </p>
                <p className="text-sm text-slate-600">
                  {e.actorType === "user" ? e.actorName ?? `user #${e.actorId}` : e.actorType === "customer" ? "Customer" : e.actorType === "api_key" ? "API" : "System"}
                  {" · "}
                  <LocalTime ms={e.createdAt} />
                </p>
                {e.reason && <p className="text-sm text-slate-800">“{e.reason}”</p>}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
