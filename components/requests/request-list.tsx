// The Requests page's parts: the status filter as links, and one row per request.
import Link from "next/link";
import type { RequestListRow } from "@/db/requests";
import { cardClass } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { RequestStatusBadge } from "./status-badge";

export type RequestFilter = { label: string; href: string; active: boolean };

export function RequestFilters({ filters }: { filters: RequestFilter[] }) {
  return (
    <nav aria-label="Filter requests" className="-mx-1 mb-4 flex flex-wrap gap-1 px-1 pb-1">
      {filters.map((f) => (
        <Link
          key={f.label}
          href={f.href}
          aria-current={f.active ? "page" : undefined}
          className={`shrink-0 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${f.active ? "bg-accent-600 text-white ring-accent-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
        >
          {f.label}
        </Link>
      ))}
    </nav>
  );
}

function RequestRow({ r, mine }: { r: RequestListRow; mine: boolean }) {
  return (
    <li data-testid="request-row" className="relative flex flex-wrap items-start justify-between gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50">
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
  );
}

/** Requests as rows; `mine` lists the viewer's own, most recently updated first, without the requester's name. */
export function RequestList({ rows, mine }: { rows: RequestListRow[]; mine: boolean }) {
  return (
    <ul className={`divide-y divide-slate-200 ${cardClass}`} aria-label={mine ? "My requests, most recently updated first" : "Requests, newest first"}>
      {rows.map((r) => (
        <RequestRow key={r.id} r={r} mine={mine} />
      ))}
    </ul>
  );
}
