// The import's preview (and, for a CSV file without a saved mapping, the mapping step first): what the file holds,
// its totals and balance check, and what each line would do. Nothing is written until "Import".
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { bankAccountById } from "@/db/bank/accounts";
import { previewStatement, readStatementFile, type Preview, type ReadResult } from "@/db/bank/import";
import type { PlannedLine } from "@/db/bank/plan";
import type { BankAccount } from "@/db/schema";
import { uploadById, type Upload } from "@/db/bank/uploads";
import { LineAmount } from "@/components/bank/amount";
import { LineStateBadge } from "@/components/bank/line-state-badge";
import { MappingForm } from "@/components/bank/mapping-form";
import { Flash } from "@/components/dashboard/flash";
import { buttonClass } from "@/components/ui/button";
import { Card, CardSection } from "@/components/ui/card";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { guessMapping } from "@/lib/bank/csv-mapping";
import { readCsvRows } from "@/lib/bank/csv";
import { stateOf } from "@/db/bank/plan";
import { REVIEW_REASON_TEXT } from "@/lib/bank/line-state";
import { mappingValues } from "@/lib/bank/mapping-form";
import { statementFileKind } from "@/lib/bank/statement-file";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { importUploadAction, saveMappingAction } from "../../actions";

export const metadata: Metadata = { title: "Import a statement" };

const PREVIEW_ROWS = 200;

export default async function ImportPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ upload: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff();
  const { upload: id } = await params;
  const query = await searchParams;
  const db = await getDb();
  const upload = await uploadById(db, id);
  if (!upload) notFound();
  const account = await bankAccountById(db, upload.bankAccountId);
  if (!account) notFound();
  const isCsv = statementFileKind(upload.bytes) === "csv";

  if (isCsv && (query.mapping === "1" || !account.csvMapping)) {
    return <MappingStep upload={upload} account={account} />;
  }

  const read = await readStatementFile(db, account.id, upload.bytes);
  if (!read.ok) {
    return <CannotImport upload={upload} account={account} read={read} isCsv={isCsv} />;
  }

  const preview = await previewStatement(db, read);
  return (
    <>
      <BackLink href="/dashboard/statements">Statements</BackLink>
      <PageHeader title="Preview" description={`${upload.fileName} · ${account.name} · ${read.format}`} />
      <Flash params={query} messages={{ duplicate: "This file was imported before: nothing was imported again." }} />
      {preview.duplicateFile && (
        <p role="alert" className="mb-4 rounded-lg bg-red-50 px-4 py-3 text-sm font-medium text-red-900 ring-1 ring-red-200">
          This file was imported before (the same file, byte for byte). It cannot be imported again.
        </p>
      )}
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <TotalsSection preview={preview} />
        <WouldSection preview={preview} uploadId={upload.id} />
      </div>
      <PreviewLines lines={preview.plan.lines} />
    </>
  );
}

/** The file's first rows, read with the account's encoding and delimiter (if any); none when unreadable. */
function sampleRows(upload: Upload, account: BankAccount): string[][] {
  try {
    return readCsvRows(upload.bytes, { encoding: account.csvMapping?.encoding, delimiter: account.csvMapping?.delimiter }).rows.slice(0, 6).map((r) => r.cells);
  } catch {
    return [];
  }
}

