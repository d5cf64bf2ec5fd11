import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { bankAccountById } from "@/db/bank/accounts";
import { allMethods } from "@/db/methods";
import { BankAccountForm } from "@/components/bank/bank-account-form";
import { CardSection } from "@/components/ui/card";
import { BackLink } from "@/components/ui/page-header";
import { CURRENCIES, minorToDecimal } from "@/lib/money";
import { formatIban, isValidIban } from "@/lib/qr/iban";
import { parseId } from "@/lib/parse-id";
import { saveBankAccountAction } from "../actions";

export const metadata: Metadata = { title: "Bank account" };

export default async function BankAccountPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("admin");
  const id = parseId((await params).id);
  const db = await getDb();
  const account = id === null ? undefined : await bankAccountById(db, id);
  if (!account) notFound();
  const methods = await allMethods(db);
  return (
    <>
      <BackLink href="/dashboard/settings/bank-accounts">Bank accounts</BackLink>
      <CardSection id="edit-bank-account" title={account.name} className="max-w-2xl">
        <BankAccountForm
          action={saveBankAccountAction.bind(null, account.id)}
          initial={{
            name: account.name,
            currency: account.currency,
            accountNumber: isValidIban(account.accountNumber) ? formatIban(account.accountNumber) : account.accountNumber,
            methodIds: account.methodIds.map(String),
            autoApprove: account.autoApprove ? "on" : "",
            feeTolerance: account.feeTolerance > 0 ? minorToDecimal(account.feeTolerance, account.currency) : "",
          }}
          methods={methods.filter((m) => !m.archived || account.methodIds.includes(m.id)).map((m) => ({ id: m.id, name: m.name }))}
          currencies={CURRENCIES}
          submitLabel="Save"
        />
      </CardSection>
    </>
  );
}
