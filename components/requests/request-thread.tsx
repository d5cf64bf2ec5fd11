// A request's thread: comments and status changes in the order they happened, then the box to add a comment.
import type { ReactNode } from "react";
import type { ThreadEntry } from "@/db/requests";
import { REQUEST_STATUS_LABELS } from "@/lib/request-status";
import { CardSection } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

function statusLine(e: ThreadEntry): string {
  if (!e.fromStatus) return "filed the request";
  if (e.toStatus === "in_progress") return e.fromStatus === "declined" ? "reopened the request" : "started working on it";
  if (e.toStatus === "declined") return "declined the request";
  if (e.toStatus === "done") return "created the method and marked the request done";
  return `changed the status to ${REQUEST_STATUS_LABELS[e.toStatus!]}`;
}

function StatusEntry({ e }: { e: ThreadEntry & { toStatus: NonNullable<ThreadEntry["toStatus"]> } }) {
  return (
    <li data-testid="thread-status" className="flex gap-2 text-sm text-slate-700">
      <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-accent-600" />
      <div className="min-w-0">
        <p>
          <span className="font-medium text-slate-900">{e.authorName}</span> {statusLine(e)}
          {e.fromStatus && <span className="text-slate-600"> ({REQUEST_STATUS_LABELS[e.fromStatus]} → {REQUEST_STATUS_LABELS[e.toStatus]})</span>}
          {" · "}
          <span className="text-slate-600"><LocalTime ms={e.createdAt} /></span>
        </p>
        {e.body && <p className="mt-0.5 whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">“{e.body}”</p>}
      </div>
    </li>
  );
}

function CommentEntry({ e, viewerId }: { e: ThreadEntry; viewerId: number }) {
  const admin = e.authorRole === "admin";
  return (
    <li data-testid="thread-comment" className={`rounded-xl p-3 ring-1 ${admin ? "bg-accent-50/60 ring-accent-100" : "bg-slate-50 ring-slate-200"}`}>
      <p className="flex flex-wrap items-center gap-x-2 text-sm">
        <span className="font-semibold text-slate-900">{e.authorName}</span>
        {admin && <span className="rounded bg-white px-1.5 text-xs font-medium text-accent-800 ring-1 ring-accent-100">admin</span>}
        {e.authorUserId === viewerId && <span className="text-xs text-slate-600">(you)</span>}
        <span className="text-slate-600"><LocalTime ms={e.createdAt} /></span>
      </p>
      <p className="mt-1 whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">{e.body}</p>
    </li>
  );
}

export function RequestThread({ thread, viewerId, commentForm }: { thread: ThreadEntry[]; viewerId: number; commentForm: ReactNode }) {
  return (
    <CardSection id="thread" title="Thread" titleClassName="mb-3 font-semibold" className="min-w-0">
      <ol className="mb-5 space-y-3">
        {thread.map((e) => (e.toStatus ? <StatusEntry key={e.id} e={{ ...e, toStatus: e.toStatus }} /> : <CommentEntry key={e.id} e={e} viewerId={viewerId} />))}
      </ol>
      {commentForm}
    </CardSection>
  );
}
