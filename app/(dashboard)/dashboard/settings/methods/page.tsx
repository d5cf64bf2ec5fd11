// Payment methods in the order customers see them, with the switches admins need.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { listMethods, paymentsUsingMethod } from "@/db/methods";
import { METHOD_KIND_LABELS } from "@/lib/method-form";
import { QR_STANDARD_INFO } from "@/lib/qr/payloads";
import { buttonClass } from "@/components/ui/button";
import { Flash } from "@/components/dashboard/flash";
import { ConfirmAction, smallButtonClass } from "@/components/ui/popover";
import { deleteMethodAction, moveMethodAction, setMethodArchivedAction, setMethodEnabledAction } from "./actions";

export const metadata: Metadata = { title: "Payment methods" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MethodsPage({ searchParams }: Props) {
  await requireStaffPage("admin");
  const params = await searchParams;
  const name = typeof params.name === "string" ? params.name.slice(0, 80) : "";
  const db = getDb();
  const methods = listMethods(db);
  const active = methods.filter((m) => !m.archived);
  const small = smallButtonClass;

  return (
    <>
      <Flash
        params={params}
        messages={{
          created: `Method “${name}” created. It is shown to customers while enabled.`,
          saved: `Method “${name}” saved. Payments that already chose it keep the details they were shown.`,
          enabled: `“${name}” is enabled: customers can choose it.`,
          disabled: `“${name}” is disabled: new payments no longer offer it.`,
          archived: `“${name}” archived.`,
          unarchived: `“${name}” restored (still disabled until you enable it).`,
          deleted: `“${name}” deleted.`,
          moved: "Order changed.",
          in_use: `“${name}” has been chosen by payments, so it cannot be deleted. Archive it instead.`,
          archived_method: "Archived methods cannot be enabled; restore it first.",
          not_found: "That method no longer exists.",
        }}
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-600">Customers see enabled methods that accept their payment’s currency and amount, in this order.</p>
        <div className="flex gap-2">
          <Link href="/dashboard/settings/methods/new" className={buttonClass("primary")}>
            Add a method
          </Link>
        </div>
      </div>
      {methods.length === 0 ? (
        <div className="rounded-2xl bg-white px-6 py-12 text-center ring-1 ring-slate-200">
          <p className="text-lg font-medium">No payment methods yet</p>
          <p className="mt-1 text-slate-600">Add your bank account, PayPal or cash desk so customers can pay.</p>
        </div>
      ) : (
        <ul className="space-y-3">
          {methods.map((m) => {
            const idx = active.indexOf(m);
            const used = paymentsUsingMethod(db, m.id);
            const limits = [m.minAmount && `from ${m.minAmount}`, m.maxAmount && `up to ${m.maxAmount}`].filter(Boolean).join(" ");
            return (
              <li key={m.id} data-testid="method-row" className={`rounded-2xl bg-white p-4 ring-1 ring-slate-200 ${m.archived ? "opacity-70" : ""}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <h2 className="text-base font-semibold">{m.name}</h2>
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${
                          m.archived ? "bg-slate-100 text-slate-600 ring-slate-300" : m.enabled ? "bg-emerald-50 text-emerald-900 ring-emerald-300" : "bg-slate-100 text-slate-700 ring-slate-300"
                        }`}
                      >
                        {m.archived ? "Archived" : m.enabled ? "● Enabled" : "○ Disabled"}
                      </span>
                    </div>
                    <p className="mt-1 text-sm text-slate-600">
                      {METHOD_KIND_LABELS[m.kind]} · {m.currencies.length ? m.currencies.join(", ") : "any currency"}
                      {limits && ` · ${limits}`}
                      {m.qrStandard && ` · QR: ${QR_STANDARD_INFO[m.qrStandard].label}`}
                      {m.hoursOpen && ` · ${m.hoursOpen} h to pay`}
                      {` · used by ${used} payment${used === 1 ? "" : "s"}`}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {!m.archived && (
                      <>
                        <form action={moveMethodAction.bind(null, m.id, "up")}>
                          <button type="submit" disabled={idx <= 0} aria-label={`Move ${m.name} up`} className={`${small} disabled:opacity-40`}>
                            ↑
                          </button>
                        </form>
                        <form action={moveMethodAction.bind(null, m.id, "down")}>
                          <button type="submit" disabled={idx === active.length - 1} aria-label={`Move ${m.name} down`} className={`${small} disabled:opacity-40`}>
                            ↓
                          </button>
                        </form>
                        <form action={setMethodEnabledAction.bind(null, m.id, !m.enabled)}>
                          <button type="submit" className={small}>
                            {m.enabled ? "Disable" : "Enable"}
                            <span className="sr-only"> {m.name}</span>
                          </button>
                        </form>
                      </>
                    )}
                    <Link href={`/dashboard/settings/methods/${m.id}`} className={small}>
                      Edit<span className="sr-only"> {m.name}</span>
                    </Link>
                    <Link href={`/dashboard/settings/methods/${m.id}/preview`} className={small}>
                      Preview<span className="sr-only"> {m.name}</span>
                    </Link>
                    <form action={setMethodArchivedAction.bind(null, m.id, !m.archived)}>
                      <button type="submit" className={small}>
                        {m.archived ? "Restore" : "Archive"}
                        <span className="sr-only"> {m.name}</span>
                      </button>
                    </form>
                    {used === 0 && (
                      <ConfirmAction
                        summary={<>Delete<span className="sr-only"> {m.name}</span></>}
                        message={<>Delete “{m.name}” for good? No payment has used it.</>}
                        confirmLabel="Delete method"
                        action={deleteMethodAction.bind(null, m.id)}
                      />
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {active.length < 3 && (
        <p className="mt-4 text-sm text-slate-600">
          Missing a payment system your customers use?{" "}
          <Link href="/dashboard/requests/new" className="font-medium text-accent-700 underline">
            Request a payment method
          </Link>
        </p>
      )}
    </>
  );
}
