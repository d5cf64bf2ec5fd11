// Requests: the admins' queue of every request, newest first; for agents (or an admin's "Filed by me"), their own.
import type { Metadata } from "next";
import Link from "next/link";
import { currentStaff, requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { decodeRequestCursor, listRequests } from "@/db/requests";
import { isRequestStatus, REQUEST_STATUS_LABELS, REQUEST_STATUS_LIST } from "@/lib/request-status";
import { RequestStatusBadge } from "@/components/requests/status-badge";
import { Flash } from "@/components/dashboard/flash";
import { LocalTime } from "@/components/ui/local-time";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  const staff = await currentStaff();
  return { title: staff?.role === "admin" ? "Requests" : "My requests" };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestsPage({ searchParams }: Props) {
  const staff = await requireStaffPage();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const isAdmin = staff.role === "admin";
  const rawStatus = one("status");
  const status = isRequestStatus(rawStatus) ? rawStatus : null;
  const mineOnly = isAdmin && one("mine") === "1";
  const cursor = decodeRequestCursor(one("cursor"));
  const { rows, next, mine } = listRequests(getDb(), { id: staff.id, role: staff.role }, { status, mine: mineOnly }, { cursor, limit: 50 });

  const href = (p: { status?: string | null; mine?: boolean; cursor?: string }) => {
    const q = new URLSearchParams();
    if (p.status) q.set("status", p.status);
    if (p.mine) q.set("mine", "1");
    if (p.cursor) q.set("cursor", p.cursor);
    const s = q.toString();
    return s ? `/dashboard/requests?${s}` : "/dashboard/requests";
  };
  const filters: { label: string; status: string | null; mine: boolean }[] = [
    { label: "All", status: null, mine: false },
    ...REQUEST_STATUS_LIST.map((s) => ({ label: REQUEST_STATUS_LABELS[s], status: s, mine: false })),
    ...(isAdmin ? [{ label: "Filed by me", status: null, mine: true }] : []),
  ];
  const filtered = Boolean(status || mineOnly);

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{isAdmin ? "Requests" : "My requests"}</h1>
          <p className="text-sm text-slate-600">
            {isAdmin
              ? "Payment methods staff asked for, newest first. Answer in the thread, then create the method or decline."
              : "Payment methods you asked the admins to connect, and where each one stands."}
          </p>
        </div>
        <Link href="/dashboard/requests/new" className={buttonClass("primary")}>
          Request a payment method
        </Link>
      </div>
      <Flash params={params} messages={{ not_found: "That request does not exist, or it is not yours." }} />
      {(rows.length > 0 || filtered || cursor) && (
        <nav aria-label="Filter requests" className="-mx-1 mb-4 flex flex-wrap gap-1 px-1 pb-1">
          {filters.map((f) => {
            const active = (f.status ?? null) === status && f.mine === mineOnly;
            return (
              <Link
                key={f.label}
                href={href(f)}
                aria-current={active ? "page" : undefined}
                className={`shrink-0 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${active ? "bg-accent-600 text-white ring-accent-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
              >
                {f.label}
              </Link>
            );
          })}
        </nav>
      )}

      {rows.length === 0 ? (
        <div className="rounded-2xl bg-white px-6 py-12 text-center ring-1 ring-slate-200">
          <p className="text-lg font-medium">
            {cursor ? "No more requests" : filtered ? "No requests match" : isAdmin ? "No requests yet" : "You have not asked for a payment method yet"}
          </p>
          <p className="mx-auto mt-1 max-w-md text-slate-600">
            {filtered
              ? "Try another filter."
              : "Missing a way your customers like to pay? Tell the admins which payment system and the account to use, and follow it here."}
          </p>
          {!filtered && (
            <Link href="/dashboard/requests/new" className="mt-4 inline-block font-medium text-accent-700 underline">
              Request a payment method
            </Link>
          )}
        </div>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-2xl bg-white ring-1 ring-slate-200" aria-label={mine ? "My requests, most recently updated first" : "Requests, newest first"}>
          {rows.map((r) => (
            <li key={r.id} data-testid="request-row" className="relative flex flex-wrap items-start justify-between gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50">
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/dashboard/requests/${r.id}`} className="min-w-0 font-semibold [overflow-wrap:anywhere] text-accent-700 after:absolute after:inset-0 hover:underline">
                    {r.paymentSystem}
                  </Link>
                  <RequestStatusBadge status={r.status} />
                </div>
                <p className="mt-0.5 text-sm text-slate-600 [overflow-wrap:anywhere]">
                  {r.currencies.join(", ")}
                  {r.countries && ` · ${r.countries}`}
                  {!mine && ` · by ${r.requesterName}`}
                  {r.comments > 0 && ` · ${r.comments} comment${r.comments === 1 ? "" : "s"}`}
                </p>
              </div>
              <div className="basis-full text-sm text-slate-600 sm:basis-auto sm:text-right">
                <div>
                  <span className="text-slate-500">{mine ? "Updated " : "Filed "}</span>
                  <LocalTime ms={mine ? r.updatedAt : r.createdAt} />
                </div>
                {!mine && r.updatedAt !== r.createdAt && (
                  <div className="text-xs text-slate-500">
                    Updated <LocalTime ms={r.updatedAt} />
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {cursor ? (
          <Link href={href({ status, mine: mineOnly })} className="font-medium text-accent-700 underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {next && (
          <Link href={href({ status, mine: mineOnly, cursor: next })} className="font-medium text-accent-700 underline">
            Next page →
          </Link>
        )}
      </nav>
    </>
  );
}
