import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { parseId } from "@/lib/parse-id";
import { methodById, paymentsUsingMethod } from "@/db/methods";
import { MethodForm } from "@/components/settings/method-form";
import { saveMethodAction } from "../actions";
import { methodToValues } from "../method-values";
import { BackLink } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Edit payment method" };

export default async function EditMethodPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("admin");
  const { id } = await params;
  const rowId = parseId(id);
  const method = rowId ? await methodById(await getDb(), rowId) : undefined;
  if (!method) notFound();
  const used = await paymentsUsingMethod(await getDb(), method.id);
  return (
    <div className="max-w-3xl">
      <BackLink href="/dashboard/settings/methods">Payment methods</BackLink>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xl font-semibold">Edit “{method.name}”</h2>
        <Link href={`/dashboard/settings/methods/${method.id}/preview`} className="text-sm font-medium text-accent-700 underline">
          Preview as customer
        </Link>
      </div>
      {used > 0 && (
        <p className="mb-4 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-700">
          {used} payment{used === 1 ? " has" : "s have"} chosen this method. They keep the details shown at the time; your changes apply to new choices.
        </p>
      )}
      <MethodForm action={saveMethodAction.bind(null, method.id)} initial={methodToValues(method)} submitLabel="Save changes" />
    </div>
  );
}
