// One connection request: what was asked, its status, the thread of comments and status changes, and the admins' actions.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentStaff, requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { requestForViewer, threadForViewer } from "@/db/requests";
import { isRequestStatus, REQUEST_STATUS_LABELS } from "@/lib/request-status";
import { RequestStatusBadge } from "@/components/requests/status-badge";
import { CommentForm } from "@/components/requests/comment-form";
import { DeclineForm } from "@/components/requests/decline-form";
import { Flash } from "@/components/dashboard/flash";
import { RequestActions } from "@/components/requests/request-actions";
import { RequestAsked, RequestOutcome } from "@/components/requests/request-summary";
import { RequestThread } from "@/components/requests/request-thread";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { addCommentAction, declineRequestAction, reopenRequestAction, startRequestAction } from "../actions";
import { parseId } from "@/lib/parse-id";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const staff = await currentStaff();
  const id = parseId((await params).id);
  // The same check as the page: someone else's request does not even lend its name to the title.
  const r = staff && id ? await requestForViewer(await getDb(), id, staff) : undefined;
  return { title: r ? `Request: ${r.paymentSystem}` : "Request not found" };
}

export default async function RequestPage({ params, searchParams }: Props) {
  const staff = await requireStaff();
  const id = parseId((await params).id);
  const query = await searchParams;
  const db = await getDb();
  const r = id ? await requestForViewer(db, id, staff) : undefined;
  const thread = r ? await threadForViewer(db, r.id, staff) : undefined;
  if (!r || !thread) notFound();
  const isAdmin = staff.role === "admin";
  const conflictStatus = typeof query.status === "string" && isRequestStatus(query.status) ? REQUEST_STATUS_LABELS[query.status].toLowerCase() : "changed";

  return (
    <>
      <BackLink href="/dashboard/requests">{isAdmin ? "Requests" : "My requests"}</BackLink>
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
      <PageHeader
        title={r.paymentSystem}
        titleClassName="[overflow-wrap:anywhere]"
        badge={
          <span data-testid="request-status">
            <RequestStatusBadge status={r.status} />
          </span>
        }
        actions={
          isAdmin && (
            <RequestActions
              id={r.id}
              status={r.status}
              start={startRequestAction.bind(null, r.id, r.status)}
              reopen={reopenRequestAction.bind(null, r.id)}
              declineForm={<DeclineForm action={declineRequestAction.bind(null, r.id, r.status)} />}
            />
          )
        }
      />
      <RequestOutcome request={r} thread={thread} isAdmin={isAdmin} />
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <RequestAsked request={r} />
        <RequestThread thread={thread} viewerId={staff.id} commentForm={<CommentForm action={addCommentAction.bind(null, r.id)} />} />
      </div>
    </>
  );
}
