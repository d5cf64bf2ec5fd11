"use server";
// Admins keep the bank accounts statements are imported into.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createBankAccount, updateBankAccount } from "@/db/bank/accounts";
import { BankAccountForm } from "@/lib/bank/account-form";
import { readForm, recordId } from "@/lib/form-state";
import { staffAction } from "@/server/staff-action";

export const saveBankAccountAction = staffAction(
  { role: "admin", args: [recordId.nullable()], schema: BankAccountForm, read: (f) => readForm(BankAccountForm, f) },
  async (data, _staff, accountId) => {
    const db = await getDb();
    if (accountId == null) {
      const created = await createBankAccount(db, data);
      revalidatePath("/dashboard/settings/bank-accounts");
      redirect(`/dashboard/settings/bank-accounts?notice=created&id=${created.id}`);
    }
    if (!(await updateBankAccount(db, accountId, data))) redirect("/dashboard/settings/bank-accounts?error=not_found");
    redirect(`/dashboard/settings/bank-accounts?notice=saved`);
  },
);
