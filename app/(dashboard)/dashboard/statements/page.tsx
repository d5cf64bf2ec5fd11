import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { listBankAccounts } from "@/db/bank/accounts";
import { inboxCount, recentStatements } from "@/db/bank/queries";
import { refundsCount } from "@/db/bank/refunds";
import { Flash } from "@/components/dashboard/flash";
import { UploadForm } from "@/components/bank/upload-form";
import { CardSection, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { LocalTime } from "@/components/ui/local-time";
import { buttonClass } from "@/components/ui/button";
import { uploadStatementAction } from "./actions";

export const metadata: Metadata = { title: "Statements" };

export default async function StatementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff();
  const params = await searchParams;
  const db = await getDb();
  const [accounts, statements, waiting, refunds] = await Promise.all([listBankAccounts(db), recentStatements(db), inboxCount(db), refundsCount(db)]);
  return (
    <>
      <PageHeader
        title="Bank statements"
        description="Import your bank’s statement: payments are found by their reference, the rest waits in the inbox."
        actions={
          <>
            <Link href="/dashboard/statements/inbox" className={buttonClass("secondary")}>
              Unmatched inbox{waiting > 0 ? ` (${waiting})` : ""}
            </Link>
            <Link href="/dashboard/statements/refunds" className={buttonClass("secondary")}>
              Refunds to make{refunds > 0 ? ` (${refunds})` : ""}
            </Link>
          </>
        }
      />
      <Flash params={params} messages={{ upload_gone: "That upload is no longer kept (after a day, or once imported): upload the file again." }} />
      {accounts.length === 0 ? (
        <EmptyState title="No bank account yet" className="mb-6 py-8">
          {staff.role === "admin" ? (
            <>
              Add the account your customers pay into under{" "}
              <Link href="/dashboard/settings/bank-accounts" className="font-medium text-accent-700 underline">
                Settings → Bank accounts
              </Link>
              .
            </>
          ) : (
            "An admin adds the accounts your customers pay into (Settings → Bank accounts)."
          )}
        </EmptyState>
      ) : (
        <CardSection id="import" title="Import a statement" className="mb-6 max-w-2xl">
          <UploadForm action={uploadStatementAction} accounts={accounts.map((a) => ({ id: a.id, label: `${a.name} (${a.currency})` }))} />
        </CardSection>
      )}
      <h2 className="mb-2 text-lg font-semibold">Imported</h2>
      <Table
        columns={[{ label: "Imported" }, { label: "Account" }, { label: "File" }, { label: "Lines", className: "text-right" }, { label: "Matched", className: "text-right" }, { label: "Skipped", className: "text-right" }]}
        empty={{ when: statements.length === 0, title: "No statements imported yet" }}
      >
        {statements.map(({ statement: s, accountName }) => (
          <tr key={s.id}>
            <td className="px-4 py-3 text-sm">
              <LocalTime ms={s.createdAt} />
            </td>
            <td className="px-4 py-3 text-sm">{accountName}</td>
            <td className="px-4 py-3 text-sm">
              <Link href={`/dashboard/statements/${s.id}`} className="font-medium text-accent-700 underline">
                {s.fileName}
              </Link>
              <span className="ml-1 text-slate-500">{s.format}</span>
            </td>
            <td className="tabular px-4 py-3 text-right text-sm">{s.lineCount}</td>
            <td className="tabular px-4 py-3 text-right text-sm">{s.matchedCount}</td>
            <td className="tabular px-4 py-3 text-right text-sm">{s.skippedCount}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
