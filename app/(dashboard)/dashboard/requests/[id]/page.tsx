// One connection request: what was asked, its status, the thread of comments and status changes, and the admins' actions.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentStaff, requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { requestForViewer, threadForViewer, type ThreadEntry } from "@/db/requests";
import { isRequestStatus, REQUEST_STATUS_LABELS } from "@/lib/request-status";
import { RequestStatusBadge } from "@/components/requests/status-badge";
import { CommentForm } from "@/components/requests/comment-form";
import { DeclineForm } from "@/components/requests/decline-form";
import { Flash } from "@/components/dashboard/flash";
import { LocalTime } from "@/components/ui/local-time";
import { buttonClass } from "@/components/ui/button";
import { addCommentAction, declineRequestAction, reopenRequestAction, startRequestAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function parseId(raw: string): number | null {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const staff = await currentStaff();
  const id = parseId((await params).id);
  // The same check as the page: someone else's request does not even lend its name to the title.
  const r = staff && id ? requestForViewer(getDb(), id, staff) : undefined;
  return { title: r ? `Request: ${r.paymentSystem}` : "Request not found" };
}

function statusLine(e: ThreadEntry): string {
  if (!e.fromStatus) return "filed the request";
  if (e.toStatus === "in_progress") return e.fromStatus === "declined" ? "reopened the request" : "started working on it";
  if (e.toStatus === "declined") return "declined the request";
  if (e.toStatus === "done") return "created the method and marked the request done";
  return `changed the status to ${REQUEST_STATUS_LABELS[e.toStatus!]}`;
}

export default async function RequestPage({ params, searchParams }: Props) {
  const staff = await requireStaffPage();
  const id = parseId((await params).id);
  const query = await searchParams;
  const db = getDb();
  const r = id ? requestForViewer(db, id, staff) : undefined;
  const thread = r ? threadForViewer(db, r.id, staff) : undefined;
  if (!r || !thread) notFound();
  const isAdmin = staff.role === "admin";
  const open = r.status === "new" || r.status === "in_progress";
  const conflictStatus = typeof query.status === "string" && isRequestStatus(query.status) ? REQUEST_STATUS_LABELS[query.status].toLowerCase() : "changed";
  const decline = thread.filter((e) => e.toStatus === "declined").at(-1);
  const done = thread.filter((e) => e.toStatus === "done").at(-1);

  const fields: [string, React.ReactNode][] = [
    ["Payment system", r.paymentSystem],
    [
      "Website",
      r.website && /^https?:\/\//i.test(r.website) ? (
        <a key="w" href={r.website} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-accent-700 underline">
          {r.website}
        </a>
      ) : (
        "—"
      ),
    ],
    ["Countries", r.countries || "—"],
    ["Currencies", r.currencies.join(", ") || "—"],
    ["How customers will pay", r.howCustomersPay || "—"],
    ["Account details", r.accountDetails ? <span key="d" className="font-mono text-sm">{r.accountDetails}</span> : "—"],
    ["Comment", r.comment || "—"],
  ];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/requests" className="text-accent-700 underline">← {isAdmin ? "Requests" : "My requests"}</Link>
      </p>
      <Flash
        params={query}
        messages={{
          created: "Request sent. The admins will answer here; you can add details in the thread meanwhile.",
          commented: "Comment added.",
          started: "Marked as in progress.",
          declined: "Request declined. The requester sees your reason.",
          reopened: "Request reopened.",
          method_created: `Method “${r.methodName ?? r.paymentSystem}” created and the request marked done.`,
          conflict: `Someone else changed this request meanwhile: it is now ${conflictStatus}. Nothing was changed.`,
        }}
      />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-semibold [overflow-wrap:anywhere]">{r.paymentSystem}</h1>
          <span data-testid="request-status">
            <RequestStatusBadge status={r.status} />
          </span>
        </div>
        {isAdmin && (
          <div className="flex w-full flex-wrap items-start gap-2 sm:w-auto">
            {r.status === "new" && (
              <form action={startRequestAction.bind(null, r.id, r.status)}>
                <button type="submit" className={buttonClass("secondary")}>Start working</button>
              </form>
            )}
            {open && (
              <Link href={`/dashboard/requests/${r.id}/create-method`} className={buttonClass("primary")}>
                Create method from request
              </Link>
            )}
            {open && (
              // On a phone the form opens in the page's flow; on wider screens it drops down under the button.
              <details className="relative w-full sm:w-auto">
                <summary className={buttonClass("secondary", "cursor-pointer list-none text-red-800 [&::-webkit-details-marker]:hidden")}>
                  Decline…
                </summary>
                <div className="mt-2 rounded-xl bg-white p-3 shadow-lg ring-1 ring-slate-200 sm:absolute sm:right-0 sm:z-10">
                  <DeclineForm action={declineRequestAction.bind(null, r.id, r.status)} />
                </div>
              </details>
            )}
            {r.status === "declined" && (
              <form action={reopenRequestAction.bind(null, r.id)}>
                <button type="submit" className={buttonClass("secondary")}>Reopen</button>
              </form>
            )}
          </div>
        )}
      </div>

      {r.status === "declined" && (
        <div role="note" className="mb-4 rounded-2xl bg-red-50 p-4 ring-1 ring-red-200">
          <p className="font-semibold text-red-950">
            Declined{decline ? ` by ${decline.authorName}` : ""}
            {decline && <span className="font-normal text-red-900"> · <LocalTime ms={decline.createdAt} /></span>}
          </p>
          <p className="mt-1 whitespace-pre-wrap text-red-950 [overflow-wrap:anywhere]" data-testid="decline-reason">{r.declineReason}</p>
        </div>
      )}
      {r.status === "done" && (
        <div role="note" className="mb-4 rounded-2xl bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="font-semibold text-emerald-950">
            Done{done ? ` by ${done.authorName}` : ""}
            {done && <span className="font-normal text-emerald-900"> · <LocalTime ms={done.createdAt} /></span>}
          </p>
          {r.methodId && r.methodName ? (
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
          ) : (
            <p className="mt-1 text-emerald-950">The method created for it no longer exists.</p>
          )}
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="asked" className="min-w-0 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
          <h2 id="asked" className="mb-3 font-semibold">What was asked</h2>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[11rem_1fr]">
            {fields.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="min-w-0 whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
              </div>
            ))}
            <dt className="text-sm text-slate-600">Requested by</dt>
            <dd className="min-w-0 [overflow-wrap:anywhere]">
              {r.requesterName} <span className="text-sm text-slate-600">· {r.requesterEmail}</span>
            </dd>
            <dt className="text-sm text-slate-600">Filed</dt>
            <dd><LocalTime ms={r.createdAt} /></dd>
            <dt className="text-sm text-slate-600">Last update</dt>
            <dd><LocalTime ms={r.updatedAt} /></dd>
          </dl>
        </section>

        <section aria-labelledby="thread" className="min-w-0 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
          <h2 id="thread" className="mb-3 font-semibold">Thread</h2>
          <ol className="mb-5 space-y-3">
            {thread.map((e) =>
              e.toStatus ? (
                <li key={e.id} data-testid="thread-status" className="flex gap-2 text-sm text-slate-700">
                  <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-accent-600" />
                  <div className="min-w-0">
                    <p>
                      <span className="font-medium text-slate-900">{e.authorName}</span> {statusLine(e)}
                      {e.fromStatus && (
                        <span className="text-slate-600"> ({REQUEST_STATUS_LABELS[e.fromStatus]} → {REQUEST_STATUS_LABELS[e.toStatus]})</span>
                      )}
                      {" · "}
                      <span className="text-slate-600"><LocalTime ms={e.createdAt} /></span>
                    </p>
                    {e.body && <p className="mt-0.5 whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">“{e.body}”</p>}
                  </div>
                </li>
              ) : (
                <li key={e.id} data-testid="thread-comment" className={`rounded-xl p-3 ring-1 ${e.authorRole === "admin" ? "bg-accent-50/60 ring-accent-100" : "bg-slate-50 ring-slate-200"}`}>
                  <p className="flex flex-wrap items-center gap-x-2 text-sm">
                    <span className="font-semibold text-slate-900">{e.authorName}</span>
                    {e.authorRole === "admin" && <span className="rounded bg-white px-1.5 text-xs font-medium text-accent-800 ring-1 ring-accent-100">admin</span>}
                    {e.authorUserId === staff.id && <span className="text-xs text-slate-500">(you)</span>}
                    <span className="text-slate-600"><LocalTime ms={e.createdAt} /></span>
                  </p>
                  <p className="mt-1 whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">{e.body}</p>
                </li>
              ),
            )}
          </ol>
          <CommentForm action={addCommentAction.bind(null, r.id)} />
        </section>
      </div>
    </>
  );
}