/** The mapping step: the file's first rows and the column-mapping form. */
function MappingStep({ upload, account }: { upload: Upload; account: BankAccount }) {
  const rows = sampleRows(upload, account);
  const width = Math.max(0, ...rows.map((r) => r.length));
  const header = rows[0] ?? [];
  const guess = account.csvMapping ?? guessMapping(header, rows.slice(1), { fallbackCurrency: account.currency });
  const initial = guess
    ? mappingValues(guess)
    : { hasHeader: "on", dateFormat: "YYYY-MM-DD", amountKind: "signed", currencyKind: "fixed", currencyCode: account.currency, decimalMark: "." };
  const columns = Array.from({ length: width }, (_, i) => header[i] || `column ${i + 1}`);
  return (
    <>
      <BackLink href="/dashboard/statements">Statements</BackLink>
      <PageHeader title="Which column holds what?" description={`${upload.fileName} · ${account.name}. The mapping is saved for this account and offered next time.`} />
      <Card padding="sm" className="mb-6">
        <Table look="plain" caption="The file’s first rows" keyboardScroll columns={Array.from({ length: width }, (_, i) => ({ label: String(i + 1) }))}>
          {rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-100">
              {Array.from({ length: width }, (_, j) => (
                <td key={j} className="py-1.5 pr-3 text-xs">
                  {r[j] ?? ""}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </Card>
      <CardSection id="mapping" title="Column mapping" className="max-w-3xl">
        <MappingForm action={saveMappingAction.bind(null, upload.id)} initial={initial} columns={columns} />
      </CardSection>
    </>
  );
}

/** A file that cannot be read: why, line by line, and the ways on. */
function CannotImport({ upload, account, read, isCsv }: { upload: Upload; account: BankAccount; read: Extract<ReadResult, { ok: false }>; isCsv: boolean }) {
  return (
    <>
      <BackLink href="/dashboard/statements">Statements</BackLink>
      <PageHeader title="This file cannot be imported" description={`${upload.fileName} · ${account.name}`} />
      <div role="alert" className="mb-4 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-200">
        <p className="font-medium">{read.message}</p>
        {read.error === "unreadable" && (
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {read.lineErrors.slice(0, 50).map((e, i) => (
              <li key={i}>
                {e.lineNo > 0 ? `Line ${e.lineNo}: ` : ""}
                {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="flex flex-wrap gap-2">
        {isCsv && (
          <Link href={`/dashboard/statements/import/${upload.id}?mapping=1`} className={buttonClass("secondary")}>
            Change the column mapping
          </Link>
        )}
        <Link href="/dashboard/statements" className={buttonClass("secondary")}>
          Upload another file
        </Link>
      </p>
    </>
  );
}

/** The file's totals per currency and its balance check. */
function TotalsSection({ preview }: { preview: Preview }) {
  return (
    <CardSection id="totals" title="Totals">
      <dl className="space-y-1 text-sm">
        {Object.entries(preview.totals).map(([ccy, t]) => (
          <div key={ccy} className="flex flex-wrap justify-between gap-2">
            <dt className="text-slate-600">{ccy}</dt>
            <dd className="tabular">
              {t.creditCount} in: {formatMoney(t.credits, ccy, "en")} · {t.debitCount} out: {formatMoney(t.debits, ccy, "en")}
            </dd>
          </div>
        ))}
      </dl>
      {preview.balances.map((b, i) => (
        <p key={i} className={`mt-2 text-sm ${b.status === "mismatch" ? "font-medium text-red-800" : "text-slate-600"}`}>
          {b.status === "ok" && "Opening balance + credits − debits = closing balance: it adds up."}
          {b.status === "absent" && "The file states no opening and closing balance to check."}
          {b.status === "mismatch" &&
            `Balances do not add up: the lines give a closing balance of ${formatMoney(b.expectedClosing, b.currency, "en")}, the file states ${formatMoney(b.statedClosing, b.currency, "en")}. Is a line missing?`}
        </p>
      ))}
    </CardSection>
  );
}

/** What the import would do, counted by outcome, and the "Import" button. */
function WouldSection({ preview, uploadId }: { preview: Preview; uploadId: string }) {
  const { plan } = preview;
  const s = plan.summary;
  const will = [
    [s.matched, "paid exactly"],
    [s.underpaid, "underpaid"],
    [s.overpaid, "overpaid"],
    [s.review, "to review"],
    [s.suggested, "with suggestions"],
    [s.unmatched, "unmatched"],
    [s.outgoing, "outgoing"],
    [s.duplicate, "already imported (skipped)"],
  ].filter(([n]) => (n as number) > 0);
  return (
    <CardSection id="would" title="What the import does">
      <ul className="space-y-1 text-sm">
        {will.map(([n, what]) => (
          <li key={what as string}>
            <span className="tabular font-semibold">{n}</span> {what}
          </li>
        ))}
      </ul>
      <form action={importUploadAction.bind(null, uploadId)} className="mt-4">
        <button type="submit" className={buttonClass("primary")} disabled={preview.duplicateFile}>
          Import {plan.lines.length - s.duplicate} {plan.lines.length - s.duplicate === 1 ? "line" : "lines"}
        </button>
      </form>
    </CardSection>
  );
}

/** The file's lines (the first PREVIEW_ROWS) and what each would be. */
function PreviewLines({ lines }: { lines: PlannedLine[] }) {
  return (
    <>
      <Table
        caption="The file’s lines"
        keyboardScroll
        columns={[{ label: "Line" }, { label: "Date" }, { label: "Amount", className: "text-right" }, { label: "From / to" }, { label: "Reference and text" }, { label: "Would be" }]}
      >
        {lines.slice(0, PREVIEW_ROWS).map((p, i) => (
          <PreviewLineRow key={i} planned={p} />
        ))}
      </Table>
      {lines.length > PREVIEW_ROWS && <p className="mt-2 text-sm text-slate-600">The first {PREVIEW_ROWS} of {lines.length} lines.</p>}
    </>
  );
}

function PreviewLineRow({ planned: p }: { planned: PlannedLine }) {
  const d = p.decision;
  const state = d ? stateOf(d) : null;
  return (
    <tr className="align-top">
      <td className="px-4 py-2 text-xs text-slate-600">{p.line.position}</td>
      <td className="whitespace-nowrap px-4 py-2">{p.line.bookingDate}</td>
      <td className="px-4 py-2 text-right">
        <LineAmount amount={p.line.amountMinor} currency={p.line.currency} direction={p.line.direction} />
      </td>
      <td className="px-4 py-2">{p.line.counterpartyName ?? "—"}</td>
      <td className="max-w-xs break-words px-4 py-2 text-xs">{[p.line.structuredRef, p.line.remittanceText].filter(Boolean).join(" · ") || "—"}</td>
      <td className="px-4 py-2">
        {d === null ? (
          <span className="text-sm text-slate-500">Already imported</span>
        ) : (
          <>
            {state && <LineStateBadge state={state} />}
            {"reference" in d && <span className="ml-2 font-mono text-xs">{formatReference(d.reference)}</span>}
            {d.kind === "review" && <p className="mt-1 text-xs text-slate-600">{REVIEW_REASON_TEXT[d.reason]}</p>}
          </>
        )}
      </td>
    </tr>
  );
}
