// Connection requests: staff ask the admins for a payment method; a thread of comments and logged status changes.
// Who may see or touch a request is checked here too: an agent reaches only their own requests; only admins move them.
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { writeTransaction, type Db } from "./connection";
import { prepared } from "./statement-cache";
import { keysetPage, pastCursor, type PageOptions } from "./keyset";
import { enqueueCommentMail, enqueueNewRequestMail } from "./email-outbox";
import { insertMethod, type MethodInput } from "./methods";
import {
  connectionRequests,
  paymentMethods,
  requestComments,
  users,
  type ConnectionRequest,
  type PaymentMethod,
  type RequestComment,
} from "./tables";
import { canMoveRequest, type RequestStatus } from "@/lib/request-status";
import type { Role } from "@/lib/roles";
import { MAX_COMMENT, MAX_REASON, type RequestData } from "@/lib/request-form";

/** Who is asking: the signed-in staff member's id and role. */
export type Viewer = { id: number; role: Role };

function canSee(viewer: Viewer, r: Pick<ConnectionRequest, "requesterUserId">): boolean {
  return viewer.role === "admin" || r.requesterUserId === viewer.id;
}

/** Files a request; its thread starts with the "new" row saying who filed it and when. */
export async function createRequest(db: Db, requester: Viewer, input: RequestData, now = Date.now()): Promise<ConnectionRequest> {
  return writeTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(connectionRequests)
      .values({ ...input, requesterUserId: requester.id, status: "new", createdAt: now, updatedAt: now })
      .returning();
    await tx.insert(requestComments).values({ requestId: row.id, authorUserId: requester.id, body: "", fromStatus: null, toStatus: "new", createdAt: now });
    await enqueueNewRequestMail(tx, row, now);
    return row;
  });
}

export type RequestView = ConnectionRequest & { requesterName: string; requesterEmail: string; methodName: string | null };

/** The request if this viewer may see it (their own, or any for an admin); otherwise undefined, as if it did not exist. */
export async function requestForViewer(db: Db, id: number, viewer: Viewer): Promise<RequestView | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const [row] = await db
    .select({ r: connectionRequests, requesterName: users.name, requesterEmail: users.email, methodName: paymentMethods.name })
    .from(connectionRequests)
    .innerJoin(users, eq(users.id, connectionRequests.requesterUserId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, connectionRequests.methodId))
    .where(eq(connectionRequests.id, id));
  if (!row || !canSee(viewer, row.r)) return undefined;
  return { ...row.r, requesterName: row.requesterName, requesterEmail: row.requesterEmail, methodName: row.methodName };
}

export type ThreadEntry = RequestComment & { authorName: string; authorRole: Role };

/** The thread, oldest first, if this viewer may see the request. */
export async function threadForViewer(db: Db, requestId: number, viewer: Viewer): Promise<ThreadEntry[] | undefined> {
  const [r] = await db.select({ requesterUserId: connectionRequests.requesterUserId }).from(connectionRequests).where(eq(connectionRequests.id, requestId));
  if (!r || !canSee(viewer, r)) return undefined;
  return db
    .select({
      id: requestComments.id,
      requestId: requestComments.requestId,
      authorUserId: requestComments.authorUserId,
      body: requestComments.body,
      fromStatus: requestComments.fromStatus,
      toStatus: requestComments.toStatus,
      createdAt: requestComments.createdAt,
      authorName: users.name,
      authorRole: users.role,
    })
    .from(requestComments)
    .innerJoin(users, eq(users.id, requestComments.authorUserId))
    .where(eq(requestComments.requestId, requestId))
    .orderBy(asc(requestComments.id));
}

// ---- Lists ----

export type RequestListFilter = { status?: RequestStatus | null; mine?: boolean };

export type RequestListRow = Pick<
  ConnectionRequest,
  "id" | "paymentSystem" | "countries" | "currencies" | "status" | "methodId" | "createdAt" | "updatedAt" | "requesterUserId"
> & { requesterName: string; comments: number };

/**
 * Admins: every request, newest first (the queue). Agents, or an admin asking for their own: the requester's requests,
 * most recently updated first ("My requests"). Keyset pages on (time, id).
 */
export async function listRequests(db: Db, viewer: Viewer, filter: RequestListFilter = {}, opts: PageOptions = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const mine = viewer.role !== "admin" || !!filter.mine;
  const time = mine ? connectionRequests.updatedAt : connectionRequests.createdAt;
  const where: (SQL | undefined)[] = [
    mine ? eq(connectionRequests.requesterUserId, viewer.id) : undefined,
    filter.status ? eq(connectionRequests.status, filter.status) : undefined,
    pastCursor(time, connectionRequests.id, opts.cursor, "desc"),
  ];
  const rows = (await db
    .select({
      id: connectionRequests.id,
      paymentSystem: connectionRequests.paymentSystem,
      countries: connectionRequests.countries,
      currencies: connectionRequests.currencies,
      status: connectionRequests.status,
      methodId: connectionRequests.methodId,
      createdAt: connectionRequests.createdAt,
      updatedAt: connectionRequests.updatedAt,
      requesterUserId: connectionRequests.requesterUserId,
      requesterName: users.name,
      comments: sql<number>`(SELECT count(*) FROM ${requestComments} WHERE ${requestComments.requestId} = ${connectionRequests.id} AND ${requestComments.toStatus} IS NULL)`.mapWith(Number),
    })
    .from(connectionRequests)
    .innerJoin(users, eq(users.id, connectionRequests.requesterUserId))
    .where(and(...where))
    .orderBy(desc(time), desc(connectionRequests.id))
    .limit(limit + 1)) as RequestListRow[];
  return { ...keysetPage(rows, limit, (r) => (mine ? r.updatedAt : r.createdAt)), mine };
}

