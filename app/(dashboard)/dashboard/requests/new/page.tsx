import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/auth";
import { RequestForm } from "@/components/requests/request-form";

export const metadata: Metadata = { title: "Request a payment method" };

export default async function NewRequestPage() {
  await requireStaffPage();
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href="/dashboard/requests" className="text-accent-700 underline">← Requests</Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">Request a payment method</h1>
      <p className="mb-6 text-slate-600">
        Ask the admins to connect a payment system your customers use. You can follow the request and talk with them in its thread.
      </p>
      <div className="rounded-2xl bg-white p-6 ring-1 ring-slate-200">
        <RequestForm />
      </div>
    </div>
  );
}
