// A payment's fields on its dashboard page: amount, who, when, the customer's link and the receipt.
import type { Payment } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { type Detail, DetailList } from "@/components/ui/detail-list";
import { LocalTime } from "@/components/ui/local-time";

/** The fields that have a value: an empty one is left out rather than shown as a row of "—". */
function paymentFields(p: Payment, decidedBy: string | null | undefined): Detail[] {
  const fields: (Detail | false | null | undefined | "" | 0)[] = [
    ["Amount", <span key="a" className="tabular font-semibold">{formatMoney(p.amount, p.currency, "en")}</span>],
    ["Description", p.description],
    p.orderId && ["Order ID", p.orderId],
    (p.customerName || p.customerEmail) && ["Customer", [p.customerName, p.customerEmail].filter(Boolean).join(" · ")],
    ["Method", p.methodSnapshot?.name ?? "Not chosen yet"],
    p.transactionId && ["Transaction ID", <span key="t" className="font-mono [overflow-wrap:anywhere]">{p.transactionId}</span>],
    ["Created", <LocalTime key="c" ms={p.createdAt} />],
    // Once decided, the expiry no longer matters.
    !p.decidedAt && ["Expires", <LocalTime key="e" ms={p.expiresAt} />],
    p.submittedAt && ["Submitted", <LocalTime key="s" ms={p.submittedAt} />],
    p.decidedAt && ["Decided", <span key="d"><LocalTime ms={p.decidedAt} />{decidedBy ? ` by ${decidedBy}` : ""}</span>],
    p.decisionReason && ["Reason", p.decisionReason],
    p.returnUrl && ["Return URL", <span key="r" className="[overflow-wrap:anywhere]">{p.returnUrl}</span>],
  ];
  return fields.filter((f): f is Detail => Array.isArray(f));
}

function Receipt({ p }: { p: Payment }) {
  return (
    <span className="flex flex-wrap gap-3">
      <a href={`/dashboard/payments/${p.id}/receipt`} target="_blank" rel="noopener" className="font-medium text-accent-700 underline">
        Open receipt
      </a>
      <span className="text-sm text-slate-600">
        {/* The name the payer's file had: what they may quote when they write in. */}
        {p.receiptName && <span className="break-all" data-testid="receipt-name">“{p.receiptName}”, </span>}
        {p.receiptMime}, {Math.ceil((p.receiptSize ?? 0) / 1024)} KB
      </span>
    </span>
  );
}

export function PaymentDetails({ payment: p, reference, link, decidedBy }: { payment: Payment; reference: string; link: string; decidedBy: string | null | undefined }) {
  return (
    <Card as="section" aria-labelledby="fields">
      <h2 id="fields" className="sr-only">Details</h2>
      <DetailList items={paymentFields(p, decidedBy)}>
        <dt className="text-sm text-slate-600">Customer link</dt>
        <dd className="flex items-center gap-2">
          <code className="min-w-0 flex-1 break-all text-sm">{link}</code>
          <CopyButton value={link} label="Copy customer link" />
        </dd>
        {p.receiptFile && (
          <>
            <dt className="text-sm text-slate-600">Receipt</dt>
            <dd>
              <Receipt p={p} />
            </dd>
          </>
        )}
      </DetailList>
      {p.receiptFile && p.receiptMime?.startsWith("image/") && (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/dashboard/payments/${p.id}/receipt`} alt={`Receipt for ${reference}`} className="mt-4 max-h-96 rounded-lg ring-1 ring-slate-200" />
      )}
    </Card>
  );
}
