import type { Metadata } from "next";
import { requireStaffPage } from "@/auth";
import { Flash } from "@/components/dashboard/flash";
import { ChangePasswordForm } from "@/components/settings/change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireStaffPage();
  const params = await searchParams;
  return (
    <div className="max-w-md">
      <h1 className="mb-1 text-2xl font-semibold">Your account</h1>
      <p className="mb-4 text-slate-600">
        {me.name} · {me.email} · {me.role}
      </p>
      <Flash params={params} messages={{ password: "Password changed. Use it the next time you sign in." }} />
      <section aria-labelledby="pw" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="pw" className="mb-4 text-lg font-semibold">Change password</h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
