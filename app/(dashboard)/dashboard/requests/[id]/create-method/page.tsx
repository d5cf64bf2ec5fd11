// "Create method from request": the admin's method form, pre-filled from what the requester asked for.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { parseId } from "@/lib/parse-id";
import { requestForViewer } from "@/db/requests";
import { requestToMethodValues } from "@/lib/request-form";
import { REQUEST_STATUS_LABELS } from "@/lib/request-status";
import { MethodForm } from "@/components/settings/method-form";
import { EMPTY_METHOD } from "@/app/(dashboard)/dashboard/settings/methods/method-values";
import { createMethodFromRequestAction } from "../../actions";
import { Card, EmptyState } from "@/components/ui/card";
import { BackLink, PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Create method from request" };

export default async function CreateMethodFromRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("admin");
  const { id } = await params;
  const rowId = parseId(id);
  const r = rowId ? await requestForViewer(await getDb(), rowId, staff) : undefined;
  if (!r) notFound();
  const back = `/dashboard/requests/${r.id}`;
  const open = r.status === "new" || r.status === "in_progress";
  // What the form has no field for, kept in view while the admin fills it in.
  const asked = (
    [
      ["Countries", r.countries],
      ["Website", r.website ?? ""],
      ["Account details as sent", r.accountDetails],
      ["Comment", r.comment],
    ] as const
  ).filter(([, v]) => v);
  return (
    <div className={open ? "max-w-6xl" : "max-w-3xl"}>
      <BackLink href={back}>Request: {r.paymentSystem}</BackLink>
      <PageHeader title="Create method from request" className="mb-1" />
      {open ? (
        <>
          <p className="mb-6 max-w-3xl text-slate-600">
            Filled in from {r.requesterName}’s request. Check each field, the kind and the instructions: saving creates the method (shown to
            customers while enabled), links it to the request and marks the request done.
          </p>
          <div className="grid gap-6 lg:grid-cols-[minmax(0,48rem)_18rem] lg:items-start">
            <Card as="aside" padding="sm" aria-labelledby="asked" className="min-w-0 text-sm lg:sticky lg:top-4 lg:order-last">
              <h2 id="asked" className="mb-2 font-semibold">What was asked</h2>
              <dl className="space-y-2">
                {asked.map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-slate-600">{label}</dt>
                    <dd className="whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
                  </div>
                ))}
              </dl>
            </Card>
            <div className="min-w-0">
              <MethodForm action={createMethodFromRequestAction.bind(null, r.id)} initial={requestToMethodValues(r, EMPTY_METHOD)} submitLabel="Create method and mark done" />
            </div>
          </div>
        </>
      ) : (
        <EmptyState className="mt-4 py-10" title={`This request is ${REQUEST_STATUS_LABELS[r.status].toLowerCase()}`}>
          <p>{r.status === "done" ? "A method was already created for it." : "Reopen it first if you want to connect it after all."}</p>
          <Link href={back} className="mt-4 inline-block font-medium text-accent-700 underline">Back to the request</Link>
        </EmptyState>
      )}
    </div>
  );
}
