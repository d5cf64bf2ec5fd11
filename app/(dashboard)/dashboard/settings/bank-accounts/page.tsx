import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { listBankAccounts } from "@/db/bank/accounts";
import { allMethods } from "@/db/methods";
import { getBusinessProfile } from "@/db/users";
import { Flash } from "@/components/dashboard/flash";
import { BankAccountForm } from "@/components/bank/bank-account-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardSection } from "@/components/ui/card";
import { formatMoney, CURRENCIES } from "@/lib/money";
import { formatIban, isValidIban } from "@/lib/qr/iban";
import { saveBankAccountAction } from "./actions";

export const metadata: Metadata = { title: "Bank accounts" };

export default async function BankAccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("admin");
  const params = await searchParams;
  const db = await getDb();
  const [accounts, methods, profile] = await Promise.all([listBankAccounts(db), allMethods(db), getBusinessProfile(db)]);
  const methodName = new Map(methods.map((m) => [m.id, m.name]));
  return (
    <>
      <Flash params={params} messages={{ created: "Bank account added.", saved: "Bank account saved.", not_found: "That bank account no longer exists." }} />
      <p className="mb-4 text-slate-600">
        The accounts your customers pay into. Import their statements under{" "}
        <Link href="/dashboard/statements" className="font-medium text-accent-700 underline">
          Statements
        </Link>{" "}
        and the payments they pay are found by their reference.
      </p>
      {accounts.length > 0 && (
        <ul className="mb-6 space-y-3">
          {accounts.map((a) => (
            <Card as="li" padding="sm" key={a.id} data-testid="bank-account-row" className="flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0">
                <Link href={`/dashboard/settings/bank-accounts/${a.id}`} className="font-semibold text-accent-700 underline">
                  {a.name}
                </Link>
                <p className="break-all font-mono text-sm text-slate-700">
                  {isValidIban(a.accountNumber) ? formatIban(a.accountNumber) : a.accountNumber} · {a.currency}
                </p>
                <p className="text-sm text-slate-600">
                  {a.methodIds.length > 0 ? a.methodIds.map((id) => methodName.get(id) ?? `method #${id}`).join(", ") : "No methods linked"}
                  {a.feeTolerance > 0 && ` · fee tolerance ${formatMoney(a.feeTolerance, a.currency, "en")}`}
                </p>
              </div>
              {a.autoApprove ? <Badge tone="success">Approves exact matches</Badge> : <Badge tone="muted">Agents approve</Badge>}
            </Card>
          ))}
        </ul>
      )}
      <CardSection id="new-bank-account" title="Add a bank account" className="max-w-2xl">
        <BankAccountForm
          action={saveBankAccountAction.bind(null, null)}
          initial={{ name: "", currency: profile.defaultCurrency, accountNumber: "", methodIds: [], autoApprove: "", feeTolerance: "" }}
          methods={methods.filter((m) => !m.archived).map((m) => ({ id: m.id, name: m.name }))}
          currencies={CURRENCIES}
          submitLabel="Add bank account"
        />
      </CardSection>
    </>
  );
}