/** Requests nobody has picked up yet: the admins' badge. */
// An admin's every dashboard page shows it (the navigation's badge): prepared once (./statement-cache).
const newRequestCountQuery = prepared((db) => db.select({ n: count() }).from(connectionRequests).where(eq(connectionRequests.status, "new")).prepare());

export async function newRequestCount(db: Db): Promise<number> {
  return (await newRequestCountQuery(db).execute())[0].n;
}

// ---- Writes: each one transaction that checks the viewer, writes the thread row and touches updated_at ----

export type NotFound = { ok: false; error: "not_found" };
export type Forbidden = { ok: false; error: "forbidden" };
export type Conflict = { ok: false; error: "conflict"; status: RequestStatus };

/**
 * A comment by the requester or an admin. Allowed in every status: the thread goes on after done or declined (to
 * ask why, or to say thanks). Someone else's request answers "not_found", exactly like a missing one.
 */
export async function addRequestComment(
  db: Db,
  input: { requestId: number; author: Viewer; body: string; now?: number },
): Promise<{ ok: true; comment: RequestComment } | NotFound | { ok: false; error: "invalid" }> {
  const body = input.body.replace(/\r\n?/g, "\n").trim();
  if (!body || body.length > MAX_COMMENT) return { ok: false, error: "invalid" };
  const now = input.now ?? Date.now();
  return writeTransaction(db, async (tx) => {
    const [r] = await tx.select().from(connectionRequests).where(eq(connectionRequests.id, input.requestId));
    if (!r || !canSee(input.author, r)) return { ok: false, error: "not_found" } as const;
    const [comment] = await tx
      .insert(requestComments)
      .values({ requestId: r.id, authorUserId: input.author.id, body, fromStatus: null, toStatus: null, createdAt: now })
      .returning();
    await tx.update(connectionRequests).set({ updatedAt: now }).where(eq(connectionRequests.id, r.id));
    await enqueueCommentMail(tx, r, comment, now);
    return { ok: true, comment } as const;
  });
}

export type StatusChangeResult = { ok: true; request: ConnectionRequest } | NotFound | Forbidden | Conflict | { ok: false; error: "reason_required" };

/**
 * An admin starts work on a request, declines it (the reason is required and kept on the request) or reopens a
 * declined one. `expected` is the status the admin was looking at: if someone changed it meanwhile, nothing happens.
 * "done" is not reachable here; see createMethodFromRequest.
 */
export async function changeRequestStatus(
  db: Db,
  input: { requestId: number; actor: Viewer; to: "in_progress" | "declined"; reason?: string; expected?: RequestStatus | null; now?: number },
): Promise<StatusChangeResult> {
  const now = input.now ?? Date.now();
  const reason = (input.reason ?? "").replace(/\r\n?/g, "\n").trim();
  if (input.to !== "in_progress" && input.to !== "declined") return { ok: false, error: "forbidden" };
  return writeTransaction(db, async (tx) => {
    const [r] = await tx.select().from(connectionRequests).where(eq(connectionRequests.id, input.requestId));
    if (!r || !canSee(input.actor, r)) return { ok: false, error: "not_found" } as const;
    if (input.actor.role !== "admin") return { ok: false, error: "forbidden" } as const;
    if ((input.expected && r.status !== input.expected) || !canMoveRequest(r.status, input.to)) {
      return { ok: false, error: "conflict", status: r.status } as const;
    }
    if (input.to === "declined" && (!reason || reason.length > MAX_REASON)) return { ok: false, error: "reason_required" } as const;
    const [request] = await tx
      .update(connectionRequests)
      .set({ status: input.to, declineReason: input.to === "declined" ? reason : null, updatedAt: now })
      .where(and(eq(connectionRequests.id, r.id), eq(connectionRequests.status, r.status)))
      .returning();
    if (!request) return { ok: false, error: "conflict", status: r.status } as const;
    await tx
      .insert(requestComments)
      .values({ requestId: r.id, authorUserId: input.actor.id, body: input.to === "declined" ? reason : "", fromStatus: r.status, toStatus: input.to, createdAt: now });
    return { ok: true, request } as const;
  });
}

/**
 * "Create method from request": in one transaction, creates the payment method (last in display order), links it to
 * the request, marks the request done and logs that in the thread. Nothing is written if any step is refused.
 */
export async function createMethodFromRequest(
  db: Db,
  input: { requestId: number; actor: Viewer; method: MethodInput; now?: number },
): Promise<{ ok: true; method: PaymentMethod; request: ConnectionRequest } | NotFound | Forbidden | Conflict> {
  const now = input.now ?? Date.now();
  return writeTransaction(db, async (tx) => {
    const [r] = await tx.select().from(connectionRequests).where(eq(connectionRequests.id, input.requestId));
    if (!r || !canSee(input.actor, r)) return { ok: false, error: "not_found" } as const;
    if (input.actor.role !== "admin") return { ok: false, error: "forbidden" } as const;
    if (!canMoveRequest(r.status, "done")) return { ok: false, error: "conflict", status: r.status } as const;
    const method = await insertMethod(tx, input.method, now);
    const [request] = await tx
      .update(connectionRequests)
      .set({ status: "done", methodId: method.id, declineReason: null, updatedAt: now })
      .where(and(eq(connectionRequests.id, r.id), eq(connectionRequests.status, r.status)))
      .returning();
    if (!request) throw new Error("connection request changed inside its own write transaction");
    await tx
      .insert(requestComments)
      .values({ requestId: r.id, authorUserId: input.actor.id, body: "", fromStatus: r.status, toStatus: "done", createdAt: now });
    return { ok: true, method, request } as const;
  });
}
