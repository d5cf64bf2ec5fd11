// Payment methods in the order customers see them, with the switches admins need.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { listMethods, paymentsUsingMethod } from "@/db/methods";
import { buttonClass } from "@/components/ui/button";
import { Flash } from "@/components/dashboard/flash";
import { EmptyState } from "@/components/ui/card";
import { MethodRow } from "@/components/methods/method-row";
import { deleteMethodAction, moveMethodAction, setMethodArchivedAction, setMethodEnabledAction } from "./actions";

export const metadata: Metadata = { title: "Payment methods" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MethodsPage({ searchParams }: Props) {
  await requireStaff("admin");
  const params = await searchParams;
  const name = typeof params.name === "string" ? params.name.slice(0, 80) : "";
  const db = await getDb();
  const methods = await listMethods(db);
  const usedBy = new Map(await Promise.all(methods.map(async (m) => [m.id, await paymentsUsingMethod(db, m.id)] as const)));
  const active = methods.filter((m) => !m.archived);

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
        <Link href="/dashboard/settings/methods/new" className={buttonClass("primary")}>
          Add a method
        </Link>
      </div>
      {methods.length === 0 ? (
        <EmptyState title="No payment methods yet">Add your bank account, PayPal or cash desk so customers can pay.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {methods.map((m) => (
            <MethodRow
              key={m.id}
              method={m}
              used={usedBy.get(m.id) ?? 0}
              first={active.indexOf(m) <= 0}
              last={active.indexOf(m) === active.length - 1}
              actions={{
                moveUp: moveMethodAction.bind(null, m.id, "up"),
                moveDown: moveMethodAction.bind(null, m.id, "down"),
                toggleEnabled: setMethodEnabledAction.bind(null, m.id, !m.enabled),
                toggleArchived: setMethodArchivedAction.bind(null, m.id, !m.archived),
                remove: deleteMethodAction.bind(null, m.id),
              }}
            />
          ))}
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
