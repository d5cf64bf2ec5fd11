// A payment's fields on its dashboard page: amount, who, when, the customer's link and the receipt.
import type { Payment } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { type Detail, DetailList } from "@/components/ui/detail-list";
import { LocalTime } from "@/components/ui/local-time";

function paymentFields(p: Payment, decidedBy: string | null | undefined): Detail[] {
  return [
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
}

function Receipt({ p }: { p: Payment }) {
  if (!p.receiptFile) return <>—</>;
  return (
    <span className="flex flex-wrap gap-3">
      <a href={`/dashboard/payments/${p.id}/receipt`} target="_blank" rel="noopener" className="font-medium text-accent-700 underline">
        Open receipt
      </a>
      <span className="text-sm text-slate-600">{p.receiptMime}, {Math.ceil((p.receiptSize ?? 0) / 1024)} KB</span>
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
        <dt className="text-sm text-slate-600">Receipt</dt>
        <dd>
          <Receipt p={p} />
        </dd>
      </DetailList>
      {p.receiptFile && p.receiptMime?.startsWith("image/") && (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={`/dashboard/payments/${p.id}/receipt`} alt={`Receipt for ${reference}`} className="mt-4 max-h-96 rounded-lg ring-1 ring-slate-200" />
      )}
    </Card>
  );
}
