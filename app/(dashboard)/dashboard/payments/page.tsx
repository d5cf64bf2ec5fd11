// All payments: filter by status and method, search by reference, order or email; keyset pages, newest first.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { allMethods } from "@/db/methods";
import { listPayments } from "@/db/payment-lists";
import { decodeCursor } from "@/lib/cursor";
import { parseId } from "@/lib/parse-id";
import { isPaymentStatus, PAYMENT_STATUSES, withEffectiveStatus } from "@/lib/payment-status";
import { PaymentFilters, PaymentTable } from "@/components/payments/payment-table";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { viewerTimeZone } from "@/app/(dashboard)/viewer-time-zone";

export const metadata: Metadata = { title: "All payments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PaymentsPage({ searchParams }: Props) {
  await requireStaff();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const status = isPaymentStatus(one("status")) ? (one("status") as (typeof PAYMENT_STATUSES)[number]) : null;
  const methodId = parseId(one("method"));
  const q = one("q").trim().slice(0, 200);
  const db = await getDb();
  const cursor = decodeCursor(one("cursor"));
  // The filter's methods and the page of payments at once (on PostgreSQL, two pooled connections).
  const [methods, page] = await Promise.all([allMethods(db), listPayments(db, { status, methodId, q }, { cursor, limit: 50 })]);
  const now = Date.now();
  const [rows, next] = [page.rows.map((p) => withEffectiveStatus(p, now)), page.next];
  const keep = new URLSearchParams();
  if (status) keep.set("status", status);
  if (methodId) keep.set("method", String(methodId));
  if (q) keep.set("q", q);
  const filtered = Boolean(status || methodId || q);
  const tz = await viewerTimeZone();

  return (
    <>
      <PageHeader
        title="All payments"
        actions={
          <Link href="/dashboard/new" className={buttonClass("primary")}>
            New payment link
          </Link>
        }
      />
      <PaymentFilters q={q} status={status} methodId={methodId} methods={methods} filtered={filtered} />
      <PaymentTable rows={rows} tz={tz} filtered={filtered} />
      <Pager
        first={cursor ? { href: `/dashboard/payments?${keep}`, label: "← Newest" } : null}
        next={next ? { href: `/dashboard/payments?${new URLSearchParams([...keep, ["cursor", next]])}`, label: "Older →" } : null}
      />
    </>
  );
}
