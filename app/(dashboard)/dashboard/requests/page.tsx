// Requests: the admins' queue of every request, newest first; for agents (or an admin's "Filed by me"), their own.
import type { Metadata } from "next";
import Link from "next/link";
import { currentStaff, requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { listRequests } from "@/db/requests";
import { decodeCursor } from "@/lib/cursor";
import { isRequestStatus, REQUEST_STATUS_LABELS, REQUEST_STATUSES } from "@/lib/request-status";
import { RequestFilters, RequestList } from "@/components/requests/request-list";
import { Flash } from "@/components/dashboard/flash";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  const staff = await currentStaff();
  return { title: staff?.role === "admin" ? "Requests" : "My requests" };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestsPage({ searchParams }: Props) {
  const staff = await requireStaff();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const isAdmin = staff.role === "admin";
  const rawStatus = one("status");
  const status = isRequestStatus(rawStatus) ? rawStatus : null;
  const mineOnly = isAdmin && one("mine") === "1";
  const cursor = decodeCursor(one("cursor"));
  const { rows, next, mine } = await listRequests(await getDb(), { id: staff.id, role: staff.role }, { status, mine: mineOnly }, { cursor, limit: 50 });

  const href = (p: { status?: string | null; mine?: boolean; cursor?: string }) => {
    const q = new URLSearchParams();
    if (p.status) q.set("status", p.status);
    if (p.mine) q.set("mine", "1");
    if (p.cursor) q.set("cursor", p.cursor);
    const s = q.toString();
    return s ? `/dashboard/requests?${s}` : "/dashboard/requests";
  };
  const filters = [
    { label: "All", status: null, mine: false },
    ...REQUEST_STATUSES.map((s) => ({ label: REQUEST_STATUS_LABELS[s], status: s, mine: false })),
    ...(isAdmin ? [{ label: "Filed by me", status: null, mine: true }] : []),
  ].map((f) => ({ label: f.label, href: href(f), active: f.status === status && f.mine === mineOnly }));
  const filtered = Boolean(status || mineOnly);

  return (
    <>
      <PageHeader
        title={isAdmin ? "Requests" : "My requests"}
        description={
          isAdmin
            ? "Payment methods staff asked for, newest first. Answer in the thread, then create the method or decline."
            : "Payment methods you asked the admins to connect, and where each one stands."
        }
        actions={
          <Link href="/dashboard/requests/new" className={buttonClass("primary")}>
            Request a payment method
          </Link>
        }
      />
      <Flash params={params} messages={{ not_found: "That request does not exist, or it is not yours." }} />
      {(rows.length > 0 || filtered || cursor) && <RequestFilters filters={filters} />}
      {rows.length === 0 ? (
        <EmptyState title={cursor ? "No more requests" : filtered ? "No requests match" : isAdmin ? "No requests yet" : "You have not asked for a payment method yet"}>
          <p>
            {filtered
              ? "Try another filter."
              : "Missing a way your customers like to pay? Tell the admins which payment system and the account to use, and follow it here."}
          </p>
          {!filtered && (
            <Link href="/dashboard/requests/new" className="mt-4 inline-block font-medium text-accent-700 underline">
              Request a payment method
            </Link>
          )}
        </EmptyState>
      ) : (
        <RequestList rows={rows} mine={mine} />
      )}
      <Pager
        first={cursor ? { href: href({ status, mine: mineOnly }), label: "← First page" } : null}
        next={next ? { href: href({ status, mine: mineOnly, cursor: next }), label: "Next page →" } : null}
      />
    </>
  );
}
