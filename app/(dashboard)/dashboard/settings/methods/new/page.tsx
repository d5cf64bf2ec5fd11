import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { MethodForm } from "@/components/settings/method-form";
import { saveMethodAction } from "../actions";
import { EMPTY_METHOD } from "../method-values";

export const metadata: Metadata = { title: "Add a payment method" };

export default async function NewMethodPage() {
  await requireStaff("admin");
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href="/dashboard/settings/methods" className="text-accent-700 underline">← Payment methods</Link>
      </p>
      <h2 className="mb-4 text-xl font-semibold">Add a payment method</h2>
      <MethodForm action={saveMethodAction.bind(null, null)} initial={EMPTY_METHOD} submitLabel="Create method" />
    </div>
  );
}
