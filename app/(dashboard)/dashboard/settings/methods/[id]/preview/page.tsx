// "Preview as customer": the method's payment page as a payer would see it, with a sample amount and reference.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { parseId } from "@/lib/parse-id";
import { methodById, snapshotOf } from "@/db/methods";
import { getBusinessProfile } from "@/db/users";
import { MESSAGES } from "@/lib/i18n";
import { compareMinorToLimit, currencyExponent, formatMoney, parseAmount } from "@/lib/money";
import { formatReference, referenceCheckSymbol } from "@/lib/reference";
import { MethodInstructions } from "@/components/payments/method-instructions";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Preview as customer" };

const SAMPLE_BODY = "PREV1EW";

/** A sample amount of 49.90 in the method's first currency, moved inside its limits. */
function sampleAmount(currency: string, min: string | null, max: string | null): number {
  let minor = parseAmount(currencyExponent(currency) === 0 ? "5000" : "49.90", currency);
  let amount = minor.ok ? minor.minor : 1;
  for (const [limit, side] of [[min, -1], [max, 1]] as const) {
    if (limit && compareMinorToLimit(amount, currency, limit) === side) {
      minor = parseAmount(limit, currency);
      if (minor.ok) amount = minor.minor;
    }
  }
  return amount;
}

export default async function PreviewMethodPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("admin");
  const { id } = await params;
  const db = await getDb();
  const rowId = parseId(id);
  const m = rowId ? await methodById(db, rowId) : undefined;
  if (!m) notFound();
  const profile = await getBusinessProfile(db);
  const currency = m.currencies[0] ?? profile.defaultCurrency;
  const amount = sampleAmount(currency, m.minAmount, m.maxAmount);
  const reference = formatReference(SAMPLE_BODY + referenceCheckSymbol(SAMPLE_BODY));
  const t = MESSAGES.en;
  const expiresAt = Date.now() + (m.hoursOpen ?? profile.defaultHoursOpen) * 3600_000;

  return (
    <div>
      <p className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-200">
        <span>
          Preview of “{m.name}” as a customer sees it, with a sample amount and reference.
          {!m.enabled && " This method is disabled, so customers do not see it now."}
        </span>
        <Link href={`/dashboard/settings/methods/${m.id}`} className="font-medium underline">
          Edit method
        </Link>
      </p>
      <div className="mx-auto max-w-lg rounded-3xl bg-slate-50 p-4 ring-1 ring-slate-200">
        <p className="text-sm text-slate-600">{t.paymentRequestFrom}</p>
        <p className="mb-4 text-lg font-semibold">{profile.name}</p>
        <Card as="section" className="mb-4 shadow-sm">
          <p className="text-sm text-slate-600">{t.amountToPay}</p>
          <p className="tabular text-3xl font-semibold">{formatMoney(amount, currency, "en")}</p>
        </Card>
        <Card as="section" className="shadow-sm" aria-labelledby="preview-method">
          <p className="text-sm text-slate-600">{t.payWith}</p>
          <h2 id="preview-method" className="text-lg font-semibold">{m.name}</h2>
          <MethodInstructions
            method={snapshotOf(m)}
            amount={amount}
            currency={currency}
            reference={reference}
            order="Order 1042"
            expiresAt={expiresAt}
            locale="en"
            t={t}
            showQrErrors
          />
        </Card>
      </div>
    </div>
  );
}
