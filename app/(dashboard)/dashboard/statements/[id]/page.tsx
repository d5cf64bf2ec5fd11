import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { linesOfStatement, statementById } from "@/db/bank/queries";
import { LineAmount } from "@/components/bank/amount";
import { LineStateBadge } from "@/components/bank/line-state-badge";
import { LineParty, LineText } from "@/components/bank/line-text";
import { Flash } from "@/components/dashboard/flash";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { parseId } from "@/lib/parse-id";
import { formatReference } from "@/lib/reference";

export const metadata: Metadata = { title: "Statement" };

export default async function StatementPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const id = parseId((await params).id);
  const db = await getDb();
  const found = id === null ? undefined : await statementById(db, id);
  if (!found) notFound();
  const { statement: s, accountName } = found;
  const lines = await linesOfStatement(db, s.id);
  const query = await searchParams;
  return (
    <>
      <BackLink href="/dashboard/statements">Statements</BackLink>
      <PageHeader title={s.fileName} description={`${accountName ?? "Deleted account"} · ${s.format}${s.bankStatementId ? ` · ${s.bankStatementId}` : ""}`} />
      <Flash params={query} messages={{ imported: `Imported: ${lines.length} new ${lines.length === 1 ? "line" : "lines"}, ${s.matchedCount} paying a payment, ${s.skippedCount} already imported before (skipped).` }} />
      <Table
        caption="The statement’s lines"
        columns={[{ label: "Line" }, { label: "Date" }, { label: "Amount", className: "text-right" }, { label: "From / to" }, { label: "Text" }, { label: "State" }, { label: "Payment" }]}
        empty={{ when: lines.length === 0, title: "Every line of this file was imported before." }}
      >
        {lines.map(({ line, paymentReference }) => (
          <tr key={line.id} className="align-top" data-testid="statement-line">
            <td className="px-4 py-2 text-xs text-slate-600">{line.position}</td>
            <td className="whitespace-nowrap px-4 py-2">{line.bookingDate}</td>
            <td className="px-4 py-2 text-right">
              <LineAmount amount={line.amount} currency={line.currency} direction={line.direction} />
            </td>
            <td className="px-4 py-2">
              <LineParty line={line} />
            </td>
            <td className="px-4 py-2">
              <LineText line={line} />
            </td>
            <td className="px-4 py-2">
              <LineStateBadge state={line.state} />
            </td>
            <td className="px-4 py-2">
              {line.paymentId && paymentReference ? (
                <Link href={`/dashboard/payments/${line.paymentId}`} className="font-mono text-accent-700 underline">
                  {formatReference(paymentReference)}
                </Link>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
