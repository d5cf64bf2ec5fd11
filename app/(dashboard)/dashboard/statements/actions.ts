"use server";
// Agents and admins import bank statements and decide the lines the matcher left to a person.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { bankAccountById, saveCsvMapping } from "@/db/bank/accounts";
import { importStatement, readStatementFile } from "@/db/bank/import";
import { approveBankConfirmed, ignoreLine, keepLine, matchLine, rematchInbox, unmatchLine } from "@/db/bank/manual";
import { recordRefund } from "@/db/bank/refunds";
import { saveUpload, uploadById } from "@/db/bank/uploads";
import { MappingForm } from "@/lib/bank/mapping-form";
import { readForm, recordId, secret } from "@/lib/form-state";
import { staffAction } from "@/server/staff-action";

/** 32 MB: a 10,000-line camt.053 is about 8 MB. */
const MAX_STATEMENT_BYTES = 32 * 1024 * 1024;
const uploadId = z.string().regex(/^[a-f0-9]{32}$/);

const UploadForm = z.object({
  bankAccountId: z.string().regex(/^\d{1,9}$/, "Choose the bank account.").transform(Number),
  statement: secret(
    z
      .custom<File>((v) => typeof File !== "undefined" && v instanceof File && v.size > 0, "Choose the statement file (camt.053/054 XML or CSV).")
      .refine((f) => f.size <= MAX_STATEMENT_BYTES, "The file is larger than 32 MB."),
  ),
});

export const uploadStatementAction = staffAction(
  {
    role: "staff",
    schema: UploadForm,
    read: (f) => ({ bankAccountId: typeof f.get("bankAccountId") === "string" ? (f.get("bankAccountId") as string) : "", statement: f.get("statement") as File }),
  },
  async ({ bankAccountId, statement }, staff) => {
    const db = await getDb();
    if (!(await bankAccountById(db, bankAccountId))) return { fieldErrors: { bankAccountId: "Choose the bank account." } };
    const bytes = new Uint8Array(await statement.arrayBuffer());
    const id = await saveUpload(db, { bankAccountId, fileName: statement.name || "statement", bytes, userId: staff.id });
    redirect(`/dashboard/statements/import/${id}`);
  },
);

export const saveMappingAction = staffAction({ role: "staff", args: [uploadId], schema: MappingForm, read: (f) => readForm(MappingForm, f) }, async (mapping, _staff, id) => {
  const db = await getDb();
  const upload = await uploadById(db, id);
  if (!upload) redirect("/dashboard/statements?error=upload_gone");
  await saveCsvMapping(db, upload.bankAccountId, mapping);
  redirect(`/dashboard/statements/import/${id}`);
});

export const importUploadAction = staffAction({ role: "staff", args: [uploadId] }, async (_, staff, id) => {
  const db = await getDb();
  const upload = await uploadById(db, id);
  if (!upload) redirect("/dashboard/statements?error=upload_gone");
  const read = await readStatementFile(db, upload.bankAccountId, upload.bytes);
  if (!read.ok) redirect(`/dashboard/statements/import/${id}`);
  const result = await importStatement(db, read, { fileName: upload.fileName, actor: { userId: staff.id, apiKeyId: null }, uploadId: id });
  if (!result.ok) redirect(`/dashboard/statements/import/${id}?error=duplicate`);
  revalidatePath("/dashboard", "layout");
  redirect(`/dashboard/statements/${result.statementId}?notice=imported`);
});

const MatchForm = z.object({ reference: z.string().trim().min(1, "Enter the payment’s reference.").max(40) });

export const matchLineAction = staffAction({ role: "staff", args: [recordId], schema: MatchForm }, async ({ reference }, staff, lineId) => {
  const result = await matchLine(await getDb(), { lineId, reference, userId: staff.id });
  if (!result.ok) return { fieldErrors: { reference: result.message } };
  revalidatePath("/dashboard", "layout");
  redirect("/dashboard/statements/inbox?notice=matched");
});

const IgnoreForm = z.object({ reason: z.string().trim().min(1, "Say why the line is ignored.").max(500) });

export const ignoreLineAction = staffAction({ role: "staff", args: [recordId], schema: IgnoreForm }, async ({ reason }, staff, lineId) => {
  const result = await ignoreLine(await getDb(), { lineId, reason, userId: staff.id });
  if (!result.ok) return { fieldErrors: { reason: result.message } };
  revalidatePath("/dashboard", "layout");
  redirect("/dashboard/statements/inbox?notice=ignored");
});

export const unmatchLineAction = staffAction({ role: "staff", args: [recordId] }, async (_, staff, lineId) => {
  await unmatchLine(await getDb(), { lineId, userId: staff.id });
  revalidatePath("/dashboard", "layout");
  redirect("/dashboard/statements/inbox?notice=unmatched");
});

export const keepLineAction = staffAction({ role: "staff", args: [recordId] }, async (_, staff, lineId) => {
  const result = await keepLine(await getDb(), { lineId, userId: staff.id });
  revalidatePath("/dashboard", "layout");
  redirect(`/dashboard/statements/inbox?${result.ok ? `notice=${result.sentBack ? "sent_back" : "counted"}` : "error=not_kept"}`);
});

export const rematchAction = staffAction({ role: "staff" }, async () => {
  const n = await rematchInbox(await getDb());
  revalidatePath("/dashboard", "layout");
  redirect(`/dashboard/statements/inbox?notice=rematched&n=${n}`);
});

export const approveBankConfirmedAction = staffAction({ role: "staff" }, async (_, staff) => {
  const n = await approveBankConfirmed(await getDb(), { userId: staff.id });
  revalidatePath("/dashboard", "layout");
  redirect(`/dashboard?notice=bank_approved&n=${n}`);
});

const RefundForm = z.object({
  amount: z.string().trim().min(1, "Enter the amount you sent back.").max(30),
  seenRefunded: z.string().regex(/^\d{1,15}$/, "This form is out of date: reload the page and try again.").transform(Number),
  note: z.string().trim().max(200, "Keep the note under 200 characters."),
});

/** An agent records that they sent money back to a payer (the refunds to make). */
export const recordRefundAction = staffAction({ role: "staff", args: [recordId], schema: RefundForm }, async ({ amount, seenRefunded, note }, staff, paymentId) => {
  const result = await recordRefund(await getDb(), { paymentId, amount, seenRefunded, note, userId: staff.id });
  if (result.ok) {
    revalidatePath("/dashboard", "layout");
    redirect("/dashboard/statements/refunds?notice=refunded");
  }
  if (result.field === "amount") return { fieldErrors: { amount: result.message } };
  // The payment changed since the page was drawn: the page shows it as it is now, the form keeps what was typed (an
  // empty fieldErrors keeps it, as a field's error does).
  revalidatePath("/dashboard/statements/refunds");
  return { message: result.message, fieldErrors: {} };
});
