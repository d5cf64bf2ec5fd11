"use server";
// Connection requests. Every action checks the session and the role (server/staff-action.ts) and, in db/requests,
// that the request is the caller's own or the caller is an admin; bound ids come from the browser, so they are parsed
// like any input.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Staff } from "@/auth";
import { getDb } from "@/db/client";
import { addRequestComment, changeRequestStatus, createMethodFromRequest, createRequest, type Viewer } from "@/db/requests";
import { recordId } from "@/lib/form-state";
import { MethodForm, methodFormValuesFrom } from "@/lib/method-form";
import { CommentForm, DeclineForm, RequestForm, requestFormValues } from "@/lib/request-form";
import { isRequestStatus, type RequestStatus } from "@/lib/request-status";
import { staffAction } from "@/server/staff-action";

const LIST = "/dashboard/requests";

const viewer = (s: Staff): Viewer => ({ id: s.id, role: s.role });

/** The status the page showed when the admin pressed the button: a change made meanwhile is reported, not overridden. */
const expectedStatus = z.custom<RequestStatus>(isRequestStatus);

function toRequest(id: number, params: Record<string, string>): never {
  revalidatePath("/dashboard", "layout");
  redirect(`${LIST}/${id}?${new URLSearchParams(params)}`);
}

function notFound(): never {
  redirect(`${LIST}?error=not_found`);
}

// ---- Filing a request ----

export const createRequestAction = staffAction(
  { role: "staff", schema: RequestForm, read: (formData) => requestFormValues((name) => formData.get(name)) },
  async (request, staff) => {
    const r = await createRequest(await getDb(), viewer(staff), request);
    toRequest(r.id, { notice: "created" });
  },
);

// ---- The thread ----

export const addCommentAction = staffAction({ role: "staff", args: [recordId], schema: CommentForm }, async ({ body }, staff, requestId) => {
  const res = await addRequestComment(await getDb(), { requestId, author: viewer(staff), body });
  if (!res.ok) {
    if (res.error === "not_found") notFound();
    return { fieldErrors: { body: "Write something first." } };
  }
  toRequest(requestId, { notice: "commented" });
});

// ---- Admins: status changes ----

function afterChange(id: number, res: Awaited<ReturnType<typeof changeRequestStatus>>, notice: string): never {
  if (res.ok) toRequest(id, { notice });
  if (res.error === "not_found") notFound();
  if (res.error === "conflict") toRequest(id, { error: "conflict", status: res.status });
  toRequest(id, { error: res.error });
}

export const startRequestAction = staffAction({ role: "admin", args: [recordId, expectedStatus] }, async (_, staff, requestId, expected) => {
  afterChange(requestId, await changeRequestStatus(await getDb(), { requestId, actor: viewer(staff), to: "in_progress", expected }), "started");
});

export const reopenRequestAction = staffAction({ role: "admin", args: [recordId] }, async (_, staff, requestId) => {
  afterChange(requestId, await changeRequestStatus(await getDb(), { requestId, actor: viewer(staff), to: "in_progress", expected: "declined" }), "reopened");
});

export const declineRequestAction = staffAction(
  { role: "admin", args: [recordId, expectedStatus], schema: DeclineForm },
  async ({ reason }, staff, requestId, expected) => {
    const res = await changeRequestStatus(await getDb(), { requestId, actor: viewer(staff), to: "declined", reason, expected });
    if (!res.ok && res.error === "reason_required") return { fieldErrors: { reason: "Say why, so the requester knows what to do next." } };
    afterChange(requestId, res, "declined");
  },
);

// ---- Admins: "Create method from request" ----

export const createMethodFromRequestAction = staffAction(
  { role: "admin", args: [recordId], schema: MethodForm, read: methodFormValuesFrom },
  async (method, staff, requestId) => {
    const res = await createMethodFromRequest(await getDb(), { requestId, actor: viewer(staff), method });
    if (res.ok) toRequest(requestId, { notice: "method_created" });
    if (res.error === "not_found") notFound();
    if (res.error === "conflict") toRequest(requestId, { error: "conflict", status: res.status });
    toRequest(requestId, { error: res.error });
  },
);
