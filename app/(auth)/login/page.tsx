import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/auth";
import { LoginForm } from "./login-form";
import { TIME_ZONE_SCRIPT } from "@/lib/time-zone";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await currentStaff()) redirect("/dashboard");
  const { notice } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6 py-12">
      <div className="mb-8 flex items-center gap-2">
        <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8">
          <rect width="32" height="32" rx="7" fill="#2952cc" />
          <path d="M9 16.5l4.5 4.5L23 11" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="text-lg font-semibold">Direct Payments</span>
      </div>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {notice === "signed-out-everywhere" && (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900 ring-1 ring-emerald-200">
          You are signed out on every device.
        </p>
      )}
      <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <LoginForm />
      </div>
      {/* Sets the time zone cookie before the first dashboard page, whose dates are formatted on the server. */}
      <script dangerouslySetInnerHTML={{ __html: TIME_ZONE_SCRIPT }} />
    </main>
  );
}
