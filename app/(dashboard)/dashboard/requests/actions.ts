"use server";
// Connection requests. Every action checks the session, the role and (in db/requests) that the request is the
// caller's own or the caller is an admin; bound ids come from the browser, so they are checked like any input.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireStaffAction, type Staff } from "@/auth";
import { getDb } from "@/db/client";
import { addRequestComment, changeRequestStatus, createMethodFromRequest, createRequest, type Viewer } from "@/db/requests";
import { methodFormValuesFrom, parseMethodForm } from "@/lib/method-form";
import { MAX_COMMENT, MAX_REASON, parseRequestForm, requestFormValues, type RequestFieldErrors, type RequestFormValues } from "@/lib/request-form";
import { isRequestStatus, type RequestStatus } from "@/lib/request-status";
import type { MethodFormState } from "@/app/(dashboard)/dashboard/settings/methods/actions";

const LIST = "/dashboard/requests";

const viewer = (s: Staff): Viewer => ({ id: s.id, role: s.role });

function validId(id: unknown): number | null {
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null;
}

function toRequest(id: number, params: Record<string, string>): never {
  revalidatePath("/dashboard", "layout");
  redirect(`${LIST}/${id}?${new URLSearchParams(params)}`);
}

function notFound(): never {
  redirect(`${LIST}?error=not_found`);
}

// ---- Filing a request ----

export type RequestFormState = { message?: string; fieldErrors?: RequestFieldErrors; values?: RequestFormValues };

export async function createRequestAction(_prev: RequestFormState, formData: FormData): Promise<RequestFormState> {
  const staff = await requireStaffAction();
  const values = requestFormValues((n) => formData.get(n));
  const parsed = parseRequestForm(values);
  if (!parsed.ok) return { message: "Please correct the fields marked below.", fieldErrors: parsed.errors, values };
  const r = createRequest(getDb(), viewer(staff), parsed.data);
  toRequest(r.id, { notice: "created" });
}

// ---- The thread ----

export type CommentState = { error?: string; body?: string };

const commentSchema = z
  .string()
  .trim()
  .min(1, "Write something first.")
  .max(MAX_COMMENT, `Keep the comment under ${MAX_COMMENT.toLocaleString("en")} characters.`);

export async function addCommentAction(requestId: number, _prev: CommentState, formData: FormData): Promise<CommentState> {
  const staff = await requireStaffAction();
  const id = validId(requestId);
  if (!id) notFound();
  const raw = formData.get("body");
  const body = typeof raw === "string" ? raw : "";
  const parsed = commentSchema.safeParse(body);
  if (!parsed.success) return { error: parsed.error.issues[0].message, body };
  const res = addRequestComment(getDb(), { requestId: id, author: viewer(staff), body: parsed.data });
  if (!res.ok) {
    if (res.error === "not_found") notFound();
    return { error: "Write something first.", body };
  }
  toRequest(id, { notice: "commented" });
}

// ---- Admins: status changes ----

function expectedStatus(s: unknown): RequestStatus | null {
  return isRequestStatus(s) ? s : null;
}

function afterChange(id: number, res: ReturnType<typeof changeRequestStatus>, notice: string): never {
  if (res.ok) toRequest(id, { notice });
  if (res.error === "not_found") notFound();
  if (res.error === "conflict") toRequest(id, { error: "conflict", status: res.status });
  toRequest(id, { error: res.error });
}

export async function startRequestAction(requestId: number, expected: RequestStatus) {
  const staff = await requireStaffAction("admin");
  const id = validId(requestId);
  if (!id) notFound();
  afterChange(id, changeRequestStatus(getDb(), { requestId: id, actor: viewer(staff), to: "in_progress", expected: expectedStatus(expected) }), "started");
}

export async function reopenRequestAction(requestId: number) {
  const staff = await requireStaffAction("admin");
  const id = validId(requestId);
  if (!id) notFound();
  afterChange(id, changeRequestStatus(getDb(), { requestId: id, actor: viewer(staff), to: "in_progress", expected: "declined" }), "reopened");
}

export type DeclineState = { error?: string; reason?: string };

const reasonSchema = z
  .string()
  .trim()
  .min(1, "Say why, so the requester knows what to do next.")
  .max(MAX_REASON, `Keep the reason under ${MAX_REASON.toLocaleString("en")} characters.`);

export async function declineRequestAction(requestId: number, expected: RequestStatus, _prev: DeclineState, formData: FormData): Promise<DeclineState> {
  const staff = await requireStaffAction("admin");
  const id = validId(requestId);
  if (!id) notFound();
  const raw = formData.get("reason");
  const reason = typeof raw === "string" ? raw : "";
  const parsed = reasonSchema.safeParse(reason);
  if (!parsed.success) return { error: parsed.error.issues[0].message, reason };
  const res = changeRequestStatus(getDb(), { requestId: id, actor: viewer(staff), to: "declined", reason: parsed.data, expected: expectedStatus(expected) });
  if (!res.ok && res.error === "reason_required") return { error: "Say why, so the requester knows what to do next.", reason };
  afterChange(id, res, "declined");
}

// ---- Admins: "Create method from request" ----

export async function createMethodFromRequestAction(requestId: number, _prev: MethodFormState, formData: FormData): Promise<MethodFormState> {
  const staff = await requireStaffAction("admin");
  const id = validId(requestId);
  if (!id) notFound();
  const values = methodFormValuesFrom(formData);
  const parsed = parseMethodForm(values);
  if (!parsed.ok) return { message: "Please correct the fields marked below.", errors: parsed.errors, values };
  const res = createMethodFromRequest(getDb(), { requestId: id, actor: viewer(staff), method: parsed.data });
  if (res.ok) toRequest(id, { notice: "method_created" });
  if (res.error === "not_found") notFound();
  if (res.error === "conflict") toRequest(id, { error: "conflict", status: res.status });
  toRequest(id, { error: res.error });
}
